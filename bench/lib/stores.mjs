// Key material, fixtures and store files for the bench, written in the store's own format
// (src/model/types.ts StoreData: formatVersion 1, pools by id, each {UserPool, Keys,
// ResourceServers, UserPoolClients}) so large registries load without thousands of API calls.
import { generateKeyPair, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO, options } from './options.mjs';

export const BENCH_POOL_ID = 'us-east-1_Bench0000';
/** `data` written by the measured build's snapshot writer (src/store/snapshot-file.ts), as a snapshot at batch 0. */
async function writeInServerLayout(file, data) {
  const module = (path) => import(pathToFileURL(join(options.dist, 'store', path)).href);
  const [{ writeSnapshot, installSnapshot }, { SnapshotOverlay }, { DEFAULT_COLLECTIONS }] = await Promise.all([module('snapshot-file.js'), module('snapshot-overlay.js'), module('collections.js')]);
  const durable = new Set(DEFAULT_COLLECTIONS.filter((c) => c.durability === 'durable').map((c) => c.member));
  await installSnapshot(file, await writeSnapshot(file, data.pools, new SnapshotOverlay(), durable, 0));
}

/** The client every token run uses; its pool grants it both scopes, like a typical M2M client. */
export const BENCH_CLIENT = { id: 'benchclient000000000000001', secret: 'benchsecret00000000000000000000000000000000000000001' };
export const SCOPES = ['orders/read', 'orders/write'];

const generate = promisify(generateKeyPair);
const pem = { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } };

/**
 * The bench pool's keys: the repository's test-only keys when present (no generation), else two
 * fresh ones. Plus `extraPairs` generated pairs shared round-robin by the generated pools.
 */
export async function benchKeys(extraPairs) {
  const testKey = (n) => join(REPO, `test/keys/test-only-${n}.pem`);
  const bench = existsSync(testKey(1)) && existsSync(testKey(2))
    ? { access: readFileSync(testKey(1), 'utf8'), id: readFileSync(testKey(2), 'utf8') }
    : await generatePair();
  const shared = await Promise.all(Array.from({ length: extraPairs }, generatePair));
  return { bench, shared };
}

async function generatePair() {
  const [access, id] = await Promise.all([generate('rsa', pem), generate('rsa', pem)]);
  return { access: access.privateKey, id: id.privateKey };
}

const ordersServer = (poolId) => ({
  UserPoolId: poolId,
  Identifier: 'orders',
  Name: 'Orders API',
  Scopes: [
    { ScopeName: 'read', ScopeDescription: 'Read orders' },
    { ScopeName: 'write', ScopeDescription: 'Write orders' },
  ],
});

function client(poolId, name, id, secret, now) {
  // Members in UserPoolClientType's model order, as the server writes them.
  return {
    UserPoolId: poolId,
    ClientName: name,
    ClientId: id,
    ClientSecret: secret,
    LastModifiedDate: now,
    CreationDate: now,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: SCOPES,
    AllowedOAuthFlowsUserPoolClient: true,
  };
}

function pool(id, keys, now) {
  return {
    UserPool: { Id: id, Name: `bench-${id.slice(-4)}`, CreationDate: now, LastModifiedDate: now },
    Keys: { access: { privateKeyPem: keys.access }, id: { privateKeyPem: keys.id } },
    ResourceServers: { orders: ordersServer(id) },
    UserPoolClients: {},
  };
}

export const poolId = (n) => `us-east-1_Bench${String(n).padStart(4, '0')}`;

/**
 * A store of `pools` pools (the bench pool is pools[0] and holds BENCH_CLIENT) and `clients`
 * clients in all, spread round-robin, plus `emptyPools` pools without clients (targets for
 * creates, so no pool passes Cognito's 1,000-clients quota). `extra` pools are copied in as is.
 * `extend(data)` may add to the generated pools before the file is written (users: lib/user-stores.mjs).
 * `layout: 'server'` writes the file as the server keeps its store (one item per line, by the
 * measured build's own snapshot writer), which it reads line by line; by default it is one line
 * of JSON, as a script would write it, which the server reads whole.
 * Resolves {file, clients: [{id, secret, poolId}] (one per pool, for token runs), pools, clientCount}.
 */
export async function writeStore(file, keys, { pools, clients, emptyPools = 0, extra = {}, extend, layout = 'one-line' }) {
  const now = Math.floor(Date.now()) / 1000;
  const data = { formatVersion: 1, pools: {} };
  const list = [];
  for (let n = 0; n < pools + emptyPools; n++) {
    const id = poolId(n);
    const p = pool(id, n === 0 ? keys.bench : keys.shared[n % keys.shared.length] ?? keys.bench, now);
    data.pools[id] = p;
    if (n < pools) list.push(p);
  }
  list[0].UserPoolClients[BENCH_CLIENT.id] = client(BENCH_POOL_ID, 'bench-client', BENCH_CLIENT.id, BENCH_CLIENT.secret, now);
  const firstOfPool = [{ id: BENCH_CLIENT.id, secret: BENCH_CLIENT.secret, poolId: BENCH_POOL_ID }];
  const random = randomBytes((clients - 1) * 39);
  for (let i = 1; i < clients; i++) {
    const target = list[i % pools];
    const id = random.toString('hex', (i - 1) * 39, (i - 1) * 39 + 13);
    const secret = random.toString('hex', (i - 1) * 39 + 13, i * 39);
    const poolIdOf = target.UserPool.Id;
    target.UserPoolClients[id] = client(poolIdOf, `bench-client-${i}`, id, secret, now);
    if (i < pools) firstOfPool.push({ id, secret, poolId: poolIdOf });
  }
  extend?.(data);
  Object.assign(data.pools, extra);
  if (layout === 'server') await writeInServerLayout(file, data);
  else await writeFile(file, JSON.stringify(data), { mode: 0o600 });
  return { file, clients: firstOfPool, pools: Object.keys(data.pools).length, clientCount: countClients(data) };
}

export const countClients = (data) => Object.values(data.pools).reduce((n, p) => n + Object.keys(p.UserPoolClients).length, 0);

/** The fixture the in-process start uses: the bench pool with its keys inline (no generation). */
export function benchFixture(keys) {
  return {
    UserPools: [{
      Id: BENCH_POOL_ID,
      Name: 'bench-pool',
      SigningKeys: { AccessToken: keys.bench.access, IdToken: keys.bench.id },
      ResourceServers: [{ Identifier: 'orders', Name: 'Orders API', Scopes: ordersServer(BENCH_POOL_ID).Scopes }],
      UserPoolClients: [{
        ClientId: BENCH_CLIENT.id, ClientName: 'bench-client', ClientSecret: BENCH_CLIENT.secret,
        AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: SCOPES,
      }],
    }],
  };
}
