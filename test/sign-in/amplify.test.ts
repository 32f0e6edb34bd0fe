import { AdminSetUserPasswordCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { decodeJwt } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { ALICE_SUB, CLIENTS, PASSWORD, POOL, awsVerifier, signInFixtures } from './support.js';

// The real Amplify v6 `signIn` in Node, configured with `userPoolEndpoint` pointed at the mock and
// nothing else changed (cognito-reference-users §4.12): its default USER_SRP_AUTH, its session and
// its refresh through GetTokensFromRefreshToken (§4.8).

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: signInFixtures() });
  Amplify.configure({ Auth: { Cognito: { userPoolId: POOL, userPoolClientId: CLIENTS.app.id, userPoolEndpoint: mock.url } } });
});
afterAll(async () => {
  await signOut().catch(() => undefined);
  await mock.stop();
});

describe('Amplify v6', () => {
  it('signs in with SRP and holds the mock\'s tokens, which aws-jwt-verify accepts', async () => {
    const result = await signIn({ username: 'alice', password: PASSWORD });
    expect(result).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(await getCurrentUser()).toMatchObject({ username: 'alice', userId: ALICE_SUB });
    const { tokens } = await fetchAuthSession();
    const id = await awsVerifier(mock, { tokenUse: 'id', clientId: CLIENTS.app.id, groups: 'readers' }).verify(tokens!.idToken!.toString());
    expect(id['cognito:username']).toBe('alice');
  });

  it('refreshes through GetTokensFromRefreshToken', async () => {
    const before = (await fetchAuthSession()).tokens!.accessToken.toString();
    const after = (await fetchAuthSession({ forceRefresh: true })).tokens!.accessToken.toString();
    expect(after).not.toBe(before);
    expect(decodeJwt(after).payload.origin_jti).toBe(decodeJwt(before).payload.origin_jti);
  });

  it('answers a temporary password with CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED, and confirmSignIn finishes it', async () => {
    await signOut().catch(() => undefined);
    await mock.createUser(POOL, { username: 'amy', attributes: { email: 'amy@example.com' } });
    await managementClient(mock.url).send(new AdminSetUserPasswordCommand({ UserPoolId: POOL, Username: 'amy', Password: 'Temp-Passw0rd!', Permanent: false }));
    const first = await signIn({ username: 'amy', password: 'Temp-Passw0rd!' });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
    const done = await confirmSignIn({ challengeResponse: 'Amy-New-Passw0rd!' });
    expect(done.isSignedIn).toBe(true);
    expect((await getCurrentUser()).username).toBe('amy');
  });

  it('reports a wrong password as Cognito\'s NotAuthorizedException', async () => {
    await signOut().catch(() => undefined);
    await expect(signIn({ username: 'alice', password: 'Wrong-Horse-9' })).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it.each<[string, { global: boolean }]>([
    ['revokes its sign-in (RevokeToken)', { global: false }],
    ['with global: true, signs the user out everywhere (GlobalSignOut)', { global: true }],
  ])('signOut %s: the mock then refuses its access token', async (_case, options) => {
    await signOut().catch(() => undefined);
    await signIn({ username: 'alice', password: PASSWORD });
    const access = (await fetchAuthSession()).tokens!.accessToken.toString();
    const sdk = managementClient(mock.url);
    expect((await sdk.send(new GetUserCommand({ AccessToken: access }))).Username).toBe('alice');
    await signOut(options);
    await expect(sdk.send(new GetUserCommand({ AccessToken: access }))).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  });
});
