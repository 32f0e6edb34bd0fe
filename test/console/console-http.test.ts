import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { startCli, useBuiltCli } from '../support/cli-process.js';
import { CLIENTS, HOSTILE_NAME, HOSTILE_USERNAME, OTHER_POOL, PASSWORD, POOL, addHostileClient, consoleFixtures } from './support.js';

// The console over plain HTTP (README "Console"): its headers, the JSON it polls, what it escapes,
// the decoder's verdicts, and that it can be turned off.

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: consoleFixtures() });
  await addHostileClient(mock);
});
afterAll(() => mock?.stop());

const CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";
const page = async (path: string) => {
  const res = await fetch(`${mock.url}${path}`);
  return { res, text: await res.text() };
};
const wrongSecret = () => fetch(mock.tokenEndpoint, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: `grant_type=client_credentials&client_id=${CLIENTS.service.id}&client_secret=not-the-secret`,
});
const decode = async (token: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${mock.url}/_mock/console/decoder`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ token }).toString(),
  });
  return { res, text: await res.text() };
};

describe('the console pages', () => {
  it('answer HTML with the console CSP, never cached, with no inline script nor event handler', async () => {
    for (const path of ['/_mock/console', '/_mock/console/requests', '/_mock/console/decoder', '/_mock/console/mint']) {
      const { res, text } = await page(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(text.match(/<script\b[^>]*>/g)).toEqual(['<script src="/_mock/console/console.js" defer>']);
      expect(text).not.toMatch(/<[^>]*\son[a-z]+=/i);
      // Nothing to load but the script: no image, frame or style sheet (links to the mock's own URLs are not loads).
      expect(text.match(/\ssrc="[^"]*"/g)).toEqual([' src="/_mock/console/console.js"']);
      expect(text).not.toMatch(/<link\b|<img\b|<iframe\b/);
    }
  });

  it('serve the script as JavaScript from the mock', async () => {
    const { res, text } = await page('/_mock/console/console.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(text).toContain("fetch('/_mock/requests");
    expect(text).not.toContain('innerHTML');
  });

  it('print names as text: a client named with markup, a username and an attribute value with markup', async () => {
    const { text } = await page('/_mock/console');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('&lt;img/src=x/onerror=alert(2)&gt;');
    expect(text).toContain('&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(text).not.toContain(HOSTILE_NAME);
    expect(text).not.toContain(HOSTILE_USERNAME);
    expect(text).not.toContain('<script>alert(3)');
  });

  it('show every pool with its URLs, clients, users and groups, secrets only inside <details>', async () => {
    const { text } = await page('/_mock/console');
    for (const expected of [POOL, OTHER_POOL, 'billing-service', 'web-app', 'orders/write', 'alice@example.com', 'readers',
      `${mock.url}/${POOL}/.well-known/jwks.json`, `${mock.url}/oauth2/token`, mock.issuer(POOL), 'http://localhost:3000/callback',
      `${mock.url}/oauth2/authorize?client_id=${CLIENTS.web.id}&amp;response_type=code`]) expect(text).toContain(expected);
    const secretAt = text.indexOf(CLIENTS.service.secret);
    expect(text.lastIndexOf('<details class="secret">', secretAt)).toBeGreaterThan(text.lastIndexOf('</details>', secretAt));
  });

  it('lists a refused request with its reason, and escapes a path with markup', async () => {
    await wrongSecret();
    await fetch(`${mock.url}/%3Cb%3Ebold%3C/b%3E`);
    const { text } = await page('/_mock/console/requests');
    expect(text).toMatch(/<tr class="request refused">.*<td class="error">invalid_client<\/td><td class="reason">the secret does not match client console0service0client0001/);
    expect(text).not.toContain('<b>bold');
  });
});

describe('GET /_mock/requests', () => {
  it('answers the request log as JSON, oldest first, without the console\'s own requests', async () => {
    await page('/_mock/console');
    await wrongSecret();
    const res = await fetch(`${mock.url}/_mock/requests?limit=2`);
    expect(res.headers.get('content-type')).toBe('application/json');
    const { Requests } = await res.json() as { Requests: Record<string, unknown>[] };
    expect(Requests).toHaveLength(2);
    expect(Requests[1]).toMatchObject({ method: 'POST', path: '/oauth2/token', status: 400, error: 'invalid_client', clientId: CLIENTS.service.id, poolId: POOL });
    expect(mock.requests().some((entry) => entry.path.startsWith('/_mock/console') || entry.path === '/_mock/requests')).toBe(false);
    expect(JSON.stringify(Requests)).not.toContain('not-the-secret');
  });
});

describe('the token decoder', () => {
  it('accepts a fresh access token of the pool, found from its iss, and explains its claims', async () => {
    const { text } = await decode(mock.mintAccessToken({ clientId: CLIENTS.service.id }));
    expect(text).toContain('A verifier of this pool would accept it.');
    expect(text).toContain(`Pool <code>${POOL}</code>, found from its <code>iss</code>`);
    expect(text).toMatch(/<tr data-claim="exp"><td><code>exp<\/code><\/td><td><time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z">/);
    expect(text).toContain('the app client the access token was issued to');
  });

  it('names each rejection with the verifier\'s code', async () => {
    const cases: [Parameters<CognitoMock['mintAccessToken']>[0], string][] = [
      [{ clientId: CLIENTS.service.id, expired: true }, 'token_expired'],
      [{ clientId: CLIENTS.service.id, notYetValid: true }, 'token_not_yet_valid'],
      [{ clientId: CLIENTS.service.id, signedWithUnknownKey: true }, 'unknown_kid'],
      [{ clientId: CLIENTS.service.id, wrongIssuer: true }, 'issuer_mismatch'],
      [{ clientId: CLIENTS.service.id, claims: { token_use: 'refresh' } }, 'token_use_mismatch'],
    ];
    for (const [options, code] of cases) {
      const { text } = await decode(mock.mintAccessToken(options));
      expect(text, code).toContain(`A verifier would reject it: <code>${code}</code>`);
    }
    const [header, payload, signature] = mock.mintAccessToken({ clientId: CLIENTS.service.id }).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scope: 'orders/admin' })).toString('base64url');
    expect((await decode(`${header}.${forged}.${signature}`)).text).toContain('<code>invalid_signature</code>');
    expect((await decode('not a token')).text).toContain('<code>malformed_token</code>');
  });

  it('finds the pool of a wrong-issuer token from its kid', async () => {
    const { text } = await decode(mock.mintAccessToken({ clientId: CLIENTS.other.id, wrongIssuer: true }));
    expect(text).toContain(`Pool <code>${OTHER_POOL}</code>, found from its <code>kid</code>`);
  });

  it('refuses a form posted from another site, and never logs the token', async () => {
    const token = mock.mintAccessToken({ clientId: CLIENTS.service.id });
    const { res } = await decode(token, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(JSON.stringify(mock.requests())).not.toContain(token.slice(-20));
  });
});

describe('the mint forms', () => {
  const post = async (path: string, form: Record<string, string>) => {
    const res = await fetch(`${mock.url}/_mock/console/mint/${path}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
    });
    return { res, text: await res.text() };
  };
  const tokenIn = (text: string, name: string) => /<textarea readonly rows="4" class="token" data-token="([^"]+)">([^<]+)<\/textarea>/g
    .exec(text.slice(text.indexOf(`data-token="${name}"`) - 60))?.[2];

  it('mint a client-credentials token with the ticked scopes, or say why not', async () => {
    const { res, text } = await post('client-credentials', { client_id: CLIENTS.service.id, 'scope.1': 'orders/write' });
    expect(res.status).toBe(200);
    const token = tokenIn(text, 'access token')!;
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({ client_id: CLIENTS.service.id, scope: 'orders/write' });
    const refused = await post('client-credentials', { client_id: CLIENTS.other.id, 'scope.0': 'orders/read' });
    expect(refused.res.status).toBe(400);
    expect(refused.text).toContain('scope orders/read is not allowed for this client');
  });

  it('sign a user in as signIn does, refusing a disabled one', async () => {
    const { text } = await post('sign-in', { client_id: CLIENTS.web.id, username: 'alice', password: PASSWORD });
    expect(JSON.parse(Buffer.from(tokenIn(text, 'ID token')!.split('.')[1]!, 'base64url').toString())).toMatchObject({ 'cognito:username': 'alice' });
    const disabled = await post('sign-in', { client_id: CLIENTS.web.id, username: 'dora', password: PASSWORD });
    expect(disabled.text).toContain('sign-in refused: user disabled');
    expect(disabled.text).not.toContain(PASSWORD);
  });

  it('list the clients with their names escaped', async () => {
    const { text } = await page('/_mock/console/mint');
    expect(text).toContain('<option value="console0hostile0client0003">&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain(HOSTILE_NAME);
  });
});

