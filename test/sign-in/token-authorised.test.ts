import {
  AdminGetUserCommand, ChangePasswordCommand, type CognitoIdentityProviderClient, DeleteUserAttributesCommand, DeleteUserCommand, GetUserCommand,
  InitiateAuthCommand, UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';
import { ALICE_SUB, CLIENTS, PASSWORD, POOL, signInFixtures } from './support.js';

// The calls a user's own access token authorises (cognito-reference-users §2.11), with the real
// AWS SDK: GetUser, UpdateUserAttributes, ChangePassword, DeleteUser, and the token refusals they share.

const tmp = useTempDir('token-authorised');
let now = Date.parse('2026-03-01T12:00:00Z');
let mock: CognitoMock;
let sdk: CognitoIdentityProviderClient;
const READER = 'signin0app0client0reader06';
beforeEach(async () => {
  const limited = { ClientId: READER, ClientName: 'reader', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], ReadAttributes: ['email'], WriteAttributes: ['name'] };
  const fixtures = signInFixtures();
  (fixtures.UserPools[0]!.UserPoolClients as unknown[]).push(limited);
  mock = await startCognitoMock({ fixtures, data: tmp.join('store.json'), clock: () => now });
  sdk = managementClient(mock.url);
});
afterEach(() => mock.stop());

async function accessToken(clientId: string = CLIENTS.app.id, password = PASSWORD): Promise<string> {
  const result = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: password } }));
  return result.AuthenticationResult!.AccessToken!;
}

describe('GetUser', () => {
  it('answers the token\'s user, its attributes sorted as Cognito sends them, nothing of status or dates', async () => {
    const token = await accessToken();
    const raw = await rawApiCall(mock.url, 'GetUser', { AccessToken: token });
    expect(raw.status).toBe(200);
    expect(Object.keys(raw.body)).toEqual(['UserAttributes', 'Username']);
    expect(raw.body.Username).toBe('alice');
    expect(raw.body.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'sub', Value: ALICE_SUB }, { Name: 'email', Value: 'alice@example.com' }]));
  });

  it('shows only what the token\'s client may read', async () => {
    const user = await sdk.send(new GetUserCommand({ AccessToken: await accessToken(READER) }));
    expect(user.UserAttributes).toEqual([{ Name: 'email', Value: 'alice@example.com' }]);
  });

  it.each<[string, () => Promise<string>, string, string]>([
    ['a damaged token', async () => 'not.a.token', 'NotAuthorizedException', 'Invalid Access Token'],
    ['an ID token', async () => (await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'alice', PASSWORD } }))).AuthenticationResult!.IdToken!, 'NotAuthorizedException', 'Invalid Access Token'],
    ['a client\'s M2M token', async () => mock.mintAccessToken({ clientId: CLIENTS.app.id }), 'NotAuthorizedException', 'Invalid Access Token'],
    ['a token signed with a key no pool publishes', async () => mock.mintAccessToken({ clientId: CLIENTS.app.id, signedWithUnknownKey: true }), 'NotAuthorizedException', 'Invalid Access Token'],
    ['a token whose signature was changed', async () => `${(await accessToken()).slice(0, -6)}AAAAAA`, 'NotAuthorizedException', 'Invalid Access Token'],
  ])('refuses %s', async (_case, token, name, message) => {
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: await token() })))).toMatchObject({ name, message, status: 400 });
  });

  it('refuses a token past its expiry: "Access Token has expired"', async () => {
    const token = await accessToken();
    now += 3601_000;
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: token })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has expired' });
  });

  it('refuses a token without aws.cognito.signin.user.admin', async () => {
    const claims = JSON.parse(Buffer.from((await accessToken()).split('.')[1]!, 'base64url').toString());
    // The same user's claims, signed by the pool, with an OAuth scope instead.
    const minted = mock.mintAccessToken({ clientId: CLIENTS.app.id, claims: { ...claims, scope: 'openid email' } });
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: minted })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token does not have required scopes' });
  });

  it('requires AccessToken, never echoing a given one', async () => {
    expect(await failure(sdk.send(new GetUserCommand({} as never)))).toMatchObject({ name: 'InvalidParameterException' });
    const raw = await rawApiCall(mock.url, 'GetUser', { AccessToken: 'secret-looking-value' });
    expect(raw.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Access Token' });
  });
});

