import { AdminUpdateUserAttributesCommand, AdminUserGlobalSignOutCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { managementClient } from '../support/management-client.js';
import { ALICE_SUB, CLIENTS, PASSWORD, POOL, signInFixtures } from './support.js';

// GET/POST /oauth2/userInfo (cognito-reference-users §6.9): the user of an access token granted
// `openid`, attributes by scope; refusals only in `WWW-Authenticate`. Tokens with OAuth scopes
// come from the testing API until the hosted login issues them.

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: signInFixtures() });
  await managementClient(mock.url).send(new AdminUpdateUserAttributesCommand({
    UserPoolId: POOL, Username: 'alice', UserAttributes: [{ Name: 'name', Value: 'Alice' }, { Name: 'phone_number', Value: '+12065551212' }],
  }));
});
afterAll(() => mock.stop());

const oauthToken = (scope: string) => mock.mintUserAccessToken({ clientId: CLIENTS.app.id, username: 'alice', claims: { scope } });
const userInfo = (token: string, method = 'GET', path = '/oauth2/userInfo') =>
  fetch(`${mock.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

describe('/oauth2/userInfo', () => {
  it('with openid alone, every readable attribute, string booleans, sub and username, in HashMap order', async () => {
    const res = await userInfo(oauthToken('openid'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const text = await res.text();
    const body = JSON.parse(text) as Record<string, string>;
    expect(body).toEqual({ sub: ALICE_SUB, email: 'alice@example.com', email_verified: 'true', name: 'Alice', phone_number: '+12065551212', username: 'alice' });
    // Cognito's documented sample order: sub, email_verified, phone_number, email, username (§6.9).
    expect(Object.keys(body).filter((k) => ['sub', 'email_verified', 'phone_number', 'email', 'username'].includes(k)))
      .toEqual(['sub', 'email_verified', 'phone_number', 'email', 'username']);
  });

  it('with openid email, only the email attributes beside sub and username; POST and any path case too', async () => {
    for (const [method, path] of [['GET', '/oauth2/userInfo'], ['POST', '/oauth2/userInfo'], ['GET', '/oauth2/userinfo']] as const) {
      expect(await (await userInfo(oauthToken('openid email'), method, path)).json()).toEqual({ sub: ALICE_SUB, email: 'alice@example.com', email_verified: 'true', username: 'alice' });
    }
  });

  it('refuses an API-flow token (no openid), an expired one, and one of a signed-out user: 401 with no body', async () => {
    const sdk = managementClient(mock.url);
    const api = (await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'alice', PASSWORD } }))).AuthenticationResult!.AccessToken!;
    const expired = mock.mintUserAccessToken({ clientId: CLIENTS.app.id, username: 'alice', claims: { scope: 'openid' }, expired: true });
    for (const token of [api, expired, mock.mintIdToken({ clientId: CLIENTS.app.id, username: 'alice' })]) {
      const res = await userInfo(token);
      expect([res.status, await res.text()]).toEqual([401, '']);
      expect(res.headers.get('www-authenticate')).toMatch(/^error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out\."$/);
    }
    const token = oauthToken('openid');
    await sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect((await userInfo(token)).status).toBe(401);
  });

  it('answers 400 without a Bearer token', async () => {
    const res = await fetch(`${mock.url}/oauth2/userInfo`);
    expect([res.status, await res.text()]).toEqual([400, '']);
    expect(res.headers.get('www-authenticate')).toBe('error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"');
  });
});
