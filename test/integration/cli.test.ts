import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/config.js';
import { REPO_ROOT, runCli, startCli, useBuiltCli } from '../support/cli-process.js';
import { ORDERS_CLIENT, POOL_ID, decodeJwt, requestToken, testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { readStoreFile } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// The built CLI as users run it (`npm start -- <flags>` = `node dist/cli.js <flags>`): flags and
// environment variables, the "listening on" line, start-up failures, signals.

const LISTENING = /^cognito-mock listening on (http:\/\/127\.0\.0\.1:\d+)$/m;
const FAILED = 'cognito-mock: cannot start:\n';

const tmp = useTempDir('cli');
useBuiltCli();
let fixtureFile: string;
beforeEach(async () => { fixtureFile = await writeFixtureFile(tmp.path); });

async function ordersToken(url: string): Promise<Record<string, unknown>> {
  const res = await requestToken(`${url}/oauth2/token`, { clientId: ORDERS_CLIENT.id, secret: ORDERS_CLIENT.secret });
  expect(res.status).toBe(200);
  return decodeJwt(((await res.json()) as { access_token: string }).access_token).payload;
}

const discoveryIssuer = async (url: string): Promise<unknown> =>
  ((await (await fetch(`${url}/${POOL_ID}/.well-known/openid-configuration`)).json()) as { issuer: string }).issuer;

describe('cognito-mock CLI', () => {
  it('prints its help with every flag and environment variable, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Usage: cognito-mock \[flags\]\n/);
    for (const [name, spec] of Object.entries(FLAGS)) {
      expect(stdout).toContain(`--${name}`);
      if (spec.env) expect(stdout).toContain(`[${spec.env}]`);
    }
    expect(stdout).toContain('(default: 9330)');
  });

  it('prints the same help for -h', async () => {
    const [long, short] = await Promise.all([runCli(['--help']), runCli(['-h'])]);
    expect(short).toEqual({ ...long, code: 0 });
    expect(short.stdout).toContain('--public-url-from-request');
  });

  it('says on stderr when --fixtures names a directory that defines no pools, and starts with none', async () => {
    const empty = tmp.join('empty-fixtures');
    await mkdir(empty);
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', empty]);
    expect(cli.stderr()).toContain(`Fixtures: ${empty} (0 pools)`);
    expect(cli.stderr()).toContain(`cognito-mock: ${empty} defines no user pools (a directory is read for *.json files): starting with only the store's pools.`);
    expect((await fetch(`${cli.url}/${POOL_ID}/.well-known/jwks.json`)).status).toBe(404);
  });

  it('prints one line naming its URL, answers /health, and issues tokens', async () => {
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile]);
    expect(cli.stdout()).toMatch(LISTENING);
    expect(cli.url).toBe(LISTENING.exec(cli.stdout())![1]);
    const health = await fetch(`${cli.url}/health`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await ordersToken(cli.url)).iss).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`);
    expect(cli.stderr()).toContain('for development and testing only');
    expect(cli.stderr()).toContain(`Fixtures: ${fixtureFile} (2 pools)`);
    expect(cli.stderr()).not.toContain('defines no user pools');
    expect(cli.stderr()).not.toContain(ORDERS_CLIENT.secret);
  });

  it('serves the built-in fixtures by default', async () => {
    const builtIn = JSON.parse(await readFile(join(REPO_ROOT, 'fixtures', 'example-pool.json'), 'utf8'));
    const pool = builtIn.UserPools[0];
    const client = pool.UserPoolClients[0];
    const cli = await startCli(['--port', '0', '--in-memory'], { cwd: tmp.path });
    const res = await requestToken(`${cli.url}/oauth2/token`, { clientId: client.ClientId, secret: client.ClientSecret });
    const body = (await res.json()) as { access_token: string; expires_in: number };
    expect({ status: res.status, expires_in: body.expires_in }).toEqual({ status: 200, expires_in: 3600 });
    expect(decodeJwt(body.access_token).payload.iss).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${pool.Id}`);
  });

  it('answers every request sent before SIGTERM or SIGINT, even on connections not yet accepted, then says it stopped', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile]);
      const { port } = new URL(cli.url);
      // 50 connections, each with a whole request sent; the signal follows the last one at once, while
      // most still wait in the accept queue (a reset, before the server drained on stopping).
      const outcomes: Promise<string>[] = [];
      await new Promise<void>((allSent) => {
        let sent = 0;
        for (let i = 0; i < 50; i++) {
          outcomes.push(new Promise<string>((settle) => {
            const socket = connect(Number(port), '127.0.0.1', () => {
              socket.write('GET /health HTTP/1.1\r\nHost: mock\r\n\r\n');
              if (++sent === 50) allSent();
            });
            let answer = '';
            socket.on('data', (chunk: Buffer) => { answer += chunk.toString(); });
            socket.on('error', (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
            socket.on('close', () => settle(answer.split('\r\n')[0]!));
          }));
        }
      });
      const exit = await cli.stop(signal);
      expect(new Set(await Promise.all(outcomes))).toEqual(new Set(['HTTP/1.1 200 OK']));
      expect(exit.code).toBe(0);
      expect(exit.stderr).toContain(`cognito-mock: stopped on ${signal}: requests under way answered, store written.`);
    }
  });

  it('exits 0 on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile]);
      await ordersToken(cli.url);
      expect(await cli.stop(signal)).toMatchObject({ code: 0, signal: null });
    }
  });

  it('exits 0 on SIGTERM even while a client holds a request open', async () => {
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile]);
    const { port } = new URL(cli.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    // Headers promise 100 bytes of body; 3 arrive, the rest never does.
    socket.write('POST /oauth2/token HTTP/1.1\r\nHost: mock\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngra');
    await ordersToken(cli.url);
    expect(await cli.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
    socket.destroy();
  });

  it('keeps its store in .cognito-mock/db.json of the working directory by default, with mode 0600', async () => {
    const cli = await startCli(['--port', '0', '--fixtures', fixtureFile], { cwd: tmp.path });
    await ordersToken(cli.url);
    expect((await cli.stop()).code).toBe(0);
    const store = tmp.join('.cognito-mock', 'db.json');
    expect((await stat(store)).mode & 0o777).toBe(0o600);
    expect(Object.keys((await readStoreFile(store)).pools)).toEqual(expect.arrayContaining([POOL_ID]));
  });

  it('writes nothing with --in-memory, even next to a --data path', async () => {
    const cli = await startCli(['--port', '0', '--in-memory', '--data', tmp.join('db.json'), '--fixtures', fixtureFile], { cwd: tmp.path });
    await ordersToken(cli.url);
    expect((await cli.stop()).code).toBe(0);
    expect(await readdir(tmp.path)).toEqual(['fixtures.json']);
  });

  it('honours --issuer local and --public-url', async () => {
    const cli = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile, '--issuer', 'local', '--public-url', 'https://mock.example.test/']);
    const discovery = (await (await fetch(`${cli.url}/${POOL_ID}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect({ issuer: discovery.issuer, token_endpoint: discovery.token_endpoint, jwks_uri: discovery.jwks_uri }).toEqual({
      issuer: `https://mock.example.test/${POOL_ID}`,
      token_endpoint: 'https://mock.example.test/oauth2/token',
      jwks_uri: `https://mock.example.test/${POOL_ID}/.well-known/jwks.json`,
    });
    expect((await ordersToken(cli.url)).iss).toBe(`https://mock.example.test/${POOL_ID}`);
  });

  it('reads every flag from its environment variable', async () => {
    const cli = await startCli([], {
      cwd: tmp.path,
      env: { COGNITO_MOCK_PORT: '0', COGNITO_MOCK_IN_MEMORY: 'true', COGNITO_MOCK_FIXTURES: fixtureFile, COGNITO_MOCK_ISSUER: 'local', COGNITO_MOCK_HOST: '127.0.0.1', COGNITO_MOCK_PUBLIC_URL: 'http://public.example.test:1234' },
    });
    expect(await discoveryIssuer(cli.url)).toBe(`http://public.example.test:1234/${POOL_ID}`);
    expect(await readdir(tmp.path)).toEqual(['fixtures.json']);
  });

  it('lets flags win over environment variables', async () => {
    const cli = await startCli(['--port', '0', '--issuer', 'aws', '--fixtures', fixtureFile, '--in-memory'], {
      env: { COGNITO_MOCK_PORT: 'not-a-port', COGNITO_MOCK_ISSUER: 'local', COGNITO_MOCK_FIXTURES: tmp.join('missing.json') },
    });
    expect(await discoveryIssuer(cli.url)).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`);
  });

  it('exits 1 listing every bad flag and variable, and starts nothing', async () => {
    const { code, stdout, stderr } = await runCli(['--port', '70000', '--issuer', 'ftp://example.test', '--colour', 'blue', '--public-url=nope'], {
      env: { COGNITO_MOCK_IN_MEMORY: 'maybe' },
    });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(`${FAILED}${[
      '  unknown argument "--colour" (see --help)',
      '  unknown argument "blue" (see --help)',
      '  --port (COGNITO_MOCK_PORT) must be an integer 0-65535, got "70000"',
      '  --issuer (COGNITO_MOCK_ISSUER) must be aws, local or an http(s) base URL, got "ftp://example.test"',
      '  --public-url (COGNITO_MOCK_PUBLIC_URL) must be an http(s) URL, got "nope"',
      '  --in-memory (COGNITO_MOCK_IN_MEMORY) must be true or false, got "maybe"',
    ].join('\n')}\n`);
  });

  it('exits 1 naming the file and JSON path of every fixture problem', async () => {
    const broken = testFixtures();
    const [first] = broken.UserPools;
    const bad = { ...first!, UserPoolClients: [{ ...first!.UserPoolClients[0]!, AllowedOAuthScopes: ['orders/read', 'orders/nope'], AccessTokenValidity: 0 }] };
    await writeFile(fixtureFile, JSON.stringify({ UserPools: [bad] }));
    const { code, stdout, stderr } = await runCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile]);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(`${FAILED}${[
      `  ${fixtureFile}: UserPools[0].UserPoolClients[0].AccessTokenValidity: must have value greater than or equal to 1 (got 0)`,
      `  ${fixtureFile}: UserPools[0].UserPoolClients[0].AllowedOAuthScopes[1]: scope "orders/nope" is not defined by a resource server of this pool`,
    ].join('\n')}\n`);
  });

  it('exits 1 naming a fixtures path that does not exist', async () => {
    const { code, stderr } = await runCli(['--port', '0', '--in-memory', '--fixtures', tmp.join('nope')]);
    expect({ code, stderr }).toEqual({ code: 1, stderr: `${FAILED}  ${tmp.join('nope')}: cannot read fixtures (ENOENT)\n` });
  });

  it('exits 1 on a corrupt store, naming it, and leaves the file as it was', async () => {
    const store = tmp.join('db.json');
    await writeFile(store, '{"formatVersion":1,"pools":{"us-east-1_X":', { mode: 0o600 });
    const { code, stdout, stderr } = await runCli(['--port', '0', '--data', store, '--fixtures', fixtureFile]);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(new RegExp(`^${FAILED}  ${store.replaceAll('/', '\\/')}: cannot load the store: not valid JSON \\(.+\\)\\. Fix or remove the file; it was not changed\\.\\n$`));
    expect(await readFile(store, 'utf8')).toBe('{"formatVersion":1,"pools":{"us-east-1_X":');
    expect(await readdir(tmp.path)).toEqual(['db.json', 'fixtures.json']);
  });

  it('exits 1 when the port is taken', async () => {
    const first = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile]);
    const port = new URL(first.url).port;
    const { code, stderr } = await runCli(['--port', port, '--in-memory', '--fixtures', fixtureFile]);
    expect({ code, stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/^cognito-mock: cannot start: .*EADDRINUSE/) });
  });

  it('refuses NODE_ENV=production unless --allow-production is given', async () => {
    const refused = await runCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile], { env: { NODE_ENV: 'production' } });
    expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^cognito-mock: cannot start:\n {2}NODE_ENV is "production": .*--allow-production/);
    const allowed = await startCli(['--port', '0', '--in-memory', '--fixtures', fixtureFile, '--allow-production'], { env: { NODE_ENV: 'production' } });
    await ordersToken(allowed.url);
  });

  it('creates the directory of a --data path that does not exist yet', async () => {
    const store = tmp.join('nested', 'deeper', 'db.json');
    await mkdir(tmp.join('nested'));
    const cli = await startCli(['--port', '0', '--data', store, '--fixtures', fixtureFile]);
    await ordersToken(cli.url);
    expect((await cli.stop()).code).toBe(0);
    expect((await stat(store)).isFile()).toBe(true);
  });
});
