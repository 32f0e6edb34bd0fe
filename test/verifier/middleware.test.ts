import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { createAccessTokenVerifier, requireAccessToken } from '../../src/verifier/index.js';
import { ORDERS_CLIENT, POOL_ID, READER_CLIENT, basicAuth, testFixtures } from '../support/fixtures.js';
import { claimsOf, kidOfTestKey, signWithTestKey, withClaims } from './support/forge.js';

let mock: CognitoMock;
let server: Server;
let base: string;

beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: testFixtures() });
  const verifier = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: [ORDERS_CLIENT.id, READER_CLIENT.id] });
  const router = new Router();
  router.get('/read', requireAccessToken({ verifier, scopes: ['orders/read'] }), (ctx) => {
    ctx.body = { claims: ctx.state.accessToken };
  });
  router.get('/write', requireAccessToken({ verifier, scopes: ['orders/write'] }), (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/either', requireAccessToken({ verifier, scopes: { anyOf: ['orders/write', 'orders/admin'] } }), (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/own-verifier', requireAccessToken({ ...mock.verifierOptions(POOL_ID), clientId: READER_CLIENT.id, scopes: ['orders/read'] }), (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/no-jwks', requireAccessToken({ ...mock.verifierOptions(POOL_ID), jwksUri: `${mock.url}/nowhere/jwks.json`, clientId: null }), (ctx) => {
    ctx.body = { ok: true };
  });
  router.get('/boom', requireAccessToken({ verifier }), () => {
    throw new Error('handler failed');
  });
  const app = new Koa();
  app.silent = true;
  app.use(router.routes());
  server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await mock.stop();
});

const call = (path: string, authorization?: string) =>
  fetch(`${base}${path}`, authorization === undefined ? {} : { headers: { authorization } });

async function expectAnswer(res: Response, status: number, challenge: string | null, body: unknown): Promise<void> {
  expect({ status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.json() }).toEqual({ status, challenge, body });
}

describe('requireAccessToken', () => {
  it('passes a valid token through and puts its claims on ctx.state.accessToken', async () => {
    const token = mock.mintAccessToken({ clientId: READER_CLIENT.id });
    const res = await call('/read', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ claims: claimsOf(token) });
  });

  it('accepts the scheme in any case (RFC 7235 §2.1)', async () => {
    const res = await call('/read', `bearer ${mock.mintAccessToken({ clientId: READER_CLIENT.id })}`);
    expect(res.status).toBe(200);
  });

  it('answers 401 with a bare Bearer challenge when there are no credentials (RFC 6750 §3.1)', async () => {
    await expectAnswer(await call('/read'), 401, 'Bearer', { code: 'missing_token' });
  });

  it('treats another scheme as no credentials', async () => {
    await expectAnswer(await call('/read', basicAuth(READER_CLIENT.id, READER_CLIENT.secret)), 401, 'Bearer', { code: 'missing_token' });
  });

  it.each([
    ['an empty Bearer credential', 'Bearer'],
    ['two tokens', 'Bearer a.b.c d.e.f'],
    ['characters outside token68', 'Bearer a.b.c,x'],
    ['garbage', 'Bearer not-a-jwt'],
  ])('answers 401 invalid_token / malformed_token to %s', async (_name, header) => {
    await expectAnswer(await call('/read', header), 401, 'Bearer error="invalid_token"', { error: 'invalid_token', code: 'malformed_token' });
  });

  it('answers 401 invalid_token to an expired token', async () => {
    const token = mock.mintAccessToken({ clientId: READER_CLIENT.id, expiresIn: -1 });
    await expectAnswer(await call('/read', `Bearer ${token}`), 401, 'Bearer error="invalid_token"', { error: 'invalid_token', code: 'token_expired' });
  });

  it('says nothing about a bad signature beyond its code', async () => {
    const token = mock.mintAccessToken({ clientId: READER_CLIENT.id });
    const tampered = withClaims(token, { ...claimsOf(token), scope: 'orders/write' });
    const res = await call('/write', `Bearer ${tampered}`);
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(JSON.parse(text)).toEqual({ error: 'invalid_token', code: 'invalid_signature' });
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('answers 401 to a token signed by an unknown key', async () => {
    const forged = await signWithTestKey(4, claimsOf(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id })));
    await expectAnswer(await call('/write', `Bearer ${forged}`), 401, 'Bearer error="invalid_token"', { error: 'invalid_token', code: 'unknown_kid' });
    const underPoolKid = await signWithTestKey(4, claimsOf(mock.mintAccessToken({ clientId: ORDERS_CLIENT.id })), { kid: kidOfTestKey(0) });
    await expectAnswer(await call('/write', `Bearer ${underPoolKid}`), 401, 'Bearer error="invalid_token"', { error: 'invalid_token', code: 'invalid_signature' });
  });

  it('answers 403 insufficient_scope naming the required scope', async () => {
    const token = mock.mintAccessToken({ clientId: READER_CLIENT.id });
    await expectAnswer(await call('/write', `Bearer ${token}`), 403, 'Bearer error="insufficient_scope", scope="orders/write"',
      { error: 'insufficient_scope', code: 'scope_mismatch' });
  });

  it('applies any-of scopes per route', async () => {
    expect((await call('/either', `Bearer ${mock.mintAccessToken({ clientId: ORDERS_CLIENT.id })}`)).status).toBe(200);
    await expectAnswer(await call('/either', `Bearer ${mock.mintAccessToken({ clientId: READER_CLIENT.id })}`), 403,
      'Bearer error="insufficient_scope", scope="orders/write orders/admin"', { error: 'insufficient_scope', code: 'scope_mismatch' });
  });

  it('builds its own verifier from verifier options', async () => {
    expect((await call('/own-verifier', `Bearer ${mock.mintAccessToken({ clientId: READER_CLIENT.id })}`)).status).toBe(200);
    await expectAnswer(await call('/own-verifier', `Bearer ${mock.mintAccessToken({ clientId: ORDERS_CLIENT.id })}`), 401,
      'Bearer error="invalid_token"', { error: 'invalid_token', code: 'client_id_mismatch' });
  });

  it('answers 503 without a challenge when the JWKS cannot be fetched', async () => {
    await expectAnswer(await call('/no-jwks', `Bearer ${mock.mintAccessToken({ clientId: READER_CLIENT.id })}`), 503, null, { code: 'jwks_unavailable' });
  });

  it('lets errors of later middleware through untouched', async () => {
    const res = await call('/boom', `Bearer ${mock.mintAccessToken({ clientId: READER_CLIENT.id })}`);
    expect(res.status).toBe(500);
    expect(res.headers.get('www-authenticate')).toBeNull();
  });

  it('throws a TypeError at set-up for bad route scopes', () => {
    const verifier = createAccessTokenVerifier({ ...mock.verifierOptions(POOL_ID), clientId: null });
    expect(() => requireAccessToken({ verifier, scopes: [] })).toThrow(TypeError);
    expect(() => requireAccessToken({ verifier, scopes: ['a"b'] })).toThrow(TypeError);
  });
});
