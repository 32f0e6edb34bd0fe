import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteResourceServerCommand, DeleteUserPoolCommand, GetClientTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CognitoMock, CognitoMockError, type PreTokenGenerationHandler, startCognitoMock } from '../../src/testing/index.js';
import { TEST_KEYS, requestToken, signingKeys } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';

// Domain problems reach each protocol in its own shape (the edges in middleware/): a problem met
// on the token endpoint's path answers `{"error"}` and never `{"__type"}`, the same problem met by
// GetClientToken answers Cognito's `{"__type", "message"}`, and the testing API throws a
// CognitoMockError with the problem's code.

const POOL_ID = 'us-east-1_EdgePool1';
const M2M = { id: '9edge0client0m2m000000id09', secret: 'edge0m2m0secret0for0tests0only0000000000000000000009' };
const API = { id: '9edge0client0api000000id10', secret: 'edge0api0secret0for0tests0only0000000000000000000010' };
const oauth = { AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] };

const fixtures = () => ({
  UserPools: [{
    Id: POOL_ID,
    Name: 'edge-pool',
    SigningKeys: signingKeys(2),
    ResourceServers: [{ Identifier: 'orders', Name: 'Orders API', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }] }],
    UserPoolClients: [
      { ClientId: M2M.id, ClientName: 'm2m', ClientSecret: M2M.secret, ...oauth },
      { ClientId: API.id, ClientName: 'api', ClientSecret: API.secret, ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH'], ...oauth },
    ],
  }],
});

let mock: CognitoMock;
let running: CognitoMock | undefined;
let logged: string[];
const start = async (options: Parameters<typeof startCognitoMock>[0]): Promise<void> => {
  mock = await startCognitoMock(options);
  running = mock;
};
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => { logged.push(String(line)); });
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  vi.restoreAllMocks();
});

/** A trigger that deletes its own pool through the API while the token is being made, then answers as if nothing happened. */
const deletingPool = (): PreTokenGenerationHandler => async (event) => {
  await managementClient(mock.url).send(new DeleteUserPoolCommand({ UserPoolId: POOL_ID }));
  return event;
};

const tokenAnswer = async () => {
  const res = await requestToken(mock.tokenEndpoint, { clientId: M2M.id, secret: M2M.secret });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    errorType: res.headers.get('x-amzn-errortype'),
    requestId: res.headers.get('x-amz-cognito-request-id'),
    body: await res.json(),
  };
};
const oauthError = (error: string) => ({
  status: 400, contentType: 'application/json;charset=UTF-8', errorType: null, requestId: expect.any(String), body: { error },
});
const getClientToken = () => managementClient(mock.url).send(new GetClientTokenCommand({ ClientId: API.id, Secret: API.secret }));

describe('a pool deleted while its token is being made', () => {
  it('the token endpoint answers invalid_client in OAuth\'s shape, never with __type', async () => {
    await start({ fixtures: fixtures(), triggers: { [POOL_ID]: deletingPool() } });
    expect(await tokenAnswer()).toEqual(oauthError('invalid_client'));
  });

  it('GetClientToken answers ResourceNotFoundException, as for any unknown client', async () => {
    await start({ fixtures: fixtures(), triggers: { [POOL_ID]: deletingPool() } });
    expect(await failure(getClientToken()))
      .toEqual({ name: 'ResourceNotFoundException', message: `User pool client ${API.id} does not exist.`, status: 400 });
  });
});

describe('a client whose every scope lost its resource server', () => {
  beforeEach(async () => {
    await start({ fixtures: fixtures() });
    await managementClient(mock.url).send(new DeleteResourceServerCommand({ UserPoolId: POOL_ID, Identifier: 'orders' }));
  });

  it('the token endpoint answers invalid_scope', async () => {
    expect(await tokenAnswer()).toEqual(oauthError('invalid_scope'));
  });

  it('GetClientToken answers InvalidParameterException naming why', async () => {
    expect(await failure(getClientToken())).toEqual({
      name: 'InvalidParameterException', message: 'None of the scopes the client may request is defined by a resource server of the pool.', status: 400,
    });
  });
});

