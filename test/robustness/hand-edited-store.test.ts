import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/model/config-error.js';
import type { StoreData } from '../../src/model/types.js';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { POOL_ID, testFixtures } from '../support/fixtures.js';
import { RequestCounter, fuzzRuns, fuzzSeed, longRun } from './support/fuzz.js';
import { callApi, rawRequest, tokenRequest } from './support/raw-http.js';
import { readStoreFile } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// A store file edited by hand: one member anywhere in a real store replaced by a
// value of another type, or removed. The server must either refuse to start with a ConfigError
// that names the file (and leave the file byte for byte), or start and answer every request
// without a 5xx: tokens with sane claims, JWKS, discovery, and the management API.

const counter = new RequestCounter();
const tmp = useTempDir('hand-edited', 'all');
let pristine: StoreData;
let secrets: Map<string, string>;
const unexpectedLogs: string[] = [];

beforeAll(async () => {
  const data = tmp.join('seed.json');
  // A store with fixture objects and objects made through the API.
  const mock = await startCognitoMock({ fixtures: testFixtures(), data });
  await callApi(mock.url, 'CreateResourceServer', { UserPoolId: POOL_ID, Identifier: 'billing', Name: 'Billing', Scopes: [{ ScopeName: 'pay', ScopeDescription: 'Pay' }] });
  await callApi(mock.url, 'CreateUserPoolClient', { UserPoolId: POOL_ID, ClientName: 'api-made', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['billing/pay', 'orders/read'], AccessTokenValidity: 30, TokenValidityUnits: { AccessToken: 'minutes' } });
  await mock.stop();
  pristine = await readStoreFile(data);
  secrets = new Map(Object.values(pristine.pools).flatMap((pool) => Object.values(pool.UserPoolClients))
    .map((client) => [client.ClientId, client.ClientSecret ?? '']));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => { unexpectedLogs.push(String(line)); });
});
afterAll(async () => {
  vi.restoreAllMocks();
  console.info(counter.summary('hand-edited-store'));
});

/** Every path into the store: `["pools", "us-east-1_TestPool1", "UserPoolClients", "…", "AccessTokenValidity"]`. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return here;
}

const REMOVE = Symbol('remove');
function edited(store: StoreData, path: (string | number)[], value: unknown): StoreData {
  const copy = structuredClone(store) as unknown as Record<string | number, unknown>;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === REMOVE) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else {
    at[last] = value;
  }
  return copy as unknown as StoreData;
}

const replacement: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(REMOVE),
  fc.constantFrom(null, '', 'x', 'weeks', 'client_credentials', -1, 0, 1.5, 1e308, 86401, true, false, [], ['x'], [1], {}, { a: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

async function checkServes(mock: CognitoMock, file: string): Promise<void> {
  const { url } = mock;
  // The pools as the store holds them, clients keyed as in the file (whatever their members became).
  const pools = Object.values((mock.snapshot() as unknown as StoreData).pools);
  for (const pool of pools) {
    const id = pool.UserPool.Id;
    for (const path of [`/${id}/.well-known/jwks.json`, `/${id}/.well-known/openid-configuration`]) {
      const res = await rawRequest(url, { method: 'GET', path });
      counter.add('well-known');
      expect(res.status, `${file}: GET ${path} → ${res.text}`).toBeLessThan(500);
    }
    for (const [operation, input] of [['DescribeUserPool', { UserPoolId: id }], ['ListUserPoolClients', { UserPoolId: id, MaxResults: 60 }],
      ['ListResourceServers', { UserPoolId: id, MaxResults: 50 }], ['ListUserPools', { MaxResults: 60 }]] as const) {
      const res = await callApi(url, operation, input);
      counter.add('management');
      expect(res.status, `${operation} → ${res.text}`).toBeLessThan(500);
    }
    for (const clientId of Object.keys(pool.UserPoolClients)) {
      const res = await tokenRequest(url, clientId, secrets.get(clientId) ?? '');
      counter.add('token');
      expect(res.status, `token for ${clientId} → ${res.text}`).toBeLessThan(500);
      if (res.status !== 200) continue;
      const { access_token: token, expires_in: expiresIn } = res.json as { access_token: string; expires_in: number };
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
      // A token a verifier would take apart sanely: numbers where numbers belong, a lifetime Cognito allows.
      expect(Number.isInteger(claims.exp) && Number.isInteger(claims.iat), JSON.stringify(claims)).toBe(true);
      expect(expiresIn).toBe((claims.exp as number) - (claims.iat as number));
      expect(expiresIn >= 300 && expiresIn <= 86400, `expires_in ${expiresIn}`).toBe(true);
      expect(typeof claims.iss === 'string' && typeof claims.scope === 'string' && claims.client_id === clientId).toBe(true);
    }
  }
}

describe('a store file edited by hand', () => {
  it('(fast-check) is refused with a message naming the file and left alone, or served without a 5xx', async () => {
    const paths = pathsOf(pristine);
    let refused = 0;
    let served = 0;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...paths), replacement, async (path, value) => {
      const file = tmp.join(`db-${refused + served}.json`);
      const text = JSON.stringify(edited(pristine, path, value), null, 2);
      await writeFile(file, text, { mode: 0o600 });
      let mock: CognitoMock | undefined;
      try {
        mock = await startCognitoMock({ data: file });
      } catch (error) {
        refused++;
        expect(error, `${path.join('.')} = ${JSON.stringify(value)}: ${String(error)}`).toBeInstanceOf(ConfigError);
        for (const problem of (error as ConfigError).problems) expect(problem.startsWith(`${file}: `), problem).toBe(true);
        expect(await readFile(file, 'utf8')).toBe(text);
        return;
      }
      served++;
      try {
        await checkServes(mock, `${path.join('.')} = ${JSON.stringify(value)}`);
      } finally {
        await mock.stop();
      }
      await rm(file);
    }), { seed: fuzzSeed(2718), numRuns: fuzzRuns(300) });
    // Both outcomes happen: the checks neither refuse everything nor accept everything.
    expect(refused).toBeGreaterThan(10);
    expect(served).toBeGreaterThan(10);
    expect(unexpectedLogs).toEqual([]);
    expect((await readdir(tmp.path)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, longRun() ? 0 : 90_000);
});
