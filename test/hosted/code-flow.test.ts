import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ALICE_SUB, CALLBACK, CLIENTS, PASSWORD, TEMPORARY_PASSWORD, hostedFixtures } from './support.js';
import { Jar, get, pkce, submit } from './support-flow.js';

// The code flow of the managed login without a browser (cognito-reference-users §6.1–§6.7): the
// authorize redirect, the classic form posted as HTML forms are, the code exchanged at /oauth2/token.

let now = Date.UTC(2026, 11, 3, 9, 0, 0);
let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: hostedFixtures(), clock: () => now });
});
afterAll(() => mock.stop());

const authorizeUrl = (params: Record<string, string>) =>
  `${mock.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENTS.spa.id, redirect_uri: CALLBACK, ...params })}`;

/** Authorize → /login → the form posted; the last answer. */
async function signIn(params: Record<string, string>, username = 'alice', password = PASSWORD, jar = new Jar()) {
  const first = await get(authorizeUrl(params), jar);
  expect(first.status).toBe(302);
  const login = await get(new URL(first.headers.get('location')!, mock.url).href, jar);
  expect(login.status).toBe(200);
  return { res: await submit(mock.url, await login.text(), { username, password }, jar), jar };
}

async function code(params: Record<string, string>) {
  const { res, jar } = await signIn(params);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  return { code: location.searchParams.get('code')!, location, jar };
}

const tokenRequest = (form: Record<string, string>, auth?: string) => fetch(`${mock.url}/oauth2/token`, {
  method: 'POST', body: new URLSearchParams(form),
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth === undefined ? {} : { authorization: auth }) },
});
const exchange = (codeValue: string, verifier: string, extra: Record<string, string> = {}) =>
  tokenRequest({ grant_type: 'authorization_code', client_id: CLIENTS.spa.id, code: codeValue, redirect_uri: CALLBACK, code_verifier: verifier, ...extra });

