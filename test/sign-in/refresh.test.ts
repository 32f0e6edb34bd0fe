import {
  AdminInitiateAuthCommand, type CognitoIdentityProviderClient, GetTokensFromRefreshTokenCommand, InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretHashOf } from '../../src/keys/secret-hash.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { decodeJwt } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { useTempDir } from '../support/temp-dir.js';
import { CLIENTS, PASSWORD, POOL, signInFixtures } from './support.js';

// REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken with the real AWS SDK (cognito-reference-users
// §4.8): which client may refresh, expiry, rotation, and sessions that survive a restart.

const tmp = useTempDir('refresh');
let now = Date.parse('2026-03-01T12:00:00Z');
let mock: CognitoMock;
let sdk: CognitoIdentityProviderClient;
const start = async (pool: Record<string, unknown> = {}) => {
  mock = await startCognitoMock({ fixtures: signInFixtures(pool), data: tmp.join('store.json'), clock: () => now });
  sdk = managementClient(mock.url);
};
beforeEach(() => start());
afterEach(() => mock.stop());

async function signIn(clientId: string = CLIENTS.app.id, extra: Record<string, string> = {}) {
  const result = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD, ...extra } }));
  return result.AuthenticationResult!;
}

const refresh = (token: string, clientId: string = CLIENTS.app.id, extra: Record<string, string> = {}) =>
  sdk.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: token, ...extra } }));

describe('REFRESH_TOKEN_AUTH', () => {
  it('gives new ID and access tokens of the same sign-in, and no refresh token', async () => {
    const first = await signIn();
    now += 60_000;
    const result = await refresh(first.RefreshToken!);
    expect(result.AuthenticationResult!.RefreshToken).toBeUndefined();
    expect(result.ChallengeParameters).toEqual({});
    const before = decodeJwt(first.IdToken!).payload;
    const after = decodeJwt(result.AuthenticationResult!.IdToken!).payload;
    expect(after).toMatchObject({ origin_jti: before.origin_jti, auth_time: before.auth_time, sub: before.sub, iat: (before.iat as number) + 60 });
    expect(after.jti).not.toBe(before.jti);
    expect(after.event_id).not.toBe(before.event_id);
  });

  it('also answers the legacy name REFRESH_TOKEN, and through AdminInitiateAuth', async () => {
    const { RefreshToken } = await signIn();
    expect((await sdk.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN', ClientId: CLIENTS.app.id, AuthParameters: { REFRESH_TOKEN: RefreshToken! } }))).AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await sdk.send(new AdminInitiateAuthCommand({ UserPoolId: POOL, AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { REFRESH_TOKEN: RefreshToken! } }))).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it.each<[string, (token: string) => Promise<unknown>, string]>([
    ['another client', (t) => refresh(t, CLIENTS.hiding.id), 'Invalid Refresh Token.'],
    ['a changed token', (t) => refresh(`${t.slice(0, -4)}AAAA`), 'Invalid Refresh Token.'],
    ['an access token', () => refresh('eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.e30.c2ln'), 'Invalid Refresh Token.'],
  ])('refuses a refresh token of %s', async (_case, call, message) => {
    const { RefreshToken } = await signIn();
    expect(await failure(call(RefreshToken!))).toMatchObject({ name: 'NotAuthorizedException', message });
  });

  it('refuses a refresh token past RefreshTokenValidity (30 days by default)', async () => {
    const { RefreshToken } = await signIn();
    now += 30 * 86_400_000 - 1000;
    expect((await refresh(RefreshToken!)).AuthenticationResult).toBeTruthy();
    now += 2000;
    expect(await failure(refresh(RefreshToken!))).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has expired' });
  });

  it('needs the SECRET_HASH of the internal username for a client with a secret', async () => {
    const hash = secretHashOf(CLIENTS.secret.secret, 'alice', CLIENTS.secret.id);
    const { RefreshToken } = await signIn(CLIENTS.secret.id, { SECRET_HASH: hash });
    expect(await failure(refresh(RefreshToken!, CLIENTS.secret.id))).toMatchObject({
      message: `Client ${CLIENTS.secret.id} is configured for secret but secret was not received`,
    });
    expect((await refresh(RefreshToken!, CLIENTS.secret.id, { SECRET_HASH: hash })).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('is refused for a client without the flow, and for one that rotates refresh tokens', async () => {
    const { RefreshToken } = await signIn(CLIENTS.rotating.id);
    expect(await failure(refresh(RefreshToken!, CLIENTS.rotating.id))).toMatchObject({ name: 'InvalidParameterException', message: 'Auth flow not enabled for this client' });
  });

  it('works after a restart: sessions are kept in the store', async () => {
    const { RefreshToken } = await signIn();
    await mock.stop();
    await start();
    expect((await refresh(RefreshToken!)).AuthenticationResult?.IdToken).toBeTruthy();
    // The store keeps a hash, never the token.
    expect(JSON.stringify(mock.snapshot())).not.toContain(RefreshToken!.split('.')[1]);
  });
});

describe('GetTokensFromRefreshToken', () => {
  const getTokens = (token: string, clientId: string = CLIENTS.app.id, ClientSecret?: string) =>
    sdk.send(new GetTokensFromRefreshTokenCommand({ RefreshToken: token, ClientId: clientId, ...(ClientSecret ? { ClientSecret } : {}) }));

  it('refreshes without rotation, keeping the refresh token', async () => {
    const { RefreshToken } = await signIn();
    const result = await getTokens(RefreshToken!);
    expect(result.AuthenticationResult).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600 });
    expect(result.AuthenticationResult!.RefreshToken).toBeUndefined();
    expect((await getTokens(RefreshToken!)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('rotates: a new refresh token each time, the old one accepted only for the grace period', async () => {
    const first = (await signIn(CLIENTS.rotating.id)).RefreshToken!;
    const second = (await getTokens(first, CLIENTS.rotating.id)).AuthenticationResult!.RefreshToken!;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    now += 5_000;
    expect((await getTokens(first, CLIENTS.rotating.id)).AuthenticationResult?.RefreshToken).toBeTruthy();
    const third = (await getTokens(second, CLIENTS.rotating.id)).AuthenticationResult!.RefreshToken!;
    now += 11_000;
    expect(await failure(getTokens(second, CLIENTS.rotating.id))).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token.' });
    expect((await getTokens(third, CLIENTS.rotating.id)).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('takes the raw ClientSecret of a client with a secret', async () => {
    const { RefreshToken } = await signIn(CLIENTS.secret.id, { SECRET_HASH: secretHashOf(CLIENTS.secret.secret, 'alice', CLIENTS.secret.id) });
    expect(await failure(getTokens(RefreshToken!, CLIENTS.secret.id))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await failure(getTokens(RefreshToken!, CLIENTS.secret.id, 'wrong-secret'))).toMatchObject({ name: 'NotAuthorizedException' });
    expect((await getTokens(RefreshToken!, CLIENTS.secret.id, CLIENTS.secret.secret)).AuthenticationResult?.AccessToken).toBeTruthy();
  });
});
