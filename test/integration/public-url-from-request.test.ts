import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCli, runCli, startCli, useBuiltCli } from '../support/cli-process.js';
import { ORDERS_CLIENT, POOL_ID, basicAuth, decodeJwt, writeFixtureFile } from '../support/fixtures.js';
import { rawRequest } from '../robustness/support/raw-http.js';
import { useTempDir } from '../support/temp-dir.js';

// Behind Docker's port mapping or testcontainers' random host ports, the mock is reached as
// `localhost:49153` from the host and `cognito:9330` from the compose network: with
// --public-url-from-request each client sees discovery URLs, and a `local` issuer, that work from
// where it runs, and tokens whose `iss` equals what its discovery said.

const tmp = useTempDir('public-url', 'all');
useBuiltCli('all');
let fixtureFile: string;
beforeAll(async () => { fixtureFile = await writeFixtureFile(tmp.path); });

const start = (...flags: string[]): Promise<RunningCli> => startCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile, '--issuer', 'local', ...flags]);

async function discovery(url: string, headers: Record<string, string>): Promise<{ issuer: string; jwks_uri: string; token_endpoint: string }> {
  const res = await rawRequest(url, { method: 'GET', path: `/${POOL_ID}/.well-known/openid-configuration`, headers });
  expect(res.status).toBe(200);
  return res.json as { issuer: string; jwks_uri: string; token_endpoint: string };
}

async function tokenIssuer(url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await rawRequest(url, {
    path: '/oauth2/token',
    headers: { ...headers, authorization: basicAuth(ORDERS_CLIENT.id, ORDERS_CLIENT.secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  expect(res.status).toBe(200);
  return decodeJwt((res.json as { access_token: string }).access_token).payload.iss;
}

describe('--public-url-from-request', () => {
  let cli: RunningCli;
  beforeAll(async () => { cli = await start('--public-url-from-request'); });
  afterAll(async () => { await cli.stop(); });

  it.each(['localhost:49153', 'cognito:9330'])('answers a client that reached it as %s with URLs on that host, and tokens whose iss matches', async (host) => {
    const doc = await discovery(cli.url, { host });
    expect(doc).toMatchObject({
      issuer: `http://${host}/${POOL_ID}`,
      jwks_uri: `http://${host}/${POOL_ID}/.well-known/jwks.json`,
      token_endpoint: `http://${host}/oauth2/token`,
    });
    expect(await tokenIssuer(cli.url, { host })).toBe(doc.issuer);
  });

  it('keeps the two hosts apart when they alternate (discovery bodies are kept per host)', async () => {
    for (const host of ['localhost:49153', 'cognito:9330', 'localhost:49153']) {
      expect((await discovery(cli.url, { host })).jwks_uri).toBe(`http://${host}/${POOL_ID}/.well-known/jwks.json`);
    }
  });

  it('ignores X-Forwarded-* headers without --trust-proxy: any client can send them', async () => {
    const doc = await discovery(cli.url, { host: 'cognito:9330', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' });
    expect(doc.issuer).toBe(`http://cognito:9330/${POOL_ID}`);
  });

  // The Host check comes first (DNS rebinding): a name it refuses never becomes an advertised URL.
  it('refuses a Host that could smuggle a path into URLs, or that a web page could rebind, before building URLs from it', async () => {
    for (const [host, why] of [['evil.test/phish?', 'is not a host name'], ['cognito/phish?', 'is not a host name'], ['evil.test:9330', '--allowed-hosts']] as const) {
      const res = await rawRequest(cli.url, { method: 'GET', path: `/${POOL_ID}/.well-known/openid-configuration`, headers: { host } });
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('http://');
      expect((res.json as { message: string }).message).toContain(why);
    }
  });

  it('gives GetClientToken\'s token the caller\'s issuer too', async () => {
    const api = (operation: string, input: object) => rawRequest(cli.url, {
      path: '/',
      headers: { host: 'cognito:9330', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
      body: JSON.stringify(input),
    });
    const created = await api('CreateUserPoolClient', {
      UserPoolId: POOL_ID, ClientName: 'api-token', GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH'],
      AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'],
    });
    const { ClientId, ClientSecret } = (created.json as { UserPoolClient: { ClientId: string; ClientSecret: string } }).UserPoolClient;
    const token = await api('GetClientToken', { ClientId, Secret: ClientSecret });
    expect(token.status).toBe(200);
    const { AccessToken } = (token.json as { ClientAuthenticationResult: { AccessToken: string } }).ClientAuthenticationResult;
    expect(decodeJwt(AccessToken).payload.iss).toBe(`http://cognito:9330/${POOL_ID}`);
  });

  it('lets openid-client discover through two names of one server, each seeing its own URLs', async () => {
    for (const base of [cli.url, cli.url.replace('127.0.0.1', 'localhost')]) {
      const config = await oidc.discovery(new URL(`${base}/${POOL_ID}`), ORDERS_CLIENT.id, ORDERS_CLIENT.secret, undefined,
        { execute: [oidc.allowInsecureRequests] });
      expect(config.serverMetadata().token_endpoint).toBe(`${base}/oauth2/token`);
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'orders/read' });
      expect(decodeJwt(tokens.access_token).payload.iss).toBe(`${base}/${POOL_ID}`);
    }
  });
});

describe('--public-url-from-request --trust-proxy', () => {
  let cli: RunningCli;
  beforeAll(async () => { cli = await start('--public-url-from-request', '--trust-proxy'); });
  afterAll(async () => { await cli.stop(); });

  it('follows the proxy\'s X-Forwarded-Proto, -Host and -Port in discovery and in iss', async () => {
    const headers = { host: 'cognito:9330', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'auth.example.test', 'x-forwarded-port': '8443' };
    const doc = await discovery(cli.url, headers);
    expect(doc).toMatchObject({ issuer: `https://auth.example.test:8443/${POOL_ID}`, jwks_uri: `https://auth.example.test:8443/${POOL_ID}/.well-known/jwks.json` });
    expect(await tokenIssuer(cli.url, headers)).toBe(doc.issuer);
  });
});

describe('--public-url-from-request --allowed-hosts', () => {
  let cli: RunningCli;
  beforeAll(async () => { cli = await start('--public-url-from-request', '--allowed-hosts', 'auth.example.test,.dev.test'); });
  afterAll(async () => { await cli.stop(); });

  it('answers the names it is given, a leading dot for a domain and its subdomains, with URLs on them', async () => {
    for (const host of ['auth.example.test:8443', 'dev.test', 'api.dev.test:9330']) {
      expect((await discovery(cli.url, { host })).issuer).toBe(`http://${host}/${POOL_ID}`);
    }
    const other = await rawRequest(cli.url, { method: 'GET', path: `/${POOL_ID}/.well-known/openid-configuration`, headers: { host: 'example.test' } });
    expect(other.status).toBe(403);
  });
});

describe('without the option (the default)', () => {
  it('advertises the listening URL whatever Host a client sends', async () => {
    const cli = await start();
    try {
      expect((await discovery(cli.url, { host: 'cognito:9330' })).issuer).toBe(`${cli.url}/${POOL_ID}`);
      expect(await tokenIssuer(cli.url, { host: 'cognito:9330' })).toBe(`${cli.url}/${POOL_ID}`);
    } finally {
      await cli.stop();
    }
  });

  it('refuses --trust-proxy alone, naming the flag it needs', async () => {
    const exit = await runCli(['--in-memory', '--trust-proxy']);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('--trust-proxy (COGNITO_MOCK_TRUST_PROXY) only applies with --public-url-from-request');
  });
});
