import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails, CognitoRefreshToken, CognitoUser, type CognitoUserSession, CognitoUserPool,
} from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { decodeJwt } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { ALICE_SUB, CLIENTS, PASSWORD, POOL, awsVerifier, signInFixtures } from './support.js';

// The real amazon-cognito-identity-js, unmodified, pointed at the mock with `endpoint` (README
// "Signing users in"): its default USER_SRP_AUTH, USER_PASSWORD_AUTH, NEW_PASSWORD_REQUIRED and
// refresh (cognito-reference-users §4.4, §4.12).

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: signInFixtures({ UsernameAttributes: undefined }) });
});
afterAll(() => mock.stop());

const poolOf = (clientId: string = CLIENTS.app.id) => new CognitoUserPool({ UserPoolId: POOL, ClientId: clientId, endpoint: mock.url });

interface SignInOutcome {
  session?: CognitoUserSession;
  error?: Error & { code?: string };
  newPasswordRequired?: { user: CognitoUser; userAttributes: unknown; requiredAttributes: unknown };
}

function signIn(username: string, password: string, options: { clientId?: string; flow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' } = {}): Promise<SignInOutcome> {
  const user = new CognitoUser({ Username: username, Pool: poolOf(options.clientId) });
  if (options.flow) user.setAuthenticationFlowType(options.flow);
  return new Promise((resolve) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ session }),
      onFailure: (error: Error & { code?: string }) => resolve({ error }),
      newPasswordRequired: (userAttributes, requiredAttributes) => resolve({ newPasswordRequired: { user, userAttributes, requiredAttributes } }),
    });
  });
}

describe('amazon-cognito-identity-js', () => {
  it('signs in with SRP, its default flow; aws-jwt-verify accepts the ID token', async () => {
    const { session, error } = await signIn('alice', PASSWORD);
    expect(error).toBeUndefined();
    expect(session!.isValid()).toBe(true);
    const payload = await awsVerifier(mock, { tokenUse: 'id', clientId: CLIENTS.app.id, groups: ['admins'] }).verify(session!.getIdToken().getJwtToken());
    expect(payload).toMatchObject({ sub: ALICE_SUB, 'cognito:username': 'alice', 'cognito:groups': ['admins', 'readers'] });
    expect(session!.getRefreshToken().getToken().split('.')).toHaveLength(5);
  });

  it('signs in with SRP on a client with Cognito\'s default flows', async () => {
    expect((await signIn('alice', PASSWORD, { clientId: CLIENTS.defaults.id })).session?.isValid()).toBe(true);
  });

  it.each<[string, string, string, string]>([
    ['a wrong password', 'alice', 'Wrong-Horse-9', 'Incorrect username or password.'],
    ['a disabled user', 'dora', PASSWORD, 'User is disabled.'],
    ['an unconfirmed user', 'uma', PASSWORD, 'User is not confirmed.'],
    ['an unknown user', 'nobody', PASSWORD, 'User does not exist.'],
  ])('refuses %s with Cognito\'s error', async (_case, username, password, message) => {
    const { error } = await signIn(username, password);
    expect(error?.message).toBe(message);
  });

  it('fails an unknown user only at the proof when the client hides users', async () => {
    const { error } = await signIn('nobody', PASSWORD, { clientId: CLIENTS.hiding.id });
    expect(error).toMatchObject({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('signs in with USER_PASSWORD_AUTH when asked to', async () => {
    const { session } = await signIn('alice', PASSWORD, { flow: 'USER_PASSWORD_AUTH' });
    expect(decodeJwt(session!.getAccessToken().getJwtToken()).payload.username).toBe('alice');
  });

  it('completes NEW_PASSWORD_REQUIRED after SRP, then signs in with the new password', async () => {
    await managementClient(mock.url).send(new AdminCreateUserCommand({
      UserPoolId: POOL, Username: 'nina', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'nina@example.com' }],
    }));
    const first = await signIn('nina', 'Temp-Passw0rd!');
    expect(first.newPasswordRequired?.userAttributes).toEqual({ email: 'nina@example.com' });
    expect(first.newPasswordRequired?.requiredAttributes).toEqual([]);
    const session = await new Promise<CognitoUserSession>((resolve, reject) => {
      first.newPasswordRequired!.user.completeNewPasswordChallenge('Brand-New-Passw0rd', {}, { onSuccess: resolve, onFailure: reject });
    });
    expect(session.isValid()).toBe(true);
    expect((await signIn('nina', 'Brand-New-Passw0rd')).session?.isValid()).toBe(true);
    expect((await signIn('nina', 'Temp-Passw0rd!')).error?.message).toBe('Incorrect username or password.');
  });

  it('refreshes the session with its refresh token: new tokens, the same origin_jti and auth_time', async () => {
    const { session } = await signIn('alice', PASSWORD);
    const user = new CognitoUser({ Username: 'alice', Pool: poolOf() });
    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) => {
      user.refreshSession(new CognitoRefreshToken({ RefreshToken: session!.getRefreshToken().getToken() }), (error: Error | null, s: CognitoUserSession) => (error ? reject(error) : resolve(s)));
    });
    const before = decodeJwt(session!.getAccessToken().getJwtToken()).payload;
    const after = decodeJwt(refreshed.getAccessToken().getJwtToken()).payload;
    expect(after.jti).not.toBe(before.jti);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.auth_time).toBe(before.auth_time);
    // REFRESH_TOKEN_AUTH returns no refresh token; the client keeps the one it had (§4.8).
    expect(refreshed.getRefreshToken().getToken()).toBe(session!.getRefreshToken().getToken());
  });
});
