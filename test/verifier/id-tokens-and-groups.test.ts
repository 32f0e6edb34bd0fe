import { type CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CognitoMock, CognitoMockError, startCognitoMock } from '../../src/testing/index.js';
import { createIdTokenVerifier, requireAccessToken } from '../../src/verifier/index.js';
import { requestToken } from '../support/fixtures.js';
import { managementClient } from '../support/management-client.js';
import { CLIENTS, PASSWORD, POOL, awsVerifier, signInFixtures } from '../sign-in/support.js';

// The shared verifier on people's tokens (cognito-reference-users §5.7): ID tokens from a real
// sign-in, checked by createIdTokenVerifier and aws-jwt-verify alike; `groups`; and one resource
// server taking both a service's M2M token and a user's access token.

const M2M = { id: 'signin0m2m0client000000008', secret: 'm2m0secret0for0tests0only00000000000000000000000000' };
let mock: CognitoMock;
let sdk: CognitoIdentityProviderClient;
let api: Server;
let apiUrl: string;

beforeAll(async () => {
  const fixtures = signInFixtures({ ResourceServers: [{ Identifier: 'orders', Name: 'orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] }] });
  (fixtures.UserPools[0]!.UserPoolClients as unknown[]).push({
    ClientId: M2M.id, ClientName: 'service', ClientSecret: M2M.secret,
    AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'],
  });
  mock = await startCognitoMock({ fixtures });
  await mock.createUser(POOL, { username: 'bob', password: PASSWORD });
  sdk = managementClient(mock.url);
  // A resource server as a team writes it: users and services both call /orders; only admins call /admin.
  const app = new Koa();
  const options = { ...mock.verifierOptions(POOL), clientId: [CLIENTS.app.id, M2M.id] };
  const orders = requireAccessToken(options);
  const admin = requireAccessToken({ ...options, groups: 'admins' });
  app.use(async (ctx, next) => {
    if (ctx.path === '/orders') return orders(ctx, async () => { ctx.body = { caller: ctx.state.accessToken.username ?? ctx.state.accessToken.client_id }; });
    if (ctx.path === '/admin') return admin(ctx, async () => { ctx.body = { admin: ctx.state.accessToken.username }; });
    return next();
  });
  api = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => api.once('listening', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
  await mock.stop();
});

async function signIn(username: string) {
  const result = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENTS.app.id, AuthParameters: { USERNAME: username, PASSWORD } }));
  return result.AuthenticationResult!;
}
const m2mToken = async () => ((await (await requestToken(mock.tokenEndpoint, { clientId: M2M.id, secret: M2M.secret })).json()) as { access_token: string }).access_token;
const call = (path: string, token: string) => fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('createIdTokenVerifier', () => {
  it('accepts the ID token of a real sign-in, as aws-jwt-verify does', async () => {
    const { IdToken } = await signIn('alice');
    const claims = await createIdTokenVerifier({ ...mock.verifierOptions(POOL), clientId: CLIENTS.app.id, groups: 'readers' }).verify(IdToken!);
    expect(claims).toMatchObject({ 'cognito:username': 'alice', aud: CLIENTS.app.id, token_use: 'id', email: 'alice@example.com' });
    expect(await awsVerifier(mock, { tokenUse: 'id', clientId: CLIENTS.app.id, groups: 'readers' }).verify(IdToken!)).toEqual(claims);
  });

  it.each<[string, () => Promise<string>, { clientId?: string; groups?: string[] }, string | null]>([
    ['a good ID token', async () => (await signIn('alice')).IdToken!, {}, null],
    ['a user in one of the groups', async () => (await signIn('alice')).IdToken!, { groups: ['nope', 'admins'] }, null],
    ['a user in none of the groups', async () => (await signIn('bob')).IdToken!, { groups: ['admins'] }, 'group_mismatch'],
    ['another client\'s ID token', async () => mock.mintIdToken({ clientId: CLIENTS.hiding.id, username: 'alice' }), {}, 'client_id_mismatch'],
    ['an access token', async () => (await signIn('alice')).AccessToken!, {}, 'token_use_mismatch'],
    ['an expired ID token', async () => mock.mintIdToken({ clientId: CLIENTS.app.id, username: 'alice', expired: true }), {}, 'token_expired'],
    ['an ID token of another issuer', async () => mock.mintIdToken({ clientId: CLIENTS.app.id, username: 'alice', wrongIssuer: true }), {}, 'issuer_mismatch'],
    ['an ID token signed with an unknown key', async () => mock.mintIdToken({ clientId: CLIENTS.app.id, username: 'alice', signedWithUnknownKey: true }), {}, 'unknown_kid'],
  ])('%s: both verifiers agree', async (_case, token, checks, code) => {
    const jwt = await token();
    const ours = createIdTokenVerifier({ ...mock.verifierOptions(POOL), clientId: CLIENTS.app.id, ...checks });
    const theirs = awsVerifier(mock, { tokenUse: 'id', clientId: CLIENTS.app.id, ...checks });
    const ourVerdict = await ours.verify(jwt).then(() => null, (error: { code: string }) => error.code);
    const theirVerdict = await theirs.verify(jwt).then(() => true, () => false);
    expect(ourVerdict).toBe(code);
    expect(theirVerdict).toBe(code === null);
  });

  it('refuses a bad groups option at construction', () => {
    expect(() => createIdTokenVerifier({ ...mock.verifierOptions(POOL), clientId: CLIENTS.app.id, groups: [] })).toThrow(TypeError);
  });
});

describe('the testing API mints user tokens', () => {
  it('mintIdToken and mintUserAccessToken carry what a sign-in gives', async () => {
    const id = await awsVerifier(mock, { tokenUse: 'id', clientId: CLIENTS.app.id, groups: 'admins' }).verify(mock.mintIdToken({ clientId: CLIENTS.app.id, username: 'alice' }));
    expect(id).toMatchObject({ 'cognito:username': 'alice', 'cognito:groups': ['admins', 'readers'], email: 'alice@example.com' });
    const access = await awsVerifier(mock, { tokenUse: 'access', clientId: CLIENTS.app.id }).verify(mock.mintUserAccessToken({ clientId: CLIENTS.app.id, username: 'alice' }));
    expect(access).toMatchObject({ username: 'alice', scope: 'aws.cognito.signin.user.admin', client_id: CLIENTS.app.id });
  });

  it('refuses a user the client\'s pool does not have', () => {
    expect(() => mock.mintIdToken({ clientId: CLIENTS.app.id, username: 'nobody' })).toThrow(CognitoMockError);
    expect(() => mock.mintUserAccessToken({ clientId: 'nosuchclient00000000000000', username: 'alice' })).toThrow(/no app client/);
  });
});

describe('a resource server protected by requireAccessToken', () => {
  it('takes a service\'s M2M token and a user\'s access token alike', async () => {
    expect(await (await call('/orders', await m2mToken())).json()).toEqual({ caller: M2M.id });
    expect(await (await call('/orders', (await signIn('bob')).AccessToken!)).json()).toEqual({ caller: 'bob' });
  });

  it('with groups, takes only users in one of them: 403 for others and for M2M tokens', async () => {
    expect(await (await call('/admin', (await signIn('alice')).AccessToken!)).json()).toEqual({ admin: 'alice' });
    for (const token of [(await signIn('bob')).AccessToken!, await m2mToken()]) {
      const res = await call('/admin', token);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'insufficient_scope', code: 'group_mismatch' });
    }
  });

  it('refuses an ID token (401)', async () => {
    const res = await call('/orders', (await signIn('alice')).IdToken!);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'token_use_mismatch' });
  });
});
