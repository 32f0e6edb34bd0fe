import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { type AccessTokenVerifierOptions, createAccessTokenVerifier } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, OTHER_POOL_CLIENT, POOL_ID, requestToken, testFixtures } from '../support/fixtures.js';

// The same verifier serves real Cognito and the mock; pointing it at the mock is one option, in
// either issuer mode (reference §3.3, §8).

describe.each(['aws', 'local'] as const)('a verifier pointed at the mock in %s issuer mode', (mode) => {
  let mock: CognitoMock;
  let token: string;
  beforeAll(async () => {
    mock = await startCognitoMock({ fixtures: testFixtures(), issuer: mode });
    const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => mock.stop());

  const verify = (options: Omit<AccessTokenVerifierOptions, 'clientId'>, t = token) =>
    createAccessTokenVerifier({ ...options, clientId: ORDERS_CLIENT.id, scopes: ['orders/read'] }).verify(t);

  it('accepts a token from the token endpoint with the testing API\'s verifierOptions', async () => {
    await expect(verify(mock.verifierOptions(POOL_ID))).resolves.toMatchObject({ client_id: ORDERS_CLIENT.id, iss: mock.issuer(POOL_ID) });
  });

  it('needs one option beyond the pool id: jwksUri (aws) or issuer (local)', async () => {
    const one = mode === 'aws' ? { jwksUri: mock.jwksUri(POOL_ID) } : { issuer: mock.issuer(POOL_ID) };
    await expect(verify({ userPoolId: POOL_ID, ...one })).resolves.toMatchObject({ client_id: ORDERS_CLIENT.id });
  });

  it('accepts with issuer and jwks_uri read from the pool\'s discovery document', async () => {
    const doc = (await (await fetch(`${mock.url}/${POOL_ID}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    await expect(verify({ userPoolId: POOL_ID, issuer: doc.issuer, jwksUri: doc.jwks_uri })).resolves.toMatchObject({ iss: doc.issuer });
  });

  it('rejects the other pool\'s tokens', async () => {
    const res = await requestToken(mock.tokenEndpoint, { clientId: OTHER_POOL_CLIENT.id, secret: OTHER_POOL_CLIENT.secret });
    const other = ((await res.json()) as { access_token: string }).access_token;
    await expect(verify(mock.verifierOptions(POOL_ID), other)).rejects.toMatchObject({ code: 'unknown_kid' }); // its key is not in this pool's JWKS
  });
});
