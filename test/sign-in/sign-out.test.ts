import {
  AdminDisableUserCommand, AdminEnableUserCommand, AdminUserGlobalSignOutCommand, type CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand, GetUserCommand, GlobalSignOutCommand, InitiateAuthCommand, RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, type CognitoUserSession, CognitoUserPool } from 'amazon-cognito-identity-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretHashOf } from '../../src/keys/secret-hash.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';
import { CLIENTS, PASSWORD, POOL, signInFixtures } from './support.js';

// Sign-out and revocation (cognito-reference-users §4.10) with the real AWS SDK and the real
// amazon-cognito-identity-js: which sign-ins end, what their refresh and access tokens then get,
// and that it holds across a restart.

const tmp = useTempDir('sign-out');
let now = Date.parse('2026-03-01T12:00:00Z');
let mock: CognitoMock;
let sdk: CognitoIdentityProviderClient;
const NO_REVOKE = 'signin0app0client0norevok7';
const start = async () => {
  const fixtures = signInFixtures();
  (fixtures.UserPools[0]!.UserPoolClients as unknown[]).push({
    ClientId: NO_REVOKE, ClientName: 'no-revoke', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], EnableTokenRevocation: false,
  });
  mock = await startCognitoMock({ fixtures, data: tmp.join('store.json'), clock: () => now });
  sdk = managementClient(mock.url);
};
beforeEach(start);
afterEach(() => mock.stop());

async function signIn(clientId: string = CLIENTS.app.id) {
  const result = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD } }));
  // Each sign-in a second apart: `iat` has a one-second grain.
  now += 1000;
  return result.AuthenticationResult!;
}

const getUser = (token: string) => sdk.send(new GetUserCommand({ AccessToken: token }));
const refresh = (token: string, clientId: string = CLIENTS.app.id) =>
  sdk.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: token } }));
const REVOKED_ACCESS = { name: 'NotAuthorizedException', message: 'Access Token has been revoked' };
const REVOKED_REFRESH = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' };

describe('GlobalSignOut and AdminUserGlobalSignOut', () => {
  it('GlobalSignOut ends every sign-in of the user: access and refresh tokens refused, this token included', async () => {
    const phone = await signIn();
    const laptop = await signIn();
    expect(await rawApiCall(mock.url, 'GlobalSignOut', { AccessToken: phone.AccessToken })).toEqual({ status: 200, body: {} });
    for (const session of [phone, laptop]) {
      expect(await failure(getUser(session.AccessToken!))).toMatchObject(REVOKED_ACCESS);
      expect(await failure(refresh(session.RefreshToken!))).toMatchObject(REVOKED_REFRESH);
    }
    expect(await failure(sdk.send(new GlobalSignOutCommand({ AccessToken: phone.AccessToken! })))).toMatchObject(REVOKED_ACCESS);
    // A new sign-in is not affected.
    expect((await getUser((await signIn()).AccessToken!)).Username).toBe('alice');
  });

  it('AdminUserGlobalSignOut does the same by name; another user keeps its sign-ins', async () => {
    await mock.createUser(POOL, { username: 'bob', password: PASSWORD });
    const bob = (await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'bob', PASSWORD } }))).AuthenticationResult!;
    const alice = await signIn();
    expect(await rawApiCall(mock.url, 'AdminUserGlobalSignOut', { UserPoolId: POOL, Username: 'alice' })).toEqual({ status: 200, body: {} });
    expect(await failure(getUser(alice.AccessToken!))).toMatchObject(REVOKED_ACCESS);
    expect(await failure(refresh(alice.RefreshToken!))).toMatchObject(REVOKED_REFRESH);
    expect((await getUser(bob.AccessToken!)).Username).toBe('bob');
    expect(await failure(sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: POOL, Username: 'nobody' })))).toMatchObject({ name: 'UserNotFoundException' });
  });

  it('refuses the access tokens of a client without revocation too (no origin_jti to end)', async () => {
    const session = await signIn(NO_REVOKE);
    await sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect(await failure(getUser(session.AccessToken!))).toMatchObject(REVOKED_ACCESS);
  });

  it('holds across a restart', async () => {
    const session = await signIn();
    await sdk.send(new GlobalSignOutCommand({ AccessToken: session.AccessToken! }));
    await mock.stop();
    await start();
    expect(await failure(getUser(session.AccessToken!))).toMatchObject(REVOKED_ACCESS);
    expect(await failure(refresh(session.RefreshToken!))).toMatchObject(REVOKED_REFRESH);
  });
});