describe('a trigger that throws', () => {
  it('the token endpoint answers invalid_request, GetClientToken UserLambdaValidationException', async () => {
    await start({ fixtures: fixtures(), triggers: { [POOL_ID]: () => { throw new Error('no tenant'); } } });
    expect(await tokenAnswer()).toEqual(oauthError('invalid_request'));
    expect(await failure(getClientToken()))
      .toEqual({ name: 'UserLambdaValidationException', message: 'PreTokenGeneration failed with error no tenant.', status: 400 });
  });
});

describe('the testing API', () => {
  const codeOf = async (call: () => unknown): Promise<Pick<CognitoMockError, 'name' | 'code' | 'type' | 'message'>> => {
    try {
      await call();
    } catch (error) {
      expect(error).toBeInstanceOf(CognitoMockError);
      const { name, code, type, message } = error as CognitoMockError;
      return { name, code, type, message };
    }
    throw new Error('expected the call to fail, but it succeeded');
  };

  it('throws CognitoMockErrors with a stable code, and a bad key rejects the promise instead of throwing', async () => {
    await start({ fixtures: fixtures() });
    expect(await codeOf(() => mock.rotateKeys('us-east-1_Missing00'))).toEqual({
      name: 'CognitoMockError', code: 'pool_not_found', type: 'ResourceNotFoundException', message: 'cognito-mock has no user pool us-east-1_Missing00',
    });
    expect(await codeOf(() => mock.retireKeys('us-east-1_Missing00'))).toMatchObject({ code: 'pool_not_found' });
    expect(await codeOf(() => mock.rotateKeys(POOL_ID, { signingKey: signingKeys(2).AccessToken }))).toMatchObject({
      code: 'key_already_published', type: 'InvalidParameterException',
    });
    const badKey = mock.rotateKeys(POOL_ID, { signingKey: 'not a key' });
    expect(badKey).toBeInstanceOf(Promise);
    expect(await codeOf(() => badKey)).toEqual({
      name: 'CognitoMockError', code: 'invalid_key', type: 'InvalidParameterException',
      message: 'cognito-mock: signingKey is not a private key (expected a PEM string or a private RSA JWK)',
    });
    expect(await codeOf(() => mock.mintAccessToken({ clientId: 'nobody' }))).toMatchObject({ code: 'client_not_found' });
    expect(await codeOf(() => mock.jwks('us-east-1_Missing00'))).toMatchObject({ code: 'pool_not_found' });
  });
});

describe('a store that cannot be written during a key rotation', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cognito-mock-edges-'));
    await start({ fixtures: fixtures(), data: join(dir, 'state', 'db.json') });
    await rm(join(dir, 'state'), { recursive: true });
  });
  afterEach(async () => {
    // The directory back, so the mock can stop as usual (its last write and its lock).
    await mkdir(join(dir, 'state'), { recursive: true });
    await running?.stop();
    running = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('/_mock answers Cognito\'s 500 InternalErrorException, the testing API store_write_failed', async () => {
    const res = await fetch(`${mock.url}/_mock/pools/${POOL_ID}/rotate-keys`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ SigningKey: TEST_KEYS[0] }),
    });
    expect({ status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: await res.json() }).toEqual({
      status: 500, errorType: 'InternalErrorException',
      body: { __type: 'InternalErrorException', message: 'The store could not be written; the change was not made.' },
    });
    await expect(mock.rotateKeys(POOL_ID, { signingKey: TEST_KEYS[0]! })).rejects.toMatchObject({
      name: 'CognitoMockError', code: 'store_write_failed', type: 'InternalErrorException',
    });
    // The operator's log names the cause once per failed write.
    expect(logged.filter((line) => line.startsWith('cognito-mock: store write failed: ENOENT'))).toHaveLength(2);
  });
});
