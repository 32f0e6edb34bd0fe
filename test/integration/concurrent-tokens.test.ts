import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, POOL_ID, requestToken, testFixtures } from '../support/fixtures.js';
import { rawApiCall } from '../support/management-client.js';
import { CLIENTS, PASSWORD, POOL, signInFixtures } from '../sign-in/support.js';

// Tokens asked for at the same time are signed at the same time (some on the main thread, the
// rest on libuv's thread pool): each one must still be a whole token that the pool's JWKS
// verifies, with its own jti.

const REQUESTS = 40;

describe('overlapping token requests', () => {
  let mock: CognitoMock;
  let people: CognitoMock;
  beforeAll(async () => {
    [mock, people] = await Promise.all([startCognitoMock({ fixtures: testFixtures() }), startCognitoMock({ fixtures: signInFixtures() })]);
  });
  afterAll(() => Promise.all([mock.stop(), people.stop()]));

  it('answers every client_credentials request with a token that verifies, each with its own jti', async () => {
    const jwks = createRemoteJWKSet(new URL(mock.jwksUri(POOL_ID)));
    const bodies = await Promise.all(Array.from({ length: REQUESTS }, async () => {
      const res = await requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
      expect(res.status).toBe(200);
      return (await res.json()) as { access_token: string };
    }));
    const payloads = await Promise.all(bodies.map(async ({ access_token }) =>
      (await jwtVerify(access_token, jwks, { issuer: mock.issuer(POOL_ID), algorithms: ['RS256'] })).payload));
    expect(payloads.every((p) => p.token_use === 'access' && p.client_id === ORDERS_CLIENT.id)).toBe(true);
    expect(new Set(payloads.map((p) => p.jti)).size).toBe(REQUESTS);
  });

  it('answers every overlapping sign-in and refresh with an ID and an access token that verify, each with its own jti', async () => {
    const jwks = createRemoteJWKSet(new URL(people.jwksUri(POOL)));
    const signIn = () => rawApiCall(people.url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'alice', PASSWORD } });
    const first = await signIn();
    const refreshToken = (first.body.AuthenticationResult as { RefreshToken: string }).RefreshToken;
    const refresh = () => rawApiCall(people.url, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { REFRESH_TOKEN: refreshToken } });
    const answers = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => (i % 2 === 0 ? signIn() : refresh())));
    const verified = await Promise.all(answers.map(async ({ status, body }) => {
      expect(status).toBe(200);
      const { IdToken, AccessToken } = body.AuthenticationResult as { IdToken: string; AccessToken: string };
      const [id, access] = await Promise.all([jwtVerify(IdToken, jwks, { audience: CLIENTS.app.id }), jwtVerify(AccessToken, jwks)]);
      expect([id.payload.token_use, access.payload.token_use]).toEqual(['id', 'access']);
      // One answer's pair: the same session, different keys.
      expect(id.payload.origin_jti).toBe(access.payload.origin_jti);
      expect(id.protectedHeader.kid).not.toBe(access.protectedHeader.kid);
      return [id.payload.jti, access.payload.jti];
    }));
    expect(new Set(verified.flat()).size).toBe(REQUESTS * 2);
  });

  it('still mints tokens synchronously while requests are being signed', async () => {
    const pending = Array.from({ length: 10 }, () => requestToken(mock.tokenEndpoint, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret }));
    const minted = mock.mintAccessToken({ clientId: ORDERS_CLIENT.id });
    expect(typeof minted).toBe('string');
    const jwks = createRemoteJWKSet(new URL(mock.jwksUri(POOL_ID)));
    await expect(jwtVerify(minted, jwks)).resolves.toMatchObject({ payload: { client_id: ORDERS_CLIENT.id } });
    expect((await Promise.all(pending)).map((res) => res.status)).toEqual(Array(10).fill(200));
  });
});
