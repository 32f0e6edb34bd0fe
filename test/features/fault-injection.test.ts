import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { createAccessTokenVerifier } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, POOL_ID, READER_CLIENT, testFixtures } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { awsVerifierOnMock, tokenResponse } from './support/aws-verifier.js';

// Fault injection for negative tests (README "Fault injection"): off unless asked for.

let mock: CognitoMock;
beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
afterAll(() => mock.stop());
afterEach(() => mock.clearFaults());

const answer = async (client: { id: string; secret: string }) => {
  const res = await tokenResponse(mock, client);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const ok = { status: 200, body: expect.objectContaining({ token_type: 'Bearer' }) };

describe('token endpoint faults', () => {
  it('answer the next N requests of a client with the error, then recover; other clients are untouched', async () => {
    mock.injectFault({ on: 'token', clientId: ORDERS_CLIENT.id, error: 'invalid_client', times: 2 });
    expect(await answer(READER_CLIENT)).toEqual(ok);
    expect(await answer(ORDERS_CLIENT)).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(await answer(ORDERS_CLIENT)).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(await answer(ORDERS_CLIENT)).toEqual(ok);
  });

  it('without times, fail every request of every client until cleared; outage codes get 500 and 503', async () => {
    mock.injectFault({ on: 'token', error: 'temporarily_unavailable' });
    for (let i = 0; i < 3; i++) expect(await answer(i % 2 ? ORDERS_CLIENT : READER_CLIENT)).toEqual({ status: 503, body: { error: 'temporarily_unavailable' } });
    mock.clearFaults();
    mock.injectFault({ on: 'token', error: 'server_error', times: 1 });
    expect(await answer(ORDERS_CLIENT)).toEqual({ status: 500, body: { error: 'server_error' } });
    expect(await answer(ORDERS_CLIENT)).toEqual(ok);
  });

  it('hit authenticated clients only: a wrong secret still gets its own answer', async () => {
    mock.injectFault({ on: 'token', error: 'invalid_scope', times: 1 });
    expect(await answer({ id: ORDERS_CLIENT.id, secret: 'wrong' })).toEqual({ status: 400, body: { error: 'invalid_client' } });
    expect(await answer(ORDERS_CLIENT)).toEqual({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('add latency before the answer', async () => {
    mock.injectFault({ on: 'token', clientId: ORDERS_CLIENT.id, latencyMs: 50, times: 1 });
    const started = performance.now();
    expect(await answer(ORDERS_CLIENT)).toEqual(ok);
    expect(performance.now() - started).toBeGreaterThanOrEqual(49);
  });

  it('are checked when given to the testing API', () => {
    expect(() => mock.injectFault({ on: 'token', error: 'nope' as never })).toThrow(TypeError);
    expect(() => mock.injectFault({ on: 'token', clientId: ORDERS_CLIENT.id })).toThrow('a token fault needs error or latencyMs');
    expect(() => mock.injectFault({ on: 'token', error: 'invalid_client', times: 0 })).toThrow(TypeError);
    expect(() => mock.injectFault({ on: 'management', operation: 'DescribeEverything' })).toThrow(TypeError);
  });
});

describe('management API faults', () => {
  it('throttle with 400 TooManyRequestsException "Rate exceeded", named by the SDK', async () => {
    mock.injectFault({ on: 'management', operation: 'DescribeUserPoolClient', times: 1 });
    const sdk = managementClient(mock.url);
    const describe = () => sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id }));
    expect(await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))).toHaveProperty('UserPools');
    expect(await failure(describe())).toEqual({ name: 'TooManyRequestsException', message: 'Rate exceeded', status: 400 });
    expect((await describe()).UserPoolClient!.ClientId).toBe(ORDERS_CLIENT.id);
  });

  it('are retried away by an SDK client that retries (throttling is retryable by its name)', async () => {
    mock.injectFault({ on: 'management', times: 1 });
    const sdk = new CognitoIdentityProviderClient({ endpoint: mock.url, region: 'us-east-1', maxAttempts: 2,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const result = await sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(result.$metadata.attempts).toBe(2);
  });

  it('can name another error and add latency', async () => {
    mock.injectFault({ on: 'management', error: 'InternalErrorException', message: 'boom', latencyMs: 20, times: 1 });
    expect(await failure(managementClient(mock.url).send(new ListUserPoolsCommand({ MaxResults: 10 }))))
      .toEqual({ name: 'InternalErrorException', message: 'boom', status: 500 });
  });
});

describe('fixture faults (MockFaults on a client)', () => {
  const withFault = (MockFaults: unknown) => {
    const fixtures = testFixtures();
    Object.assign(fixtures.UserPools[0]!.UserPoolClients[0]!, { MockFaults });
    return fixtures;
  };

  it('apply from the start, and never reach the store or DescribeUserPoolClient', async () => {
    const faulty = await startCognitoMock({ fixtures: withFault({ Error: 'invalid_grant', Times: 1 }) });
    try {
      const res = await tokenResponse(faulty, ORDERS_CLIENT);
      expect([res.status, await res.json()]).toEqual([400, { error: 'invalid_grant' }]);
      expect((await tokenResponse(faulty, ORDERS_CLIENT)).status).toBe(200);
      const { UserPoolClient } = await managementClient(faulty.url).send(new DescribeUserPoolClientCommand({ UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id }));
      expect(UserPoolClient).not.toHaveProperty('MockFaults');
      expect(JSON.stringify(faulty.snapshot())).not.toContain('MockFaults');
    } finally {
      await faulty.stop();
    }
  });

  it('are checked like the rest of the fixture', async () => {
    await expect(startCognitoMock({ fixtures: withFault({ Error: 'teapot' }) })).rejects.toMatchObject({ problems: [
      expect.stringMatching(/^<fixtures object>: UserPools\[0\]\.UserPoolClients\[0\]\.MockFaults: Error must be one of invalid_request, /),
    ] });
    await expect(startCognitoMock({ fixtures: withFault({ Error: 'invalid_client', On: 'management' }) })).rejects.toMatchObject({ problems: [
      expect.stringContaining('MockFaults: unknown member "On"'),
    ] });
  });
});

describe('POST/GET/DELETE /_mock/faults', () => {
  const faults = (method: string, body?: unknown) => fetch(`${mock.url}/_mock/faults`, {
    method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  it('set, list and clear faults for a mock run as a CLI', async () => {
    const added = await faults('POST', { On: 'token', ClientId: ORDERS_CLIENT.id, Error: 'unauthorized_client', Times: 2 });
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({ Faults: [{ On: 'token', ClientId: ORDERS_CLIENT.id, Error: 'unauthorized_client', Times: 2 }] });
    expect(await answer(ORDERS_CLIENT)).toEqual({ status: 400, body: { error: 'unauthorized_client' } });
    await faults('POST', { On: 'management', Operation: 'ListUserPools' });
    expect(await (await faults('GET')).json()).toEqual({ Faults: [
      { On: 'token', ClientId: ORDERS_CLIENT.id, Error: 'unauthorized_client', Times: 1 },
      { On: 'management', Operation: 'ListUserPools' },
    ] });
    expect(await (await faults('DELETE')).json()).toEqual({ Faults: [] });
    expect(await answer(ORDERS_CLIENT)).toEqual(ok);
  });

  it('answer 400 InvalidParameterException to a malformed fault', async () => {
    for (const body of [{ On: 'token' }, { On: 'elsewhere', Error: 'invalid_client' }, { On: 'token', Error: 'invalid_client', LatencyMs: -1 }, { Oops: 1 }]) {
      const res = await faults('POST', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { __type: string }).__type).toBe('InvalidParameterException');
    }
    expect(await (await faults('GET')).json()).toEqual({ Faults: [] });
  });
});

describe('mintAccessToken faults', () => {
  const awsVerifier = () => {
    const { verifier } = awsVerifierOnMock(mock, POOL_ID, ORDERS_CLIENT.id);
    verifier.cacheJwks(mock.jwks(POOL_ID));
    return verifier;
  };
  const ours = () => createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: ORDERS_CLIENT.id });
  const mint = (fault: Record<string, boolean>) => mock.mintAccessToken({ clientId: ORDERS_CLIENT.id, ...fault });

  it('mints tokens both verifiers reject, each for its own reason', async () => {
    const cases: [Record<string, boolean>, RegExp, string][] = [
      [{ expired: true }, /^Token expired at /, 'token_expired'],
      [{ notYetValid: true }, /^Token can't be used before /, 'token_not_yet_valid'],
      [{ signedWithUnknownKey: true }, /JWK for kid .* not found in the JWKS/, 'unknown_kid'],
      [{ wrongIssuer: true }, /issuer not configured: https:\/\/wrong-issuer\.invalid\//, 'issuer_mismatch'],
    ];
    for (const [fault, awsMessage, code] of cases) {
      const token = mint(fault);
      await expect(awsVerifier().verify(token), JSON.stringify(fault)).rejects.toThrow(awsMessage);
      await expect(ours().verify(token), JSON.stringify(fault)).rejects.toMatchObject({ code });
    }
    // The unknown key is one key per process: same kid every time, in no pool's JWKS.
    const unknownKid = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid;
    expect(unknownKid(mint({ signedWithUnknownKey: true }))).toBe(unknownKid(mint({ signedWithUnknownKey: true })));
    expect(mock.jwks(POOL_ID).keys.map((key) => key.kid)).not.toContain(unknownKid(mint({ signedWithUnknownKey: true })));
    // And a token without faults passes both.
    expect(await ours().verify(mint({}))).toMatchObject({ client_id: ORDERS_CLIENT.id });
    expect(await awsVerifier().verify(mint({}))).toMatchObject({ client_id: ORDERS_CLIENT.id });
  });
});