describe('AdminDisableUser', () => {
  it('revokes the user\'s tokens; enabling again brings none back', async () => {
    const session = await signIn();
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect(await failure(getUser(session.AccessToken!))).toMatchObject(REVOKED_ACCESS);
    await sdk.send(new AdminEnableUserCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect(await failure(refresh(session.RefreshToken!))).toMatchObject(REVOKED_REFRESH);
    expect((await getUser((await signIn()).AccessToken!)).Username).toBe('alice');
  });
});

describe('RevokeToken', () => {
  it('ends that sign-in only: its refresh token and access tokens refused, the other sign-in kept', async () => {
    const revoked = await signIn();
    const kept = await signIn();
    expect(await rawApiCall(mock.url, 'RevokeToken', { Token: revoked.RefreshToken, ClientId: CLIENTS.app.id })).toEqual({ status: 200, body: {} });
    expect(await failure(refresh(revoked.RefreshToken!))).toMatchObject(REVOKED_REFRESH);
    expect(await failure(getUser(revoked.AccessToken!))).toMatchObject(REVOKED_ACCESS);
    expect((await getUser(kept.AccessToken!)).Username).toBe('alice');
    expect((await refresh(kept.RefreshToken!)).AuthenticationResult?.AccessToken).toBeTruthy();
    // Again: nothing left to end, still {}.
    expect(await rawApiCall(mock.url, 'RevokeToken', { Token: revoked.RefreshToken, ClientId: CLIENTS.app.id })).toEqual({ status: 200, body: {} });
  });

  it('ends nothing for another client\'s token or one it does not know, and says nothing about it', async () => {
    const session = await signIn();
    await sdk.send(new RevokeTokenCommand({ Token: session.RefreshToken!, ClientId: CLIENTS.hiding.id }));
    await sdk.send(new RevokeTokenCommand({ Token: `${session.RefreshToken!.slice(0, -4)}AAAA`, ClientId: CLIENTS.app.id }));
    expect((await refresh(session.RefreshToken!)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it.each<[string, () => Promise<Record<string, unknown>>, string]>([
    ['an access token', async () => ({ Token: (await signIn()).AccessToken, ClientId: CLIENTS.app.id }), 'UnsupportedTokenTypeException'],
    ['a client without revocation', async () => ({ Token: (await signIn(NO_REVOKE)).RefreshToken, ClientId: NO_REVOKE }), 'UnsupportedOperationException'],
    ['an unknown client', async () => ({ Token: 'x', ClientId: 'nosuchclient00000000000000' }), 'ResourceNotFoundException'],
    ['no token', async () => ({ ClientId: CLIENTS.app.id }), 'InvalidParameterException'],
  ])('refuses %s', async (_case, input, type) => {
    const raw = await rawApiCall(mock.url, 'RevokeToken', await input());
    expect(raw.status).toBe(400);
    expect(raw.body.__type).toBe(type);
  });

  it('takes a client secret raw, required and compared', async () => {
    const result = await sdk.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.secret.id,
      AuthParameters: { USERNAME: 'alice', PASSWORD, SECRET_HASH: secretHashOf(CLIENTS.secret.secret, 'alice', CLIENTS.secret.id) },
    }));
    const token = result.AuthenticationResult!.RefreshToken!;
    expect(await failure(sdk.send(new RevokeTokenCommand({ Token: token, ClientId: CLIENTS.secret.id })))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await failure(sdk.send(new RevokeTokenCommand({ Token: token, ClientId: CLIENTS.secret.id, ClientSecret: 'wrong' })))).toMatchObject({ name: 'NotAuthorizedException' });
    await sdk.send(new RevokeTokenCommand({ Token: token, ClientId: CLIENTS.secret.id, ClientSecret: CLIENTS.secret.secret }));
    expect(await failure(sdk.send(new GetTokensFromRefreshTokenCommand({ RefreshToken: token, ClientId: CLIENTS.secret.id, ClientSecret: CLIENTS.secret.secret }))))
      .toMatchObject(REVOKED_REFRESH);
  });
});

describe('amazon-cognito-identity-js', () => {
  const userOf = () => new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: POOL, ClientId: CLIENTS.app.id, endpoint: mock.url }) });
  const session = (user: CognitoUser) => new Promise<CognitoUserSession>((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), { onSuccess: resolve, onFailure: reject });
  });

  it('signOut revokes its refresh token; globalSignOut ends the user\'s other sign-ins', async () => {
    // SRP's TIMESTAMP is the client's own clock: the mock's must agree with it.
    now = Date.now();
    const first = userOf();
    const firstSession = await session(first);
    await new Promise<void>((resolve) => first.signOut(() => resolve()));
    expect(await failure(refresh(firstSession.getRefreshToken().getToken()))).toMatchObject(REVOKED_REFRESH);

    const other = await signIn();
    const second = userOf();
    const secondSession = await session(second);
    await new Promise<void>((resolve, reject) => second.globalSignOut({ onSuccess: () => resolve(), onFailure: reject }));
    expect(await failure(getUser(secondSession.getAccessToken().getJwtToken()))).toMatchObject(REVOKED_ACCESS);
    expect(await failure(refresh(other.RefreshToken!))).toMatchObject(REVOKED_REFRESH);
  });
});