describe('without the console', () => {
  it('answers 404 for its pages and the JSON it polls', async () => {
    const off = await startCognitoMock({ fixtures: consoleFixtures(), console: false });
    try {
      for (const path of ['/_mock/console', '/_mock/console/requests', '/_mock/console/console.js', '/_mock/requests']) {
        expect((await fetch(`${off.url}${path}`)).status, path).toBe(404);
      }
    } finally {
      await off.stop();
    }
  });
});

describe('the CLI', () => {
  useBuiltCli();

  it('serves the console by default, and answers 404 with --no-console or COGNITO_MOCK_NO_CONSOLE=true', async () => {
    const on = await startCli(['--port', '0', '--in-memory']);
    expect((await fetch(`${on.url}/_mock/console`)).status).toBe(200);
    await on.stop();
    const flag = await startCli(['--port', '0', '--in-memory', '--no-console']);
    expect((await fetch(`${flag.url}/_mock/console`)).status).toBe(404);
    expect((await fetch(`${flag.url}/_mock/requests`)).status).toBe(404);
    await flag.stop();
    const env = await startCli(['--port', '0', '--in-memory'], { env: { COGNITO_MOCK_NO_CONSOLE: 'true' } });
    expect((await fetch(`${env.url}/_mock/console/requests`)).status).toBe(404);
    await env.stop();
  });
});
