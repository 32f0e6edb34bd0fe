import {
  AdminCreateUserCommand, AdminInitiateAuthCommand, type CognitoIdentityProviderClient, InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHashOf } from '../../src/keys/secret-hash.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { decodeJwt } from '../support/fixtures.js';
import { failure, managementClient, rawApiCall } from '../support/management-client.js';
import { ALICE_SUB, CLIENTS, PASSWORD, POOL, awsVerifier, signInFixtures } from './support.js';

// USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH through the real AWS SDK (cognito-reference-users
// §4.1–4.3, §4.5, §4.7, §4.11), tokens checked by aws-jwt-verify.

let mock: CognitoMock;
let sdk: CognitoIdentityProviderClient;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: signInFixtures() });
  sdk = managementClient(mock.url);
});
afterAll(() => mock.stop());

const passwordAuth = (username: string, password = PASSWORD, clientId: string = CLIENTS.app.id, extra: Record<string, string> = {}) =>
  sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password, ...extra } }));

describe('USER_PASSWORD_AUTH', () => {
  it('answers tokens in Cognito\'s shape that aws-jwt-verify accepts, with groups by precedence', async () => {
    const raw = await rawApiCall(mock.url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'alice', PASSWORD } });
    expect(raw.status).toBe(200);
    expect(Object.keys(raw.body)).toEqual(['AuthenticationResult', 'ChallengeParameters']);
    expect(raw.body.ChallengeParameters).toEqual({});
    const result = raw.body.AuthenticationResult as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'RefreshToken', 'TokenType']);
    expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    expect((result.RefreshToken as string).split('.')).toHaveLength(5);

    const id = await awsVerifier(mock, { tokenUse: 'id', clientId: CLIENTS.app.id, groups: 'admins' }).verify(result.IdToken as string);
    expect(id).toMatchObject({
      sub: ALICE_SUB, 'cognito:username': 'alice', 'cognito:groups': ['admins', 'readers'], email: 'alice@example.com', email_verified: true,
      aud: CLIENTS.app.id, token_use: 'id', 'cognito:preferred_role': 'arn:aws:iam::123456789012:role/admins',
    });
    const access = await awsVerifier(mock, { tokenUse: 'access', clientId: CLIENTS.app.id }).verify(result.AccessToken as string);
    expect(access).toMatchObject({ sub: ALICE_SUB, username: 'alice', scope: 'aws.cognito.signin.user.admin', client_id: CLIENTS.app.id });
    // One sign-in: the same origin_jti and event_id, different keys (cognito-reference-users §5.1).
    expect(access.origin_jti).toBe(id.origin_jti);
    expect(access.event_id).toBe(id.event_id);
    expect(decodeJwt(result.IdToken as string).header.kid).not.toBe(decodeJwt(result.AccessToken as string).header.kid);
    await expect(awsVerifier(mock, { tokenUse: 'id', clientId: CLIENTS.app.id, groups: 'nobody' }).verify(result.IdToken as string)).rejects.toThrow();
  });

  it('leaves origin_jti out for a client with token revocation off', async () => {
    const clients = [{ ClientId: 'norevoke0client00000000001', ClientName: 'no-revoke', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], EnableTokenRevocation: false }];
    const other = await startCognitoMock({ fixtures: signInFixtures({ UserPoolClients: clients }) });
    try {
      const { AuthenticationResult } = await managementClient(other.url).send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clients[0]!.ClientId, AuthParameters: { USERNAME: 'alice', PASSWORD },
      }));
      expect(decodeJwt(AuthenticationResult!.IdToken!).payload).not.toHaveProperty('origin_jti');
      expect(decodeJwt(AuthenticationResult!.AccessToken!).payload).not.toHaveProperty('origin_jti');
    } finally {
      await other.stop();
    }
  });

  it('finds the user by a verified email alias too', async () => {
    const aliasMock = await startCognitoMock({ fixtures: signInFixtures({ AliasAttributes: ['email'] }) });
    try {
      const result = await managementClient(aliasMock.url).send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'alice@example.com', PASSWORD },
      }));
      expect(decodeJwt(result.AuthenticationResult!.IdToken!).payload['cognito:username']).toBe('alice');
    } finally {
      await aliasMock.stop();
    }
  });

  it.each<[string, () => Promise<unknown>, string, string]>([
    ['a wrong password', () => passwordAuth('alice', 'Wrong-Horse-9'), 'NotAuthorizedException', 'Incorrect username or password.'],
    ['an unknown user (LEGACY)', () => passwordAuth('nobody'), 'UserNotFoundException', 'User does not exist.'],
    ['an unknown user (PreventUserExistenceErrors)', () => passwordAuth('nobody', PASSWORD, CLIENTS.hiding.id), 'NotAuthorizedException', 'Incorrect username or password.'],
    ['a disabled user', () => passwordAuth('dora'), 'NotAuthorizedException', 'User is disabled.'],
    ['a disabled user with a wrong password', () => passwordAuth('dora', 'nope-nope'), 'NotAuthorizedException', 'User is disabled.'],
    ['an unconfirmed user', () => passwordAuth('uma'), 'UserNotConfirmedException', 'User is not confirmed.'],
    ['a user whose password must be reset', () => passwordAuth('rita'), 'PasswordResetRequiredException', 'Password reset required for the user'],
    ['a reset user with a wrong password', () => passwordAuth('rita', 'nope-nope'), 'NotAuthorizedException', 'Incorrect username or password.'],
    ['a client without the flow', () => passwordAuth('alice', PASSWORD, CLIENTS.defaults.id), 'InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'],
    ['an unknown client', () => passwordAuth('alice', PASSWORD, 'nosuchclient'), 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.'],
    ['no USERNAME', () => sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { PASSWORD } })),
      'InvalidParameterException', 'Missing required parameter USERNAME'],
    ['the admin flow', () => sdk.send(new InitiateAuthCommand({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'alice', PASSWORD } })),
      'InvalidParameterException', 'Initiate Auth method not supported.'],
  ])('refuses %s as Cognito does', async (_case, call, name, message) => {
    expect(await failure(call())).toMatchObject({ name, message, status: 400 });
  });

  it('refuses an unknown AuthFlow with the model\'s enum message', async () => {
    const raw = await rawApiCall(mock.url, 'InitiateAuth', { AuthFlow: 'MAGIC', ClientId: CLIENTS.app.id, AuthParameters: {} });
    expect(raw.status).toBe(400);
    expect(raw.body.__type).toBe('InvalidParameterException');
    expect(raw.body.message).toMatch(/^1 validation error detected: Value 'MAGIC' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: \[USER_SRP_AUTH/);
  });
});

