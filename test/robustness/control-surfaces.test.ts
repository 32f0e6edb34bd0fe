import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { ORDERS_CLIENT, POOL_ID, basicAuth, testFixtures } from '../support/fixtures.js';
import { API_TARGET_PREFIX, type RawResponse, rawRequest } from './support/raw-http.js';

// Only the right callers reach the control surfaces (SECURITY.md "Control surfaces"). A web page
// open in the developer's browser can send "simple" cross-site requests (POST with text/plain, a
// form or no Content-Type) without a CORS preflight, and with DNS rebinding (its own name made to
// resolve to 127.0.0.1) it can read answers as its own origin. So: the management API and /_mock
// take only JSON types a page cannot send unasked; /_mock grants no preflight; the API grants one
// (browser apps sign users in through it) but answers a page only the public sign-in operations;
// and every endpoint answers only Host names no attacker's DNS can answer.

const FORM = 'application/x-www-form-urlencoded';
const basic = basicAuth(ORDERS_CLIENT.id, ORDERS_CLIENT.secret);

let mock: CognitoMock;
beforeAll(async () => { mock = await startCognitoMock({ fixtures: testFixtures() }); });
afterAll(() => mock.stop());

const token = (headers: Record<string, string> = {}): Promise<RawResponse> => rawRequest(mock.url, {
  path: '/oauth2/token', headers: { authorization: basic, 'content-type': FORM, ...headers }, body: 'grant_type=client_credentials',
});
const api = (operation: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> => rawRequest(mock.url, {
  path: '/', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${API_TARGET_PREFIX}${operation}`, ...headers }, body: JSON.stringify(input),
});
const get = (path: string, headers: Record<string, string> = {}): Promise<RawResponse> => rawRequest(mock.url, { method: 'GET', path, headers });
const corsHeaders = (res: RawResponse): string[] => Object.keys(res.headers).filter((name) => name.startsWith('access-control-allow'));

describe('cross-site simple requests to /_mock', () => {
  // What `fetch(url, { method: 'POST', mode: 'no-cors', body })` sends: no type, or text/plain.
  const simple = [{}, { 'content-type': 'text/plain;charset=UTF-8' }, { 'content-type': FORM }, { 'content-type': 'multipart/form-data; boundary=x' }];

  it('POST /_mock/faults refuses them with 400 naming application/json, and injects nothing', async () => {
    for (const headers of simple) {
      const res = await rawRequest(mock.url, { path: '/_mock/faults', headers: { origin: 'https://evil.example', ...headers }, body: '{"On":"token","Error":"invalid_client"}' });
      expect(res.status).toBe(400);
      expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
      expect((res.json as { message: string }).message).toMatch(/^Content-Type must be application\/json, got /);
      expect(corsHeaders(res)).toEqual([]);
    }
    expect(mock.server.faults.list()).toEqual([]);
    expect((await token()).status).toBe(200);
  });

  it('rotate-keys and retire-keys refuse them and leave the JWKS as it was', async () => {
    const jwks = JSON.stringify(mock.jwks(POOL_ID));
    for (const action of ['rotate-keys', 'retire-keys']) {
      for (const headers of simple) {
        const res = await rawRequest(mock.url, { path: `/_mock/pools/${POOL_ID}/${action}`, headers, body: '{}' });
        expect(res.status).toBe(400);
        expect((res.json as { __type: string }).__type).toBe('SerializationException');
      }
      // No body at all is just as simple a request.
      expect((await rawRequest(mock.url, { path: `/_mock/pools/${POOL_ID}/${action}` })).status).toBe(400);
    }
    expect(JSON.stringify(mock.jwks(POOL_ID))).toBe(jwks);
  });

  it('GET /_mock/faults still answers (read-only; a cross-site page gets an opaque answer: no CORS header)', async () => {
    const res = await get('/_mock/faults', { origin: 'https://evil.example' });
    expect({ status: res.status, body: res.json }).toEqual({ status: 200, body: { Faults: [] } });
    expect(corsHeaders(res)).toEqual([]);
  });
});

describe('the API from a web page', () => {
  const PAGE = { origin: 'https://app.example' };

  it('grants the preflight of the headers browser SDKs send, and nothing else', async () => {
    const preflight = (headers: Record<string, string>) => rawRequest(mock.url, { method: 'OPTIONS', path: '/', headers: { ...PAGE, ...headers } });
    const granted = await preflight({ 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent' });
    expect(granted.status).toBe(204);
    expect(granted.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent' });
    for (const refused of [{ 'access-control-request-method': 'DELETE' }, { 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-evil' }]) {
      expect(corsHeaders(await preflight(refused))).toEqual([]);
    }
  });

  it('answers the public sign-in operations with Cognito\'s CORS header, errors included', async () => {
    const res = await api('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nosuchclient', AuthParameters: {} }, PAGE);
    expect(res.status).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('x-amzn-ErrorType');
  });

  it('refuses every administrative operation from a page, before reading its body, and changes nothing', async () => {
    const before = JSON.stringify(mock.snapshot());
    for (const operation of ['DeleteUserPool', 'CreateUserPoolClient', 'AdminCreateUser', 'AdminInitiateAuth', 'DescribeUserPoolClient']) {
      const res = await api(operation, { UserPoolId: POOL_ID, ClientName: 'x', Username: 'x', ClientId: ORDERS_CLIENT.id }, PAGE);
      expect({ status: res.status, type: (res.json as { __type: string }).__type }).toEqual({ status: 403, type: 'AccessDeniedException' });
      expect(corsHeaders(res)).toEqual([]);
    }
    expect(JSON.stringify(mock.snapshot())).toBe(before);
  });
});

describe('CORS preflights', () => {
  it.each(['/_mock/faults', `/_mock/pools/${POOL_ID}/rotate-keys`, `/_mock/pools/${POOL_ID}/retire-keys`, `/_mock/pools/${POOL_ID}/users/alice/code`])('are denied at %s: no Access-Control-Allow-* header', async (path) => {
    const res = await rawRequest(mock.url, {
      method: 'OPTIONS', path,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(corsHeaders(res)).toEqual([]);
  });

  it('DELETE /_mock/faults needs one (not a simple method), so a page cannot clear faults either', async () => {
    const res = await rawRequest(mock.url, { method: 'OPTIONS', path: '/_mock/faults', headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' } });
    expect(corsHeaders(res)).toEqual([]);
  });
});

describe('Host check (DNS rebinding)', () => {
  const rebound = ['evil.example', 'evil.example:9330', 'localhost.evil.example', '127.0.0.1.nip.io', 'EVIL.EXAMPLE.'];

  it.each(rebound)('refuses DescribeUserPoolClient for Host %s with 403 ForbiddenException naming the knob, and no secret', async (host) => {
    const res = await api('DescribeUserPoolClient', { UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id }, { host });
    expect(res.status).toBe(403);
    expect(res.headers['x-amzn-errortype']).toBe('ForbiddenException');
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(Object.keys(res.json as object)).toEqual(['__type', 'message']);
    expect((res.json as { message: string }).message).toContain('--allowed-hosts (COGNITO_MOCK_ALLOWED_HOSTS)');
    expect(res.text).not.toContain(ORDERS_CLIENT.secret);
  });

  it('refuses the token endpoint in OAuth\'s shape, /_mock in AWS\'s, the rest in plain JSON', async () => {
    const host = 'evil.example';
    const tokenRes = await token({ host });
    expect(tokenRes.status).toBe(403);
    expect(tokenRes.json).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('--allowed-hosts') });
    expect(tokenRes.text).not.toContain('access_token');
    const faults = await get('/_mock/faults', { host });
    expect({ status: faults.status, type: (faults.json as { __type: string }).__type }).toEqual({ status: 403, type: 'ForbiddenException' });
    for (const path of [`/${POOL_ID}/.well-known/jwks.json`, `/${POOL_ID}/.well-known/openid-configuration`, '/health']) {
      const res = await get(path, { host });
      expect(res.status).toBe(403);
      expect(Object.keys(res.json as object)).toEqual(['message']);
      expect((res.json as { message: string }).message).toContain(`Host "${host}" is not allowed`);
    }
  });

  // What Docker, compose, GitHub Actions service containers, testcontainers and local tools send.
  it.each([
    '127.0.0.1:9330', '127.0.0.1', '172.17.0.2:9330', '[::1]:9330', '[::1]', 'localhost:49153', 'LOCALHOST', 'localhost.',
    'app.localhost:3000', 'cognito:9330', 'cognito-mock', 'cognito_mock:9330', 'host.docker.internal:9330',
  ])('answers Host %s on every endpoint', async (host) => {
    expect((await token({ host })).status).toBe(200);
    expect((await api('DescribeUserPool', { UserPoolId: POOL_ID }, { host })).status).toBe(200);
    expect((await get(`/${POOL_ID}/.well-known/jwks.json`, { host })).status).toBe(200);
    expect((await get('/health', { host })).status).toBe(200);
  });

  it('answers an HTTP/1.0 request without Host (not a browser)', async () => {
    const { port } = new URL(mock.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /health HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => { text += chunk.toString('latin1'); });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('{"status":"ok"}');
  });

  it('refuses a Host that is not a host (a path, user info, a bad port) in the same shape', async () => {
    for (const host of ['cognito/x', 'user@cognito', 'cognito:http', 'cognito:123456', '[::1', '[evil.example]', 'a b']) {
      expect((await get('/health', { host })).status).toBe(403);
    }
  });
});

describe('allowedHosts', () => {
  it('answers the names given, a leading dot for a domain and its subdomains, and nothing else', async () => {
    const custom = await startCognitoMock({ fixtures: testFixtures(), allowedHosts: ['auth.example.test', '.dev.test'] });
    try {
      const health = async (host: string) => (await rawRequest(custom.url, { method: 'GET', path: '/health', headers: { host } })).status;
      expect(await health('auth.example.test:443')).toBe(200);
      expect(await health('Auth.Example.Test')).toBe(200);
      expect(await health('dev.test')).toBe(200);
      expect(await health('a.b.dev.test')).toBe(200);
      expect(await health('x.auth.example.test')).toBe(403);
      expect(await health('evildev.test')).toBe(403);
      expect(await health('evil.example')).toBe(403);
    } finally {
      await custom.stop();
    }
  });

  it('"*" answers any host (for operators who know why)', async () => {
    const open = await startCognitoMock({ fixtures: testFixtures(), allowedHosts: ['*'] });
    try {
      expect((await rawRequest(open.url, { method: 'GET', path: '/health', headers: { host: 'evil.example' } })).status).toBe(200);
    } finally {
      await open.stop();
    }
  });

  it('answers the public URL\'s host without being told', async () => {
    const { startServer } = await import('../../src/server.js');
    const server = await startServer({ fixtures: testFixtures(), publicUrl: 'https://cognito.example.test' });
    try {
      expect((await rawRequest(server.url, { method: 'GET', path: '/health', headers: { host: 'cognito.example.test' } })).status).toBe(200);
      expect((await rawRequest(server.url, { method: 'GET', path: '/health', headers: { host: 'other.example.test' } })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('logs a refused Host once, naming the flag', async () => {
    const { startServer } = await import('../../src/server.js');
    const warnings: string[] = [];
    const server = await startServer({ fixtures: testFixtures(), log: { warn: (message) => warnings.push(message) } });
    try {
      for (let i = 0; i < 3; i++) await rawRequest(server.url, { method: 'GET', path: '/health', headers: { host: 'evil.example' } });
      expect(warnings).toEqual(['cognito-mock: refused a request for Host "evil.example" (DNS rebinding protection); allow it with --allowed-hosts.']);
    } finally {
      await server.close();
    }
  });
});
