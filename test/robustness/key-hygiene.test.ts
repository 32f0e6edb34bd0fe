import { execFile } from 'node:child_process';
import { chmod, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MANAGEMENT_ACTIONS } from '../../src/management/index.js';
import { startCognitoMock } from '../../src/testing/index.js';
import { REPO_ROOT, startCli, useBuiltCli } from '../support/cli-process.js';
import { CODE_CLIENT, NEW_POOL_KEYS, ORDERS_CLIENT, OTHER_POOL_ID, POOL_ID, READER_CLIENT, TEST_KEYS, basicAuth, testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { type RawResponse, callApi, rawRequest, tokenRequest } from './support/raw-http.js';
import { readStoreFile } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// Key and secret hygiene: the store (it holds the private keys) is 0600 in a 0700
// directory; no response and no log line carries private key material; client secrets never reach
// a log; and the published package holds no private key in any format. The secret comparison
// itself is tested in secret-compare.test.ts; the installed package's PEM scan in
// test/verifier/packaging.test.ts.

/**
 * Private members of an RSA JWK with a base64url value (bare `"d":` also appears in minified code,
 * e.g. a `case"d":` of a duration parser in the bundled CLI), and PEM armour around a key body
 * (the armour alone appears in code that checks a stored key's format).
 */
const KEY_MARKERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((member) => new RegExp(`"${member}"\\s*:\\s*"[A-Za-z0-9_-]{16,}`))
  .concat(/-----BEGIN [A-Z ]*PRIVATE KEY-----(?:\\n|\s)*[A-Za-z0-9+/]{40}/);
/** In a response or a log line, also the store's member that holds the keys (the package's code names it, of course). */
const PRIVATE_MARKERS = [...KEY_MARKERS, /privateKeyPem/];

/** 48-character pieces of the base64 body of each private key PEM: a key leaked in any re-encoding of its PEM shows one. */
function pemPieces(pems: string[]): string[] {
  return pems.flatMap((pem) => {
    const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    return [body.slice(100, 148), body.slice(600, 648), body.slice(1100, 1148)];
  });
}

function expectNoPrivateMaterial(what: string, text: string, pieces: string[], markers = PRIVATE_MARKERS): void {
  for (const marker of markers) expect(marker.test(text), `${what} matches ${marker}: ${text.slice(0, 300)}`).toBe(false);
  for (const piece of pieces) expect(text.includes(piece), `${what} holds a piece of a private key`).toBe(false);
}

const tmp = useTempDir('hygiene');
useBuiltCli();

describe('file modes of the store', () => {
  it('creates the store 0600 in a new 0700 directory, and keeps it 0600 through every write', async () => {
    const data = tmp.join('state', 'nested', 'db.json');
    const mock = await startCognitoMock({ fixtures: testFixtures(), data, keysForNewPools: NEW_POOL_KEYS });
    try {
      expect((await stat(tmp.join('state'))).mode & 0o777).toBe(0o700);
      expect((await stat(tmp.join('state', 'nested'))).mode & 0o777).toBe(0o700);
      expect((await stat(data)).mode & 0o777).toBe(0o600);
      for (let i = 0; i < 3; i++) {
        expect((await callApi(mock.url, 'CreateUserPool', { PoolName: `p${i}` })).status).toBe(200);
        expect((await stat(data)).mode & 0o777).toBe(0o600);
      }
    } finally {
      await mock.stop();
    }
  });

  it('a store file someone made world-readable is 0600 again after the next write', async () => {
    const data = tmp.join('db.json');
    let mock = await startCognitoMock({ fixtures: testFixtures(), data });
    await mock.stop();
    await chmod(data, 0o644);
    mock = await startCognitoMock({ fixtures: testFixtures(), data });
    try {
      expect((await stat(data)).mode & 0o777).toBe(0o600);
    } finally {
      await mock.stop();
    }
  });
});

describe('private key material in responses', () => {
  it('appears in no response: JWKS, discovery, tokens, every management operation, admin endpoints, errors', async () => {
    const data = tmp.join('db.json');
    const mock = await startCognitoMock({ fixtures: testFixtures(), data });
    const responses: [string, RawResponse][] = [];
    const record = async (what: string, res: Promise<RawResponse>) => { responses.push([what, await res]); };
    try {
      // A pool with generated keys, a rotated key, a client with two secrets: every kind of key and secret the store can hold.
      const created = await callApi(mock.url, 'CreateUserPool', { PoolName: 'generated-keys' });
      responses.push(['CreateUserPool', created]);
      const newPool = (created.json as { UserPool: { Id: string } }).UserPool.Id;
      await record('rotate-keys (generated)', rawRequest(mock.url, { path: `/_mock/pools/${POOL_ID}/rotate-keys`, headers: { 'content-type': 'application/json' }, body: '{}' }));
      await record('rotate-keys (given)', rawRequest(mock.url, { path: `/_mock/pools/${OTHER_POOL_ID}/rotate-keys`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ SigningKey: TEST_KEYS[4] }) }));
      await record('rotate-keys (bad key)', rawRequest(mock.url, { path: `/_mock/pools/${OTHER_POOL_ID}/rotate-keys`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ SigningKey: `${TEST_KEYS[5]!.slice(0, 400)}-----END PRIVATE KEY-----` }) }));
      await record('retire-keys', rawRequest(mock.url, { path: `/_mock/pools/${POOL_ID}/retire-keys`, headers: { 'content-type': 'application/json' }, body: '{}' }));
      await record('faults', rawRequest(mock.url, { method: 'GET', path: '/_mock/faults' }));

      for (const poolId of [POOL_ID, OTHER_POOL_ID, newPool, 'us-east-1_Missing00']) {
        await record(`jwks ${poolId}`, rawRequest(mock.url, { method: 'GET', path: `/${poolId}/.well-known/jwks.json` }));
        await record(`discovery ${poolId}`, rawRequest(mock.url, { method: 'GET', path: `/${poolId}/.well-known/openid-configuration` }));
      }
      await record('health', rawRequest(mock.url, { method: 'GET', path: '/health' }));
      await record('token', tokenRequest(mock.url, ORDERS_CLIENT.id, ORDERS_CLIENT.secret));
      await record('token (wrong secret)', tokenRequest(mock.url, ORDERS_CLIENT.id, 'wrong'));

      const inputs: Record<string, Record<string, unknown>> = {
        CreateUserPool: {}, DescribeUserPool: { UserPoolId: POOL_ID }, ListUserPools: { MaxResults: 60 }, UpdateUserPool: { UserPoolId: newPool },
        DeleteUserPool: { UserPoolId: 'us-east-1_Missing00' },
        CreateResourceServer: { UserPoolId: POOL_ID, Identifier: 'hygiene', Name: 'Hygiene', Scopes: [{ ScopeName: 'x', ScopeDescription: 'x' }] },
        DescribeResourceServer: { UserPoolId: POOL_ID, Identifier: 'orders' }, ListResourceServers: { UserPoolId: POOL_ID, MaxResults: 50 },
        UpdateResourceServer: { UserPoolId: POOL_ID, Identifier: 'hygiene', Name: 'Hygiene 2' }, DeleteResourceServer: { UserPoolId: POOL_ID, Identifier: 'hygiene' },
        CreateUserPoolClient: { UserPoolId: newPool, ClientName: 'generated', GenerateSecret: true },
        DescribeUserPoolClient: { UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id }, ListUserPoolClients: { UserPoolId: POOL_ID, MaxResults: 60 },
        UpdateUserPoolClient: { UserPoolId: POOL_ID, ClientId: CODE_CLIENT.id, ClientName: 'web-app' },
        DeleteUserPoolClient: { UserPoolId: POOL_ID, ClientId: 'nonexistent0client0id00000' },
        CreateUserPoolDomain: { UserPoolId: newPool, Domain: 'hygiene-domain' }, DescribeUserPoolDomain: { Domain: 'hygiene-domain' },
        DeleteUserPoolDomain: { UserPoolId: newPool, Domain: 'hygiene-domain' },
      };
      for (const operation of MANAGEMENT_ACTIONS.keys()) {
        // Operations without an input here (added later) still run, with the ids most operations take.
        const input = inputs[operation] ?? { UserPoolId: POOL_ID, ClientId: READER_CLIENT.id, ClientSecret: 'rotated0secret0for0hygiene0test000000', Secret: READER_CLIENT.secret };
        await record(operation, callApi(mock.url, operation, input));
        await record(`${operation} (error)`, callApi(mock.url, operation, { UserPoolId: 5 }));
      }
      await record('unknown operation', callApi(mock.url, 'Nope', {}));
      await record('unknown route', rawRequest(mock.url, { method: 'GET', path: '/nope' }));

      // Every private key the store now holds (fixture, generated, rotated in).
      const stored = await readStoreFile(data);
      const pems = Object.values(stored.pools).flatMap((pool) => Object.values(pool.Keys as unknown as Record<string, unknown>))
        .flatMap((slot) => JSON.stringify(slot).match(/-----BEGIN PRIVATE KEY-----[^"]+-----END PRIVATE KEY-----/g) ?? [])
        .map((pem) => JSON.parse(`"${pem}"`) as string);
      expect(pems.length).toBeGreaterThan(4);
      const pieces = pemPieces([...pems, ...TEST_KEYS]);
      expect(responses.length).toBeGreaterThan(40);
      for (const [what, res] of responses) {
        expectNoPrivateMaterial(what, res.text, pieces);
        // Tokens inside a body: their decoded header and payload too.
        for (const jwt of res.text.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []) {
          const [header, payload] = jwt.split('.').slice(0, 2).map((part) => Buffer.from(part, 'base64url').toString());
          expectNoPrivateMaterial(`${what} token`, `${header}${payload}`, pieces);
        }
      }
      // The JWKS members are exactly the public ones (reference §3.1).
      const jwks = responses.find(([what]) => what === `jwks ${POOL_ID}`)![1].json as { keys: Record<string, unknown>[] };
      for (const key of jwks.keys) expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    } finally {
      await mock.stop();
    }
  });
});