describe('SECRET_HASH', () => {
  const hash = (username: string) => secretHashOf(CLIENTS.secret.secret, username, CLIENTS.secret.id);

  it('signs in with the right hash', async () => {
    const result = await passwordAuth('alice', PASSWORD, CLIENTS.secret.id, { SECRET_HASH: hash('alice') });
    expect(result.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it.each<[string, Record<string, string>, string]>([
    ['missing', {}, `Client ${CLIENTS.secret.id} is configured for secret but secret was not received`],
    ['made with another username', { SECRET_HASH: hash('bob') }, `Unable to verify secret hash for client ${CLIENTS.secret.id}`],
    ['not a hash at all', { SECRET_HASH: 'nope' }, `Unable to verify secret hash for client ${CLIENTS.secret.id}`],
  ])('refuses a hash %s, before looking at the user', async (_case, extra, message) => {
    expect(await failure(passwordAuth('nobody', 'x-x-x-x-x', CLIENTS.secret.id, extra))).toMatchObject({ name: 'NotAuthorizedException', message });
  });

  it('is ignored for a client without a secret', async () => {
    const result = await passwordAuth('alice', PASSWORD, CLIENTS.app.id, { SECRET_HASH: 'whatever' });
    expect(result.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});

describe('ADMIN_USER_PASSWORD_AUTH', () => {
  const adminAuth = (flow: 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH' | 'USER_PASSWORD_AUTH', clientId: string = CLIENTS.app.id, poolId = POOL) =>
    sdk.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: flow, AuthParameters: { USERNAME: 'alice', PASSWORD } }));

  it('signs in, under both names of the flow', async () => {
    for (const flow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
      const result = await adminAuth(flow);
      expect(decodeJwt(result.AuthenticationResult!.AccessToken!).payload.username).toBe('alice');
      expect(result.ChallengeParameters).toEqual({});
    }
  });

  it.each<[string, () => Promise<unknown>, string, string]>([
    ['USER_PASSWORD_AUTH', () => adminAuth('USER_PASSWORD_AUTH'), 'InvalidParameterException', 'Initiate Auth method not supported.'],
    ['a client without the flow', () => adminAuth('ADMIN_USER_PASSWORD_AUTH', CLIENTS.defaults.id), 'InvalidParameterException', 'Auth flow not enabled for this client'],
    ['a client of another pool', () => adminAuth('ADMIN_USER_PASSWORD_AUTH', 'nosuchclient'), 'ResourceNotFoundException', 'User pool client nosuchclient does not exist.'],
    ['an unknown pool', () => adminAuth('ADMIN_USER_PASSWORD_AUTH', CLIENTS.app.id, 'us-east-1_Missing00'), 'ResourceNotFoundException', 'User pool us-east-1_Missing00 does not exist.'],
  ])('refuses %s', async (_case, call, name, message) => {
    expect(await failure(call())).toMatchObject({ name, message });
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  it('is the answer for a temporary password; the new password gives tokens and confirms the user', async () => {
    await sdk.send(new AdminCreateUserCommand({
      UserPoolId: POOL, Username: 'tim', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'tim@example.com' }],
    }));
    const raw = await rawApiCall(mock.url, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'tim', PASSWORD: 'Temp-Passw0rd!' } });
    expect(Object.keys(raw.body)).toEqual(['ChallengeName', 'ChallengeParameters', 'Session']);
    expect(raw.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const parameters = raw.body.ChallengeParameters as Record<string, string>;
    expect(parameters).toEqual({ USER_ID_FOR_SRP: 'tim', requiredAttributes: '[]', userAttributes: '{"email":"tim@example.com"}' });
    const session = raw.body.Session as string;
    expect(session).toMatch(/^AYABe/);

    const respond = (newPassword: string, s = session) => sdk.send(new RespondToAuthChallengeCommand({
      ClientId: CLIENTS.app.id, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: s,
      ChallengeResponses: { USERNAME: 'tim', NEW_PASSWORD: newPassword, 'userAttributes.name': 'Tim' },
    }));
    expect(await failure(respond('shortpw'))).toMatchObject({ name: 'InvalidPasswordException', message: 'Password does not conform to policy: Password not long enough' });
    expect(await failure(respond('Final-Passw0rd!', `AYABe${'x'.repeat(100)}`))).toMatchObject({
      name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.',
    });
    const done = await respond('Final-Passw0rd!');
    const id = decodeJwt(done.AuthenticationResult!.IdToken!).payload;
    expect(id).toMatchObject({ 'cognito:username': 'tim', name: 'Tim' });
    // The session answered once; the old password no longer works; the new one does, without a challenge.
    expect(await failure(respond('Other-Passw0rd!'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    expect(await failure(passwordAuth('tim', 'Temp-Passw0rd!'))).toMatchObject({ message: 'Incorrect username or password.' });
    expect((await passwordAuth('tim', 'Final-Passw0rd!')).AuthenticationResult).toBeTruthy();
  });

  it('refuses a temporary password older than the pool allows', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const timed = await startCognitoMock({ fixtures: signInFixtures({ Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 1 } } }), clock: () => now });
    try {
      const client = managementClient(timed.url);
      await client.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'late', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }));
      now += 2 * 86_400_000;
      expect(await failure(client.send(new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: 'late', PASSWORD: 'Temp-Passw0rd!' },
      })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Temporary password has expired and must be reset by an administrator.' });
    } finally {
      await timed.stop();
    }
  });
});
