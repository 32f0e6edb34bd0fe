import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ALICE_SUB, CALLBACK, CLIENTS, POOL, PASSWORD, hostedFixtures } from './support.js';
import { Jar, get, submit } from './support-flow.js';

// A server-side web app on openid-client v6 against the managed login (cognito-reference-users
// §6): discovery in the `local` issuer mode, PKCE, the form posted without a browser, the code
// grant, refresh, userInfo and revocation, all through the library's own calls.

let mock: CognitoMock;
let config: oidc.Configuration;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: hostedFixtures(), issuer: 'local' });
  config = await oidc.discovery(new URL(mock.issuer(POOL)), CLIENTS.web.id, CLIENTS.web.secret, oidc.ClientSecretBasic(CLIENTS.web.secret),
    { execute: [oidc.allowInsecureRequests] });
});
afterAll(() => mock.stop());

/** The browser's part, done by hand: follow the authorize redirect, post the form, read the callback URL. */
async function signInAt(authorizationUrl: URL): Promise<URL> {
  const jar = new Jar();
  const first = await get(authorizationUrl.href, jar);
  const login = await get(new URL(first.headers.get('location')!, mock.url).href, jar);
  const done = await submit(mock.url, await login.text(), { username: 'alice', password: PASSWORD }, jar);
  expect(done.status).toBe(302);
  return new URL(done.headers.get('location')!);
}

describe('openid-client v6', () => {
  it('signs in with the code grant and PKCE, refreshes, reads userInfo and revokes', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK, scope: 'openid email profile', state, nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    expect(url.href.startsWith(`${mock.url}/oauth2/authorize?`)).toBe(true);
    const callback = await signInAt(url);

    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ sub: ALICE_SUB, iss: mock.issuer(POOL), aud: CLIENTS.web.id, nonce, email: 'alice@example.com' });
    expect(tokens.refresh_token).toBeTruthy();

    const info = await oidc.fetchUserInfo(config, tokens.access_token, ALICE_SUB);
    expect(info).toMatchObject({ sub: ALICE_SUB, email: 'alice@example.com', email_verified: 'true', name: 'Alice', username: 'alice' });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub: ALICE_SUB, aud: CLIENTS.web.id });

    await oidc.tokenRevocation(config, tokens.refresh_token!);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code exchanged with the wrong verifier', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256', state: 's' });
    const callback = await signInAt(url);
    await expect(oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: 's' }))
      .rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses userInfo for an access token without openid', async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'email', state: 's' });
    // Without `openid`, `email` alone is not granted (§6.1): nothing is left, invalid_scope.
    const refused = await get(url.href, new Jar());
    expect(refused.headers.get('location')).toBe(`${CALLBACK}?error=invalid_scope&state=s`);
    const token = mock.mintUserAccessToken({ clientId: CLIENTS.web.id, username: 'alice', claims: { scope: 'profile' } });
    await expect(oidc.fetchUserInfo(config, token, ALICE_SUB)).rejects.toThrow();
  });
});
