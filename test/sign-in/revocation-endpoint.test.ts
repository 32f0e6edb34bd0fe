import { type CognitoIdentityProviderClient, GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHashOf } from '../../src/keys/secret-hash.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { basicAuth } from '../support/fixtures.js';
import { failure, managementClient } from '../support/management-client.js';
import { CLIENTS, PASSWORD, signInFixtures } from './support.js';

// POST /oauth2/revoke (cognito-reference-users §6.10): the OAuth face of RevokeToken, with its own
// answers: an empty 200, 400 invalid_request / unsupported_token_type, 401 invalid_client.

const NO_REVOKE = 'signin0app0client0norevok7';
let mock: CognitoMock;
let sdk: CognitoIdentityProviderClient;
beforeAll(async () => {
  const fixtures = signInFixtures();
  (fixtures.UserPools[0]!.UserPoolClients as unknown[]).push({ ClientId: NO_REVOKE, ClientName: 'no-revoke', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], EnableTokenRevocation: false });
  mock = await startCognitoMock({ fixtures });
  sdk = managementClient(mock.url);
});
afterAll(() => mock.stop());

async function signIn(clientId: string = CLIENTS.app.id, extra: Record<string, string> = {}) {
  const result = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD, ...extra } }));
  return result.AuthenticationResult!;
}

const revoke = (form: Record<string, string>, authorization?: string) => fetch(`${mock.url}/oauth2/revoke`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization === undefined ? {} : { authorization }) },
  body: new URLSearchParams(form).toString(),
});
const answer = async (res: Response) => [res.status, await res.text()];

describe('POST /oauth2/revoke', () => {
  it('ends the refresh token\'s sign-in: an empty 200, then its access token is refused', async () => {
    const session = await signIn();
    const res = await revoke({ token: session.RefreshToken!, client_id: CLIENTS.app.id });
    expect(await answer(res)).toEqual([200, '']);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    expect(await failure(sdk.send(new GetUserCommand({ AccessToken: session.AccessToken! })))).toMatchObject({ message: 'Access Token has been revoked' });
    // Again, or a token it never issued: still an empty 200.
    expect(await answer(await revoke({ token: session.RefreshToken!, client_id: CLIENTS.app.id }))).toEqual([200, '']);
    expect(await answer(await revoke({ token: 'not-a-token', client_id: CLIENTS.app.id }))).toEqual([200, '']);
  });

  it('authenticates a client with a secret by Basic, 401 invalid_client otherwise', async () => {
    const session = await signIn(CLIENTS.secret.id, { SECRET_HASH: secretHashOf(CLIENTS.secret.secret, 'alice', CLIENTS.secret.id) });
    expect(await answer(await revoke({ token: session.RefreshToken! }, basicAuth(CLIENTS.secret.id, 'wrong')))).toEqual([401, '{"error":"invalid_client"}']);
    expect(await answer(await revoke({ token: session.RefreshToken!, client_id: CLIENTS.secret.id }))).toEqual([401, '{"error":"invalid_client"}']);
    expect(await answer(await revoke({ token: session.RefreshToken! }, basicAuth(CLIENTS.secret.id, CLIENTS.secret.secret)))).toEqual([200, '']);
  });

  it.each<[string, () => Promise<Record<string, string>>, string]>([
    ['no token', async () => ({ client_id: CLIENTS.app.id }), 'invalid_request'],
    ['an access token', async () => ({ token: (await signIn()).AccessToken!, client_id: CLIENTS.app.id }), 'unsupported_token_type'],
    ['a client without revocation', async () => ({ token: (await signIn(NO_REVOKE)).RefreshToken!, client_id: NO_REVOKE }), 'invalid_request'],
  ])('refuses %s with 400', async (_case, form, error) => {
    expect(await answer(await revoke(await form()))).toEqual([400, JSON.stringify({ error })]);
  });

  it('takes only POST', async () => {
    expect((await fetch(`${mock.url}/oauth2/revoke`)).status).toBe(405);
  });
});
