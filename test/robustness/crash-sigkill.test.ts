import { Agent } from 'node:http';
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type RunningCli, startCli, useBuiltCli } from '../support/cli-process.js';
import { POOL_ID, testFixtures, writeFixtureFile } from '../support/fixtures.js';
import { fuzzSeed } from './support/fuzz.js';
import { callApi } from './support/raw-http.js';
import { readStoreFile } from '../../src/store/store.js';
import { useTempDir } from '../support/temp-dir.js';

// Crash safety: the built CLI is SIGKILLed at seeded random points of bursts of
// management writes (creates, updates and deletes of clients and resource servers, from several
// connections at once). After every restart the store must load and hold every acknowledged write;
// a write under way at the kill may have landed or not, but nothing else may differ. (The store's
// own start-up checks of a hand-edited file are in test/integration/store-restart.test.ts and
// hand-edited-store.test.ts.)

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 24);
const SEED = fuzzSeed(31337);

/** mulberry32: a tiny seeded generator, so every round's kill point is reproducible from the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ABSENT = null;
type Value = string | typeof ABSENT;

/** What the store must hold: per object, the last acknowledged value, and the value of a write under way at the kill. */
interface Expected {
  acked: Value;
  /** Set while a write is in flight; after a kill, either value is fine. */
  pending?: Value;
}

