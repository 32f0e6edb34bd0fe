import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, CognitoMockError, startCognitoMock } from '../../src/testing/index.js';
import { decodeJwt } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { CLIENTS, POOL, awsVerifier, signInFixtures } from './support.js';

// The testing API for people (README "Testing API"): users and groups created and signed in
// without HTTP, through the same actions and sign-in path as the API.

let mock: CognitoMock;
beforeAll(async () => { mock = await startCognitoMock({ fixtures: signInFixtures() }); });
afterAll(() => mock.stop());

describe('testing API: users', () => {
  it('creates a group and a confirmed user in it, signs it in; the tokens are the API\'s', async () => {
    expect(await mock.createGroup(POOL, { name: 'editors', precedence: 3, description: 'Editors' })).toMatchObject({ GroupName: 'editors', Precedence: 3 });
    const user = await mock.createUser(POOL, { username: 'erin', password: 'Erin-Passw0rd!', attributes: { email: 'erin@example.com' }, groups: ['editors'] });
    expect(user).toMatchObject({ Username: 'erin', UserStatus: 'CONFIRMED', Enabled: true });
    const tokens = await mock.signIn({ clientId: CLIENTS.defaults.id, username: 'erin', password: 'Erin-Passw0rd!' });
    expect(tokens.expiresIn).toBe(3600);
    const id = await awsVerifier(mock, { tokenUse: 'id', clientId: CLIENTS.defaults.id, groups: 'editors' }).verify(tokens.idToken);
    expect(id).toMatchObject({ 'cognito:username': 'erin', email: 'erin@example.com' });
    expect(decodeJwt(tokens.accessToken).payload).toMatchObject({ username: 'erin', 'cognito:groups': ['editors'] });
    // The refresh token is a real session's: the API refreshes it.
    const refreshed = await managementClient(mock.url).send(new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENTS.defaults.id, AuthParameters: { REFRESH_TOKEN: tokens.refreshToken },
    }));
    expect(decodeJwt(refreshed.AuthenticationResult!.IdToken!).payload.origin_jti).toBe(id.origin_jti);
  });

  it.each<[string, () => Promise<unknown>, string, string, string]>([
    ['a wrong password', () => mock.signIn({ clientId: CLIENTS.app.id, username: 'alice', password: 'nope-nope' }), 'sign_in_refused', 'NotAuthorizedException', 'Incorrect username or password.'],
    ['a disabled user', () => mock.signIn({ clientId: CLIENTS.app.id, username: 'dora', password: 'Correct-Horse-9' }), 'sign_in_refused', 'NotAuthorizedException', 'User is disabled.'],
    ['an unknown client', () => mock.signIn({ clientId: 'nosuchclient', username: 'alice', password: 'x' }), 'client_not_found', 'ResourceNotFoundException', 'nosuchclient'],
    ['a user without a password', async () => {
      await mock.createUser(POOL, { username: 'temp' });
      return mock.signIn({ clientId: CLIENTS.app.id, username: 'temp', password: 'anything-1' });
    }, 'sign_in_refused', 'NotAuthorizedException', 'Incorrect username or password.'],
    ['a taken username', () => mock.createUser(POOL, { username: 'alice' }), 'request_refused', 'UsernameExistsException', 'User account already exists'],
    ['a password the policy refuses', () => mock.createUser(POOL, { username: 'weak', password: 'weakweak' }), 'request_refused', 'InvalidPasswordException', 'Password does not conform to policy'],
    ['an unknown pool', () => mock.createGroup('us-east-1_Missing00', { name: 'g' }), 'request_refused', 'ResourceNotFoundException', 'us-east-1_Missing00'],
  ])('refuses %s with a CognitoMockError', async (_case, call, code, type, message) => {
    const error = await call().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CognitoMockError);
    expect(error).toMatchObject({ code, type });
    expect((error as Error).message).toContain(message);
  });
});