describe('client secrets in logs (built CLI, stdout and stderr captured)', () => {
  it('appear nowhere: not for wrong secrets, bad Basic headers, posted secrets, created clients, or failed writes', async () => {
    const stateDir = tmp.join('state');
    const fixtures = await writeFixtureFile(tmp.path);
    const cli = await startCli(['--port', '0', '--data', join(stateDir, 'db.json'), '--fixtures', fixtures]);
    const wrongSecrets = ['wrong0secret0one0000000000000000000000000000000000000', 'orders0secret0for0tests0only000000000000000000000000X', 'short'];
    const customSecret = 'custom0secret0given0to0the0api0000000000';
    const secrets = [ORDERS_CLIENT.secret, READER_CLIENT.secret, CODE_CLIENT.secret, customSecret, ...wrongSecrets];

    for (const wrong of wrongSecrets) {
      expect((await tokenRequest(cli.url, ORDERS_CLIENT.id, wrong)).status).toBe(400);
      expect((await tokenRequest(cli.url, 'unknownclient', wrong)).status).toBe(400);
    }
    for (const authorization of [`Basic ${ORDERS_CLIENT.secret}`, `Basic ${Buffer.from(ORDERS_CLIENT.secret).toString('base64')}`,
      `Bearer ${ORDERS_CLIENT.secret}`, `${basicAuth(ORDERS_CLIENT.id, ORDERS_CLIENT.secret)}!`]) {
      const res = await rawRequest(cli.url, { path: '/oauth2/token', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
      expect(res.status).toBe(400);
    }
    const posted = await rawRequest(cli.url, { path: '/oauth2/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${READER_CLIENT.id}&client_secret=${READER_CLIENT.secret}&client_secret=${wrongSecrets[0]}` });
    expect(posted.status).toBe(400); // repeated parameter
    expect((await tokenRequest(cli.url, ORDERS_CLIENT.id, ORDERS_CLIENT.secret)).status).toBe(200);
    const made = await callApi(cli.url, 'CreateUserPoolClient', { UserPoolId: POOL_ID, ClientName: 'custom', ClientSecret: customSecret });
    expect(made.status).toBe(200);
    const generated = await callApi(cli.url, 'CreateUserPoolClient', { UserPoolId: POOL_ID, ClientName: 'generated', GenerateSecret: true });
    secrets.push((generated.json as { UserPoolClient: { ClientSecret: string } }).UserPoolClient.ClientSecret);

    // Writes that fail are logged (with their cause), the requests that carried secrets among them.
    await rm(stateDir, { recursive: true });
    const failed = await callApi(cli.url, 'CreateUserPoolClient', { UserPoolId: POOL_ID, ClientName: 'lost', ClientSecret: `${customSecret}00` });
    expect(failed.status).toBe(500);
    secrets.push(`${customSecret}00`);
    expect((await callApi(cli.url, 'UpdateUserPoolClient', { UserPoolId: POOL_ID, ClientId: ORDERS_CLIENT.id, ClientName: 'x' })).status).toBe(500);

    const exit = await cli.stop();
    const output = `${exit.stdout}\n${exit.stderr}`;
    expect(exit.stderr).toMatch(/store write failed: ENOENT/); // the log capture works: there is something to scan
    for (const secret of secrets) expect(output.includes(secret), `a secret in the output:\n${output}`).toBe(false);
    expectNoPrivateMaterial('CLI output', output, pemPieces(TEST_KEYS));
  });
});

describe('the published package', () => {
  it('lists no private key in any format (JWK members, PEM, a store file) among its files', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, maxBuffer: 16 << 20 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toContain('SECURITY.md');
    expect(files.filter((f) => /(^|\/)(db\.json|\.cognito-mock)|\.(pem|key|p12|pfx|jwk)$/.test(f))).toEqual([]);
    const pieces = pemPieces(TEST_KEYS);
    for (const file of files) {
      const text = await readFile(join(REPO_ROOT, file), 'utf8').catch(() => '');
      expectNoPrivateMaterial(file, text, pieces, KEY_MARKERS);
    }
  }, 60_000);
});