describe('UpdateUserAttributes', () => {
  it('sets the user\'s own attributes; a new email is no longer verified', async () => {
    const token = await accessToken();
    expect(await rawApiCall(mock.url, 'UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'name', Value: 'Alice A.' }, { Name: 'email', Value: 'alice@new.example.com' }] }))
      .toEqual({ status: 200, body: {} });
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect(user.UserAttributes).toEqual(expect.arrayContaining([
      { Name: 'name', Value: 'Alice A.' }, { Name: 'email', Value: 'alice@new.example.com' }, { Name: 'email_verified', Value: 'false' },
    ]));
  });

  it('refuses what the client may not write, and *_verified always', async () => {
    const limited = await accessToken(READER);
    const refusal = { name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' };
    expect(await failure(sdk.send(new UpdateUserAttributesCommand({ AccessToken: limited, UserAttributes: [{ Name: 'email', Value: 'x@example.com' }] })))).toMatchObject(refusal);
    expect(await failure(sdk.send(new UpdateUserAttributesCommand({ AccessToken: await accessToken(), UserAttributes: [{ Name: 'email_verified', Value: 'true' }] })))).toMatchObject(refusal);
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'alice@example.com' });
  });

  it('checks the attributes against the schema', async () => {
    const token = await accessToken();
    expect(await failure(sdk.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'custom:nope', Value: 'x' }] }))))
      .toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('DeleteUserAttributes', () => {
  it('removes the user\'s own attributes that its client may write, never sub', async () => {
    const token = await accessToken();
    await sdk.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'name', Value: 'Alice' }] }));
    expect(await rawApiCall(mock.url, 'DeleteUserAttributes', { AccessToken: token, UserAttributeNames: ['name'] })).toEqual({ status: 200, body: {} });
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }));
    expect(user.UserAttributes!.map((attribute) => attribute.Name)).not.toContain('name');
    expect(await failure(sdk.send(new DeleteUserAttributesCommand({ AccessToken: await accessToken(READER), UserAttributeNames: ['email'] }))))
      .toMatchObject({ name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' });
    expect(await failure(sdk.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['sub'] })))).toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('ChangePassword', () => {
  it('replaces the password when the previous one is right; the old one then fails', async () => {
    const token = await accessToken();
    expect(await rawApiCall(mock.url, 'ChangePassword', { AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: 'New-Horse-Battery-7' }))
      .toEqual({ status: 200, body: {} });
    expect(await accessToken(CLIENTS.app.id, 'New-Horse-Battery-7')).toBeTruthy();
    expect(await failure(accessToken())).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    // The sign-in that changed it goes on.
    expect((await sdk.send(new GetUserCommand({ AccessToken: token }))).Username).toBe('alice');
  });

  it('refuses a wrong previous password and a new one the policy refuses, keeping the old', async () => {
    const token = await accessToken();
    expect(await failure(sdk.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: 'wrong-one-1A', ProposedPassword: 'New-Horse-Battery-7' }))))
      .toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    const weak = await failure(sdk.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: 'alllowercase' })));
    expect(weak.name).toBe('InvalidPasswordException');
    expect(weak.message).toMatch(/^Password does not conform to policy: /);
    expect(await accessToken()).toBeTruthy();
  });
});

describe('DeleteUser', () => {
  it('deletes the token\'s user; its tokens then name no user', async () => {
    const token = await accessToken();
    expect(await rawApiCall(mock.url, 'DeleteUser', { AccessToken: token })).toEqual({ status: 200, body: {} });
    expect(await failure(sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' })))).toMatchObject({ name: 'UserNotFoundException' });
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: token })))).toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });

  it('leaves a user created later under the same name untouched by the old token', async () => {
    const token = await accessToken();
    await sdk.send(new DeleteUserCommand({ AccessToken: token }));
    await mock.createUser(POOL, { username: 'alice', password: PASSWORD });
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: token })))).toMatchObject({ name: 'UserNotFoundException' });
    expect(await failure(sdk.send(new DeleteUserCommand({ AccessToken: token })))).toMatchObject({ name: 'UserNotFoundException' });
    expect((await sdk.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'alice' }))).Username).toBe('alice');
  });
});