describe('authorization code with PKCE', () => {
  it('signs alice in: a code in the query with the state, tokens in Cognito\'s order and shapes', async () => {
    const { verifier, challenge } = pkce();
    const { code: value, location } = await code({ scope: 'openid email aws.cognito.signin.user.admin', state: 'st-1', nonce: 'n-1',
      code_challenge: challenge, code_challenge_method: 'S256' });
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(location.searchParams.get('state')).toBe('st-1');
    const res = await exchange(value, verifier);
    expect(res.status).toBe(200);
    const body = await res.json() as Record<string, string>;
    expect(Object.keys(body)).toEqual(['id_token', 'access_token', 'refresh_token', 'expires_in', 'token_type']);
    const id = decodeJwt(body.id_token!);
    expect(id).toMatchObject({ sub: ALICE_SUB, nonce: 'n-1', aud: CLIENTS.spa.id, token_use: 'id', email: 'alice@example.com', email_verified: true });
    expect(Object.keys(id)[0]).toBe('at_hash');
    expect(id).not.toHaveProperty('event_id');
    expect(id).not.toHaveProperty('name');
    const access = decodeJwt(body.access_token!);
    expect(access).toMatchObject({ scope: 'openid email aws.cognito.signin.user.admin', version: 2, client_id: CLIENTS.spa.id, username: 'alice' });
    expect(access).not.toHaveProperty('event_id');
    const info = await fetch(`${mock.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(await info.json()).toEqual({ sub: ALICE_SUB, email: 'alice@example.com', email_verified: 'true', username: 'alice' });
  });

  it('refreshes a managed-login sign-in with its scopes; a revoked refresh token is invalid_grant', async () => {
    const { verifier, challenge } = pkce();
    const { code: value } = await code({ scope: 'openid profile', code_challenge: challenge, code_challenge_method: 'S256' });
    const tokens = await (await exchange(value, verifier)).json() as Record<string, string>;
    const refreshed = await (await tokenRequest({ grant_type: 'refresh_token', client_id: CLIENTS.spa.id, refresh_token: tokens.refresh_token! })).json() as Record<string, string>;
    expect(decodeJwt(refreshed.access_token!)).toMatchObject({ scope: 'openid profile', version: 2 });
    expect(decodeJwt(refreshed.id_token!)).toMatchObject({ name: 'Alice' });
    const revoke = await fetch(`${mock.url}/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: tokens.refresh_token!, client_id: CLIENTS.spa.id }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(revoke.status).toBe(200);
    const again = await tokenRequest({ grant_type: 'refresh_token', client_id: CLIENTS.spa.id, refresh_token: tokens.refresh_token! });
    expect([again.status, await again.json()]).toEqual([400, { error: 'invalid_grant' }]);
  });

  it('refuses a wrong verifier, another redirect URI, another client, a reused code (ending its sign-in) and an expired code', async () => {
    const { verifier, challenge } = pkce();
    const pkceParams = { scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' };
    const first = await code(pkceParams);
    expect(await (await exchange(first.code, `${verifier}x`)).json()).toEqual({ error: 'invalid_grant' });
    const second = await code(pkceParams);
    expect(await (await exchange(second.code, verifier, { redirect_uri: `${CALLBACK}/` })).json()).toEqual({ error: 'unauthorized_client' });
    const third = await code(pkceParams);
    const web = `Basic ${Buffer.from(`${CLIENTS.web.id}:${CLIENTS.web.secret}`).toString('base64')}`;
    const other = await tokenRequest({ grant_type: 'authorization_code', code: third.code, redirect_uri: CALLBACK, code_verifier: verifier }, web);
    expect(await other.json()).toEqual({ error: 'invalid_grant' });

    const fourth = await code(pkceParams);
    const tokens = await (await exchange(fourth.code, verifier)).json() as Record<string, string>;
    expect(await (await exchange(fourth.code, verifier)).json()).toEqual({ error: 'invalid_grant' });
    const refresh = await tokenRequest({ grant_type: 'refresh_token', client_id: CLIENTS.spa.id, refresh_token: tokens.refresh_token! });
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });

    const fifth = await code(pkceParams);
    now += 5 * 60_000 + 1_000;
    expect(await (await exchange(fifth.code, verifier)).json()).toEqual({ error: 'invalid_grant' });
  });

  it('a confidential client authenticates as at every grant; without its secret it is invalid_client', async () => {
    const jar = new Jar();
    const first = await get(`${mock.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENTS.web.id, redirect_uri: CALLBACK, scope: 'openid' })}`, jar);
    const login = await get(new URL(first.headers.get('location')!, mock.url).href, jar);
    const res = await submit(mock.url, await login.text(), { username: 'alice', password: PASSWORD }, jar);
    const value = new URL(res.headers.get('location')!).searchParams.get('code')!;
    expect(await (await tokenRequest({ grant_type: 'authorization_code', client_id: CLIENTS.web.id, code: value, redirect_uri: CALLBACK })).json()).toEqual({ error: 'invalid_client' });
    const web = `Basic ${Buffer.from(`${CLIENTS.web.id}:${CLIENTS.web.secret}`).toString('base64')}`;
    const ok = await tokenRequest({ grant_type: 'authorization_code', code: value, redirect_uri: CALLBACK }, web);
    expect(ok.status).toBe(200);
  });
});

