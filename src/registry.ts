import type { Clock } from './clock.js';
import { AwsApiError, poolNotFound } from './errors.js';
import { type PoolKeys, generatePoolKeys, loadPoolKeys } from './keys/pool-keys.js';
import { dictionary } from './model/dictionary.js';
import { type ResourceServer, type StoredPool, type StoredPoolKeys, type UserPool, type UserPoolClient, orderClient } from './model/types.js';
import { newClientSecret } from './model/ids.js';
import { definedScopes } from './model/rules.js';
import type { FixturePool } from './store/fixtures.js';
import type { Store } from './store/store.js';

export interface ClientRecord {
  pool: StoredPool;
  client: UserPoolClient;
}

/**
 * The pools, resource servers and clients the server knows, over the store. Lookups the token
 * path needs are O(1) (client id index, keys imported once per pool); every mutation is applied and
 * persisted, and a failed write puts memory back to the file's state (Store), so a failed change
 * is never served nor written later.
 */
export class Registry {
  readonly store: Store;
  readonly clock: Clock;
  private readonly clientIndex = new Map<string, string>();
  private readonly domainIndex = new Map<string, string>();
  private readonly keyCache = new Map<string, PoolKeys>();
  private readonly scopeCache = new Map<string, ReadonlySet<string>>();
  private readonly changeListeners: ((poolId: string) => void)[] = [];

  constructor(store: Store, clock: Clock) {
    this.store = store;
    this.clock = clock;
    for (const pool of Object.values(store.data.pools)) this.index(pool);
    store.onRevert((poolIds) => this.reindex(poolIds));
  }

  /** Current time as Cognito's API writes it: epoch seconds with milliseconds (reference §6.1). */
  now(): number {
    return this.clock() / 1000;
  }

  pool(id: string): StoredPool | undefined {
    return Object.hasOwn(this.store.data.pools, id) ? this.store.data.pools[id] : undefined;
  }

  pools(): StoredPool[] {
    return Object.values(this.store.data.pools);
  }

  client(clientId: string): ClientRecord | undefined {
    const poolId = this.clientIndex.get(clientId);
    const pool = poolId === undefined ? undefined : this.pool(poolId);
    const client = pool?.UserPoolClients[clientId];
    return pool && client ? { pool, client } : undefined;
  }

  poolByDomain(domain: string): StoredPool | undefined {
    const id = this.domainIndex.get(domain);
    return id === undefined ? undefined : this.pool(id);
  }

  /** The pool's keys, imported on first use and kept. */
  keys(poolId: string): PoolKeys | undefined {
    let keys = this.keyCache.get(poolId);
    if (!keys) {
      const pool = this.pool(poolId);
      if (!pool) return undefined;
      keys = loadPoolKeys(pool.Keys);
      this.keyCache.set(poolId, keys);
    }
    return keys;
  }

  /** The `identifier/scope` strings the pool's resource servers define now, kept until the pool changes. */
  activeScopes(poolId: string): ReadonlySet<string> {
    let scopes = this.scopeCache.get(poolId);
    if (!scopes) {
      scopes = definedScopes(this.pool(poolId)?.ResourceServers ?? {});
      this.scopeCache.set(poolId, scopes);
    }
    return scopes;
  }

  /** Called with a pool id after any change to that pool (so derived bodies are rebuilt). */
  onPoolChange(listener: (poolId: string) => void): void {
    this.changeListeners.push(listener);
  }

  // --- mutations -----------------------------------------------------------------------------

  async putPool(pool: StoredPool): Promise<void> {
    await this.commit(pool.UserPool.Id, () => this.replacePool(pool.UserPool.Id, pool));
  }

  async updatePool(id: string, changes: Partial<UserPool>, removed: readonly string[] = []): Promise<UserPool> {
    const pool = this.requirePool(id);
    const after: UserPool = { ...pool.UserPool, ...changes, LastModifiedDate: this.now() };
    for (const member of removed) delete after[member];
    await this.commit(id, () => this.replacePool(id, { ...pool, UserPool: after }));
    return after;
  }

  async deletePool(id: string): Promise<void> {
    this.requirePool(id);
    await this.commit(id, () => this.replacePool(id, undefined));
  }

  async putResourceServer(server: ResourceServer): Promise<void> {
    const pool = this.requirePool(server.UserPoolId);
    await this.commit(pool.UserPool.Id, () => this.store.set(['pools', pool.UserPool.Id, 'ResourceServers', server.Identifier], server));
  }

  async deleteResourceServer(poolId: string, identifier: string): Promise<void> {
    const pool = this.requirePool(poolId);
    if (!Object.hasOwn(pool.ResourceServers, identifier)) return;
    await this.commit(poolId, () => this.store.remove(['pools', poolId, 'ResourceServers', identifier]));
  }

  async putClient(client: UserPoolClient): Promise<void> {
    const pool = this.requirePool(client.UserPoolId);
    await this.commit(pool.UserPool.Id, () => {
      this.store.set(['pools', pool.UserPool.Id, 'UserPoolClients', client.ClientId], client);
      this.clientIndex.set(client.ClientId, pool.UserPool.Id);
    });
  }

  /** Replaces a pool's signing keys (key rotation); the JWKS body is rebuilt on its next request. */
  async putKeys(poolId: string, keys: StoredPoolKeys): Promise<void> {
    this.requirePool(poolId);
    await this.commit(poolId, () => {
      this.store.set(['pools', poolId, 'Keys'], keys);
      this.keyCache.delete(poolId);
    });
  }