const M2M = { UserPoolId: POOL_ID, GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'] };

const tmp = useTempDir('crash');
useBuiltCli();

describe('SIGKILL during bursts of management writes (built CLI)', () => {
  it(`loses no acknowledged write in ${ROUNDS} rounds, and the store always loads`, async () => {
    const data = tmp.join('db.json');
    const fixtures = await writeFixtureFile(tmp.path);
    const args = ['--port', '0', '--data', data, '--fixtures', fixtures];
    const rand = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

    // Clients by id (value: name) and resource servers by identifier (value: name).
    const clients = new Map<string, Expected>();
    const servers = new Map<string, Expected>();
    /** Names of creates under way at the kill: their ids were never acknowledged. */
    let pendingCreates = new Set<string>();
    let survived = 0;
    let acknowledgedTotal = 0;

    for (let round = 0; round <= ROUNDS; round++) {
      const cli: RunningCli = await startCli(args);
      // --- check: the store loaded (the CLI is listening) and holds every acknowledged write -------
      const stored = await readStoreFile(data);
      const pool = stored.pools[POOL_ID]!;
      const storedClients = new Map(Object.values(pool.UserPoolClients).map((c) => [c.ClientId, c.ClientName]));
      const storedServers = new Map(Object.values(pool.ResourceServers).map((s) => [s.Identifier, s.Name]));
      const check = (kind: string, expected: Map<string, Expected>, actual: Map<string, string>) => {
        for (const [key, { acked, pending }] of expected) {
          const value = actual.get(key) ?? ABSENT;
          const allowed = pending === undefined ? [acked] : [acked, pending];
          expect(allowed, `round ${round}: ${kind} ${key} is ${value}, expected ${allowed.join(' or ')}`).toContain(value);
          expected.set(key, { acked: value }); // what landed is the truth from now on
        }
      };
      check('client', clients, storedClients);
      check('resource server', servers, storedServers);
      const fixtureClients = new Set(testFixtures().UserPools[0]!.UserPoolClients.map((c) => c.ClientId));
      for (const [id, name] of storedClients) {
        if (fixtureClients.has(id) || clients.has(id)) continue;
        // A client nobody acknowledged: only a create under way at the kill may have made it.
        expect(pendingCreates.has(name), `round ${round}: unexpected client ${id} (${name})`).toBe(true);
        clients.set(id, { acked: name });
      }
      for (const identifier of storedServers.keys()) {
        if (identifier !== 'orders') expect(servers.has(identifier), `round ${round}: unexpected resource server ${identifier}`).toBe(true);
      }
      // A crash may leave a temp file; the next start removes it.
      expect((await readdir(tmp.path)).sort()).toEqual(['db.json', 'db.json.journal', 'db.json.lock', 'fixtures.json']);
      if (round > 0) survived++;
      if (round === ROUNDS) {
        await cli.stop();
        break;
      }

      // --- a burst of writes, killed at a seeded point ----------------------------------------------
      const workers = 2 + Math.floor(rand() * 14);
      const killAfter = Math.floor(rand() * 50);
      const killDelayMs = pick([0, 0, 1, 3, 7]);
      const agent = new Agent({ keepAlive: true, maxSockets: workers });
      let acknowledged = 0;
      let killed = false;
      pendingCreates = new Set();
      const kill = () => {
        if (killed) return;
        killed = true;
        setTimeout(() => cli.child.kill('SIGKILL'), killDelayMs);
      };
      if (killAfter === 0) kill();

      const worker = async (w: number): Promise<void> => {
        const serverId = `w${w}`;
        const own = () => [...clients].filter(([, e]) => e.acked !== ABSENT && e.acked.startsWith(`w${w}-`)).map(([id]) => id);
        for (let i = 0; ; i++) {
          const choice = rand();
          const name = `w${w}-r${round}-${i}`;
          let key: string | undefined;
          let expected: Map<string, Expected> | undefined;
          let value: Value = ABSENT;
          let request: Promise<{ status: number; json: unknown }>;
          const mine = own();
          // Creates outnumber deletes; past a few hundred clients only the others run (a pool holds 1,000).
          const live = [...clients.values()].filter((e) => e.acked !== ABSENT).length;
          if (live < 400 && (choice < 0.4 || mine.length === 0)) {
            pendingCreates.add(name);
            request = callApi(cli.url, 'CreateUserPoolClient', { ...M2M, ClientName: name }, agent);
          } else if (choice < 0.6 && mine.length > 0) {
            [key, expected, value] = [pick(mine), clients, name];
            request = callApi(cli.url, 'UpdateUserPoolClient', { ...M2M, ClientId: key, ClientName: name }, agent);
          } else if (choice < 0.75 && mine.length > 0) {
            [key, expected, value] = [pick(mine), clients, ABSENT];
            request = callApi(cli.url, 'DeleteUserPoolClient', { UserPoolId: POOL_ID, ClientId: key }, agent);
          } else {
            const exists = (servers.get(serverId)?.acked ?? ABSENT) !== ABSENT;
            [key, expected] = [serverId, servers];
            if (!exists) {
              value = name;
              request = callApi(cli.url, 'CreateResourceServer', { UserPoolId: POOL_ID, Identifier: serverId, Name: name }, agent);
            } else if (choice < 0.9) {
              value = name;
              request = callApi(cli.url, 'UpdateResourceServer', { UserPoolId: POOL_ID, Identifier: serverId, Name: name }, agent);
            } else {
              value = ABSENT;
              request = callApi(cli.url, 'DeleteResourceServer', { UserPoolId: POOL_ID, Identifier: serverId }, agent);
            }
          }
          if (key !== undefined) expected!.set(key, { acked: expected!.get(key)?.acked ?? ABSENT, pending: value });
          let res: { status: number; json: unknown };
          try {
            res = await request;
          } catch {
            return; // the process died with this request: not acknowledged (its `pending` stays)
          }
          expect(res.status, JSON.stringify(res.json)).toBe(200);
          acknowledged++;
          acknowledgedTotal++;
          if (key === undefined) {
            pendingCreates.delete(name);
            clients.set((res.json as { UserPoolClient: { ClientId: string } }).UserPoolClient.ClientId, { acked: name });
          } else {
            expected!.set(key, { acked: value });
          }
          if (acknowledged >= killAfter) kill();
        }
      };
      await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
      const exit = await cli.stop('SIGKILL');
      agent.destroy();
      expect(exit.signal, `round ${round}: the CLI exited by itself:\n${exit.stderr}`).toBe('SIGKILL');
    }

    expect(survived).toBe(ROUNDS);
    console.info(`crash-sigkill: ${survived} SIGKILL rounds survived, ${acknowledgedTotal} acknowledged writes checked (seed ${SEED})`);
  }, 30_000 + ROUNDS * 5_000);
});