describe('the sign-in page', () => {
  it('re-renders the form with Cognito\'s text for a wrong password, keeping the username', async () => {
    const { res } = await signIn({ scope: 'openid' }, 'alice', 'wrong-password');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<p id="loginErrorMessage" class="errorMessage" role="alert">Incorrect username or password.</p>');
    expect(html).toContain('value="alice"');
    for (const [user, text] of [['nobody', 'User does not exist.'], ['dora', 'User is disabled.'], ['uma', 'User is not confirmed.']]) {
      expect(await (await signIn({ scope: 'openid' }, user, PASSWORD)).res.text()).toContain(text);
    }
  });

  it('refuses a post without the page\'s CSRF token', async () => {
    const jar = new Jar();
    const first = await get(authorizeUrl({ scope: 'openid' }), jar);
    const login = await get(new URL(first.headers.get('location')!, mock.url).href, jar);
    jar.cookies.set('XSRF-TOKEN', 'forged');
    const res = await submit(mock.url, await login.text(), { username: 'alice', password: PASSWORD }, jar);
    expect(res.status).toBe(403);
  });

  it('asks a FORCE_CHANGE_PASSWORD user for a new password, checks it, then signs in', async () => {
    const { res, jar } = await signIn({ scope: 'openid' }, 'nora', TEMPORARY_PASSWORD);
    const html = await res.text();
    expect(html).toContain('name="cognitoNewPasswordForm"');
    const mismatch = await submit(mock.url, html, { newPassword: 'New-Password-1', confirmNewPassword: 'Other-Password-1' }, jar);
    const again = await mismatch.text();
    expect(again).toContain('Passwords do not match.');
    const weak = await submit(mock.url, again, { newPassword: 'short', confirmNewPassword: 'short' }, jar);
    const third = await weak.text();
    expect(third).toContain('Password does not conform to policy: Password not long enough');
    const done = await submit(mock.url, third, { newPassword: 'New-Password-1', confirmNewPassword: 'New-Password-1' }, jar);
    expect(done.status).toBe(302);
    expect(new URL(done.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });

  it('keeps the session: a second authorize skips the form, prompt=login shows it, /logout ends it', async () => {
    const { jar } = await code({ scope: 'openid' });
    const second = await get(authorizeUrl({ scope: 'openid', state: 's2' }), jar);
    expect(new URL(second.headers.get('location')!).searchParams.get('state')).toBe('s2');
    expect(new URL(second.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    expect((await get(authorizeUrl({ scope: 'openid', prompt: 'login' }), jar)).headers.get('location')).toMatch(/^\/login\?/);
    const out = await get(`${mock.url}/logout?client_id=${CLIENTS.spa.id}&logout_uri=${encodeURIComponent('http://localhost:3000/signed-out')}`, jar);
    expect([out.status, out.headers.get('location')]).toEqual([302, 'http://localhost:3000/signed-out']);
    expect((await get(authorizeUrl({ scope: 'openid' }), jar)).headers.get('location')).toMatch(/^\/login\?/);
    const none = await get(authorizeUrl({ scope: 'openid', prompt: 'none', state: 's3' }), jar);
    expect(none.headers.get('location')).toBe(`${CALLBACK}?error=login_required&state=s3`);
  });
});

describe('authorize refusals', () => {
  it('never redirects to an unregistered redirect URI or for an unknown client: the error page', async () => {
    const jar = new Jar();
    const wrong = await get(authorizeUrl({ redirect_uri: `${CALLBACK}/` }), jar);
    expect(wrong.headers.get('location')).toBe(`/error?error=redirect_mismatch&client_id=${CLIENTS.spa.id}`);
    const page = await get(`${mock.url}${wrong.headers.get('location')}`, jar);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('An error was encountered with the requested page.');
    expect((await get(authorizeUrl({ client_id: 'nosuchclient' }), jar)).headers.get('location')).toBe('/error?error=invalid_request&client_id=nosuchclient');
  });

  it('redirects the rest back with error= and the state', async () => {
    const jar = new Jar();
    const cases: [Record<string, string>, string][] = [
      [{ response_type: '' }, 'invalid_request'],
      [{ code_challenge: pkce().challenge, code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge_method: 'S256' }, 'invalid_request'],
      [{ scope: 'openid nosuch/scope' }, 'invalid_scope'],
      [{ identity_provider: 'Google' }, 'invalid_request'],
    ];
    for (const [params, error] of cases) {
      const res = await get(authorizeUrl({ state: 'xyz', ...params }), jar);
      expect(res.headers.get('location'), JSON.stringify(params)).toBe(`${CALLBACK}?error=${error}&state=xyz`);
    }
    const web = await get(`${mock.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'token', client_id: CLIENTS.web.id, redirect_uri: CALLBACK, state: 'i' })}`, jar);
    expect(web.headers.get('location')).toBe(`${CALLBACK}#error=unauthorized_client&state=i`);
  });

  it('ignores scopes the client is not allowed (§9 Q11)', async () => {
    const { jar } = await code({ scope: 'openid' });
    const res = await get(`${mock.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENTS.web.id, redirect_uri: CALLBACK, scope: 'openid phone' })}`, jar);
    expect(new URL(res.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });
});

describe('implicit grant', () => {
  it('returns the tokens in the fragment: id_token, access_token, expires_in, token_type, state; no refresh token', async () => {
    const { res } = await signIn({ response_type: 'token', scope: 'openid email', state: 'imp' });
    const location = res.headers.get('location')!;
    expect(location.startsWith(`${CALLBACK}#id_token=`)).toBe(true);
    const fragment = new URLSearchParams(location.slice(location.indexOf('#') + 1));
    expect([...fragment.keys()]).toEqual(['id_token', 'access_token', 'expires_in', 'token_type', 'state']);
    expect([fragment.get('expires_in'), fragment.get('token_type'), fragment.get('state')]).toEqual(['3600', 'Bearer', 'imp']);
    expect(decodeJwt(fragment.get('access_token')!)).toMatchObject({ scope: 'openid email', version: 2 });
  });
});