  async deleteClient(poolId: string, clientId: string): Promise<void> {
    const pool = this.requirePool(poolId);
    if (!Object.hasOwn(pool.UserPoolClients, clientId)) return;
    await this.commit(poolId, () => {
      this.store.remove(['pools', poolId, 'UserPoolClients', clientId]);
      this.clientIndex.delete(clientId);
    });
  }

  /**
   * Applies fixtures over the store (reference: README "Fixtures and the store"): fixture pools,
   * resource servers and clients replace stored ones with the same id; objects created through the
   * API stay. Keys come from the fixture, else the store, else are generated once and kept.
   * Generated secrets (`GenerateSecret: true`) are kept from the store across restarts.
   */
  async applyFixtures(fixtures: readonly FixturePool[]): Promise<void> {
    if (fixtures.length === 0) return;
    const now = this.now();
    const generated = await Promise.all(fixtures.map((f) => (f.keys || this.pool(f.Id) ? undefined : generatePoolKeys())));
    // A restart with the same fixtures changes nothing: then the store is not rewritten (no fsync on the way to listening).
    let changed = false;
    fixtures.forEach((fixture, i) => {
      const existing = this.pool(fixture.Id);
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
      for (const { GenerateSecret, ...given } of fixture.clients) {
        const stored = existing?.UserPoolClients[given.ClientId];
        const secret = given.ClientSecret ?? (GenerateSecret ? stored?.ClientSecret ?? newClientSecret() : undefined);
        // A client id moved from another pool belongs to the fixture's pool now.
        const otherPool = this.clientIndex.get(given.ClientId);
        if (otherPool !== undefined && otherPool !== fixture.Id) {
          this.store.remove(['pools', otherPool, 'UserPoolClients', given.ClientId]);
          changed = true;
        }
        const { ClientSecret: _ignored, ...config } = given;
        const client = orderClient({
          ...config,
          UserPoolId: fixture.Id,
          ...(secret === undefined ? {} : { ClientSecret: secret }),
          CreationDate: given.CreationDate ?? stored?.CreationDate ?? now,
          LastModifiedDate: given.LastModifiedDate ?? stored?.LastModifiedDate ?? now,
        });
        // A generated secret belongs to the store, and so do the secrets rotated in through the API.
        UserPoolClients[given.ClientId] = GenerateSecret && stored?.ClientSecrets ? { ...client, ClientSecrets: stored.ClientSecrets } : client;
      }
      const Keys = fixture.keys ?? existing?.Keys ?? generated[i];
      if (!Keys) throw new Error(`no keys for pool ${fixture.Id}`);
      const pool: StoredPool = { UserPool, Keys, ResourceServers, UserPoolClients };
      if (!existing || JSON.stringify(existing) !== JSON.stringify(pool)) {
        changed = true;
        this.replacePool(fixture.Id, pool);
      }
    });
    if (changed) await this.store.persist();
  }

  // --- internals -----------------------------------------------------------------------------

  private requirePool(id: string): StoredPool {
    const pool = this.pool(id);
    if (!pool) throw poolNotFound(id);
    return pool;
  }

  /** Applies a change and persists it; if the write fails the Store has already put memory back (see `reindex`). */
  private async commit(poolId: string, apply: () => void): Promise<void> {
    apply();
    this.changed(poolId);
    try {
      await this.store.persist();
    } catch (error) {
      // Cognito's own 500 (reference §6.2); the cause goes to the log, not the client.
      console.error(`cognito-mock: store write failed: ${(error as Error).message}`);
      throw new AwsApiError('InternalErrorException', 'The store could not be written; the change was not made.', 500);
    }
  }

  private replacePool(id: string, pool: StoredPool | undefined): void {
    const previous = this.pool(id);
    if (previous) this.unindex(previous);
    if (pool) {
      this.store.set(['pools', id], pool);
      this.index(pool);
    } else {
      this.store.remove(['pools', id]);
    }
    if (previous?.Keys !== pool?.Keys) this.keyCache.delete(id);
    this.changed(id);
  }

  /** After a failed write put memory back to the disk's state: indexes and caches rebuilt, the touched pools announced. */
  private reindex(poolIds: ReadonlySet<string>): void {
    this.clientIndex.clear();
    this.domainIndex.clear();
    this.keyCache.clear();
    this.scopeCache.clear();
    for (const pool of Object.values(this.store.data.pools)) this.index(pool);
    for (const id of poolIds) this.changed(id);
  }

  private index(pool: StoredPool): void {
    for (const clientId of Object.keys(pool.UserPoolClients)) this.clientIndex.set(clientId, pool.UserPool.Id);
    if (pool.UserPool.Domain) this.domainIndex.set(pool.UserPool.Domain, pool.UserPool.Id);
  }

  private unindex(pool: StoredPool): void {
    for (const clientId of Object.keys(pool.UserPoolClients)) {
      if (this.clientIndex.get(clientId) === pool.UserPool.Id) this.clientIndex.delete(clientId);
    }
    if (pool.UserPool.Domain && this.domainIndex.get(pool.UserPool.Domain) === pool.UserPool.Id) this.domainIndex.delete(pool.UserPool.Domain);
  }

  private changed(poolId: string): void {
    this.scopeCache.delete(poolId);
    for (const listener of this.changeListeners) listener(poolId);
  }
}
