import { type CognitoIdentityProviderClient, InitiateAuthCommand, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHashOf } from '../../src/keys/secret-hash.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { decodeJwt, requestToken } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { CLIENTS, PASSWORD, signInFixtures } from './support.js';

// grant_type=refresh_token at /oauth2/token (cognito-reference-users §6.7) with refresh tokens of
// the API's sign-in: the same sessions as REFRESH_TOKEN_AUTH, answered in OAuth's shape.

const PASSWORD_ONLY = 'signin0app0client0pwonly09';
let mock: CognitoMock;
let sdk: CognitoIdentityProviderClient;
beforeAll(async () => {
  const fixtures = signInFixtures();
  (fixtures.UserPools[0]!.UserPoolClients as unknown[]).push({ ClientId: PASSWORD_ONLY, ClientName: 'password-only', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
  mock = await startCognitoMock({ fixtures });
  sdk = managementClient(mock.url);
});
afterAll(() => mock.stop());

async function signIn(clientId: string, extra: Record<string, string> = {}) {
  const result = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD, ...extra } }));
  return result.AuthenticationResult!;
}

const refreshGrant = (clientId: string, token: string, secret?: string) => requestToken(mock.tokenEndpoint, {
  grantType: 'refresh_token', clientId, ...(secret === undefined ? { auth: 'post' as const } : { secret }), extra: { refresh_token: token },
});

describe('POST /oauth2/token grant_type=refresh_token', () => {
  it('gives new ID and access tokens of the same sign-in, in Cognito\'s order, and no refresh token', async () => {
    const first = await signIn(CLIENTS.app.id);
    const res = await refreshGrant(CLIENTS.app.id, first.RefreshToken!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['id_token', 'access_token', 'expires_in', 'token_type']);
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(decodeJwt(body.id_token as string).payload.origin_jti).toBe(decodeJwt(first.IdToken!).payload.origin_jti);
  });

  it('rotates the refresh token for a client that rotates them', async () => {
    const first = await signIn(CLIENTS.rotating.id);
    const body = (await (await refreshGrant(CLIENTS.rotating.id, first.RefreshToken!)).json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['id_token', 'access_token', 'refresh_token', 'expires_in', 'token_type']);
    expect(body.refresh_token).not.toBe(first.RefreshToken);
  });

  it('authenticates a client with a secret as for any grant', async () => {
    const first = await signIn(CLIENTS.secret.id, { SECRET_HASH: secretHashOf(CLIENTS.secret.secret, 'alice', CLIENTS.secret.id) });
    expect((await refreshGrant(CLIENTS.secret.id, first.RefreshToken!, CLIENTS.secret.secret)).status).toBe(200);
    const wrong = await refreshGrant(CLIENTS.secret.id, first.RefreshToken!, 'wrong');
    expect([wrong.status, await wrong.json()]).toEqual([400, { error: 'invalid_client' }]);
  });

  it.each<[string, () => Promise<[string, string]>, string]>([
    ['a revoked refresh token', async () => {
      const { RefreshToken } = await signIn(CLIENTS.app.id);
      await sdk.send(new RevokeTokenCommand({ Token: RefreshToken!, ClientId: CLIENTS.app.id }));
      return [CLIENTS.app.id, RefreshToken!];
    }, 'invalid_grant'],
    ['another client\'s refresh token', async () => [CLIENTS.hiding.id, (await signIn(CLIENTS.app.id)).RefreshToken!], 'invalid_grant'],
    ['a token the mock never issued', async () => [CLIENTS.app.id, 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a.b.c.d'], 'invalid_grant'],
    ['a client without refreshes', async () => [PASSWORD_ONLY, (await signIn(PASSWORD_ONLY)).RefreshToken!], 'unauthorized_client'],
  ])('refuses %s', async (_case, input, error) => {
    const [clientId, token] = await input();
    const res = await refreshGrant(clientId, token);
    expect([res.status, await res.json()]).toEqual([400, { error }]);
  });

  it('requires refresh_token', async () => {
    const res = await requestToken(mock.tokenEndpoint, { grantType: 'refresh_token', clientId: CLIENTS.app.id, auth: 'post' });
    expect([res.status, await res.json()]).toEqual([400, { error: 'invalid_request' }]);
  });
});
