import { dictionary } from '../model/dictionary.js';
import { newClientSecret } from '../model/ids.js';
import { type StoredPool, type StoredPoolKeys, type UserPool, type UserPoolClient, orderClient } from '../model/types.js';
import type { Registry } from '../registry.js';
import type { FixturePool } from '../store/fixtures.js';

/** A client id that a fixture gives to another pool than the one holding it in the store. */
interface LeavingClient {
  poolId: string;
  clientId: string;
}

/**
 * Applies fixtures over the store at start (README "Fixtures and the store"): fixture pools,
 * resource servers and clients replace stored ones with the same id; objects created through the
 * API stay. Keys come from the fixture, else the store, else are made once (`newPoolKeys`) and
 * kept. Generated secrets (`GenerateSecret: true`) are kept from the store across restarts. A
 * restart with the same fixtures changes nothing, and then nothing is written (no fsync on the way
 * to listening); otherwise every change goes to the store in one write.
 */
export async function applyFixtures(registry: Registry, fixtures: readonly FixturePool[]): Promise<void> {
  if (fixtures.length === 0) return;
  const now = registry.now();
  const generated = await Promise.all(fixtures.map((f) => (f.keys || registry.pool(f.Id) ? undefined : registry.newPoolKeys())));
  const leaving = leavingClients(registry, fixtures);
  const fixturePoolIds = new Set(fixtures.map((fixture) => fixture.Id));
  const changed: StoredPool[] = [];
  fixtures.forEach((fixture, i) => {
    const existing = registry.pool(fixture.Id);
    const gone = new Set(leaving.filter((client) => client.poolId === fixture.Id).map((client) => client.clientId));
    const pool = mergedPool(fixture, existing, fixture.keys ?? existing?.Keys ?? generated[i], gone, now);
    if (!existing || JSON.stringify(existing) !== JSON.stringify(pool)) changed.push(pool);
  });
  // A fixture pool loses its clients by being replaced; any other pool has them taken out.
  const fromOtherPools = leaving.filter((client) => !fixturePoolIds.has(client.poolId));
  if (changed.length > 0 || fromOtherPools.length > 0) await registry.replacePools(changed, fromOtherPools);
}

/** Client ids a fixture lists that the store holds in another pool: they belong to the fixture's pool now. */
function leavingClients(registry: Registry, fixtures: readonly FixturePool[]): LeavingClient[] {
  const leaving: LeavingClient[] = [];
  for (const fixture of fixtures) {
    for (const { ClientId } of fixture.clients) {
      const holder = registry.client(ClientId)?.pool.UserPool.Id;
      if (holder !== undefined && holder !== fixture.Id) leaving.push({ poolId: holder, clientId: ClientId });
    }
  }
  return leaving;
}

/** The fixture pool over what the store holds of it; `gone`: stored clients that moved to another fixture pool. */
function mergedPool(fixture: FixturePool, existing: StoredPool | undefined, keys: StoredPoolKeys | undefined,
  gone: ReadonlySet<string>, now: number): StoredPool {
  const UserPool: UserPool = {
    ...fixture.members,
    Id: fixture.Id,
    Name: typeof fixture.members.Name === 'string' ? fixture.members.Name : fixture.Id,
    CreationDate: existing?.UserPool.CreationDate ?? now,
    LastModifiedDate: existing?.UserPool.LastModifiedDate ?? now,
  };
  const ResourceServers = dictionary(existing?.ResourceServers);
  for (const server of fixture.resourceServers) ResourceServers[server.Identifier] = server;
  const UserPoolClients = dictionary(existing?.UserPoolClients);
  for (const clientId of gone) delete UserPoolClients[clientId];
  for (const given of fixture.clients) UserPoolClients[given.ClientId] = mergedClient(fixture.Id, given, existing?.UserPoolClients[given.ClientId], now);
  if (!keys) throw new Error(`no keys for pool ${fixture.Id}`);
  // Other members of the stored record (collections fixtures do not carry) stay as they are.
  return { ...existing, UserPool, Keys: keys, ResourceServers, UserPoolClients };
}

function mergedClient(poolId: string, fixtureClient: FixturePool['clients'][number], stored: UserPoolClient | undefined, now: number): UserPoolClient {
  const { GenerateSecret, ...given } = fixtureClient;
  const secret = given.ClientSecret ?? (GenerateSecret ? stored?.ClientSecret ?? newClientSecret() : undefined);
  const { ClientSecret: _ignored, ...config } = given;
  const client = orderClient({
    ...config,
    UserPoolId: poolId,
    ...(secret === undefined ? {} : { ClientSecret: secret }),
    CreationDate: given.CreationDate ?? stored?.CreationDate ?? now,
    LastModifiedDate: given.LastModifiedDate ?? stored?.LastModifiedDate ?? now,
  });
  // A generated secret belongs to the store, and so do the secrets rotated in through the API.
  return GenerateSecret && stored?.ClientSecrets ? { ...client, ClientSecrets: stored.ClientSecrets } : client;
}
