import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COGNITO_MOCK_KEY, type CognitoMock, type CognitoMockInfo, startCognitoMock, vitestGlobalSetup } from '../../src/testing/index.js';
import { createAccessTokenVerifier } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, READER_CLIENT, requestToken, testFixtures } from '../support/fixtures.js';
import { claimsOf } from './support/forge.js';
import { useTempDir } from '../support/temp-dir.js';

const NOW_MS = 1_767_225_600_000;

describe('startCognitoMock', () => {
  const tmp = useTempDir('testing-api', 'all');
  let mock: CognitoMock;
  beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures(), clock: () => NOW_MS }); });
  afterAll(() => mock.stop());

  it('listens on a free port by default and names its endpoints', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.url).not.toMatch(/:0$/);
    expect(mock.tokenEndpoint).toBe(`${mock.url}/oauth2/token`);
    expect(mock.jwksUri(POOL_ID)).toBe(`${mock.url}/${POOL_ID}/.well-known/jwks.json`);
    expect(mock.issuer(POOL_ID)).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`);
    expect(mock.verifierOptions(OTHER_POOL_ID)).toEqual({
      userPoolId: OTHER_POOL_ID,
      issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${OTHER_POOL_ID}`,
      jwksUri: `${mock.url}/${OTHER_POOL_ID}/.well-known/jwks.json`,
    });
  });

  it('returns the JWKS the server publishes', async () => {
    const served = await (await fetch(mock.jwksUri(POOL_ID))).json();
    expect(mock.jwks(POOL_ID)).toEqual(served);
    expect(() => mock.jwks('us-east-1_Nope')).toThrow('cognito-mock has no user pool us-east-1_Nope');
  });

  it('mints a token with Cognito\'s claims at the mock\'s clock, with the client\'s scopes and validity', () => {
    const claims = claimsOf(mock.mintAccessToken({ clientId: READER_CLIENT.id }));
    expect(Object.keys(claims)).toEqual(['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id']);
    expect(claims).toMatchObject({
      sub: READER_CLIENT.id, token_use: 'access', scope: 'orders/read', iat: NOW_MS / 1000,
      exp: NOW_MS / 1000 + 300, client_id: READER_CLIENT.id, iss: mock.issuer(POOL_ID),
    });
  });

  it('mints whatever a negative test needs: scopes, lifetimes, extra claims', () => {
    const claims = claimsOf(mock.mintAccessToken({ clientId: READER_CLIENT.id, scopes: ['orders/admin'], expiresIn: -10, claims: { nbf: 1 } }));
    expect(claims).toMatchObject({ scope: 'orders/admin', exp: NOW_MS / 1000 - 10, nbf: 1 });
  });

  it('mints the same token the token endpoint issues, as far as a verifier can tell', async () => {
    const verifier = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: ORDERS_CLIENT.id, clock: () => NOW_MS });
    const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
    const fromHttp = claimsOf(((await res.json()) as { access_token: string }).access_token);
    const minted = await verifier.verify(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id }));
    expect({ ...minted, jti: 'x' }).toEqual({ ...fromHttp, jti: 'x' });
  });

  it('refuses to mint for an unknown client', () => {
    expect(() => mock.mintAccessToken({ clientId: 'nobody' })).toThrow('cognito-mock has no app client nobody');
  });

  it('takes fixtures from a file path as well as an object', async () => {
    const file = tmp.join('pools.json');
    await writeFile(file, JSON.stringify(testFixtures()));
    const fromFile = await startCognitoMock({ fixtures: file, issuer: 'local' });
    try {
      const verifier = createAccessTokenVerifier({ ...fromFile.verifierOptions(POOL_ID), clientId: null });
      await expect(verifier.verify(fromFile.mintAccessToken({ clientId: ORDERS_CLIENT.id }))).resolves.toMatchObject({ iss: `${fromFile.url}/${POOL_ID}` });
      expect(fromFile.jwks(POOL_ID)).toEqual(mock.jwks(POOL_ID)); // the fixture's keys, not fresh ones
    } finally {
      await fromFile.stop();
    }
  });

  it('stops listening on stop()', async () => {
    const short = await startCognitoMock({ fixtures: testFixtures() });
    await short.stop();
    await expect(fetch(`${short.url}/health`)).rejects.toThrow();
  });
});

describe('vitestGlobalSetup', () => {
  it('starts a mock, provides its URLs per pool, and stops it on teardown', async () => {
    const provided = new Map<string, CognitoMockInfo>();
    const teardown = await vitestGlobalSetup({ fixtures: testFixtures() })({ provide: (key, value) => provided.set(key, value) });
    const info = provided.get(COGNITO_MOCK_KEY)!;
    expect(COGNITO_MOCK_KEY).toBe('cognitoMock');
    expect(Object.keys(info.pools).sort()).toEqual([OTHER_POOL_ID, POOL_ID].sort());
    expect(info.pools[POOL_ID]).toEqual({
      userPoolId: POOL_ID, issuer: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`, jwksUri: `${info.url}/${POOL_ID}/.well-known/jwks.json`,
    });
    expect(JSON.parse(JSON.stringify(info))).toEqual(info); // crosses to the workers as JSON

    const res = await requestToken(info.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
    const { access_token } = (await res.json()) as { access_token: string };
    const verifier = createAccessTokenVerifier({ ...info.pools[POOL_ID]!, clientId: ORDERS_CLIENT.id });
    await expect(verifier.verify(access_token)).resolves.toMatchObject({ client_id: ORDERS_CLIENT.id });

    await teardown();
    await expect(fetch(`${info.url}/health`)).rejects.toThrow();
  });
});
