import type { Clock } from './clock.js';
import { type Log, stderrLog } from './model/log.js';
import { type PoolKeys, generatePoolKeys, loadPoolKeys } from './keys/pool-keys.js';
import { DomainError } from './model/domain-error.js';
import type { ResourceServer, StoredPool, StoredPoolKeys, UserPool, UserPoolClient } from './model/types.js';
import { definedScopes } from './model/rules.js';
import type { Collection } from './store/collection.js';
import { RESOURCE_SERVERS, USER_POOL_CLIENTS } from './store/collections.js';
import type { Store } from './store/store.js';

/** One item set or removed in a `changeItems` write (made by `putChange` / `deleteChange`). */
export type ItemChange = (store: Store, poolId: string) => void;

export const putChange = <T>(collection: Collection<T>, item: T): ItemChange => (store, poolId) => store.put(collection, poolId, item);
export const deleteChange = <T>(collection: Collection<T>, key: string): ItemChange => (store, poolId) => store.delete(collection, poolId, key);

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
  private readonly log: Log;
  readonly clock: Clock;
  private readonly clientIndex = new Map<string, string>();
  private readonly domainIndex = new Map<string, string>();
  private readonly keyCache = new Map<string, PoolKeys>();
  /** Stored key sets already reported as damaged in the log. */
  private readonly reportedKeys = new WeakSet<StoredPoolKeys>();
  private readonly scopeCache = new Map<string, ReadonlySet<string>>();
  private readonly changeListeners: ((poolId: string) => void)[] = [];
  /** The keys of a pool that brings none (CreateUserPool, a fixture pool new to the store): generated unless the server was given a source. */
  readonly newPoolKeys: () => Promise<StoredPoolKeys>;

  constructor(store: Store, clock: Clock, newPoolKeys: () => Promise<StoredPoolKeys> = generatePoolKeys, log: Log = stderrLog) {
    this.log = log;
    this.store = store;
    this.clock = clock;
    this.newPoolKeys = newPoolKeys;
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

  /** The pool, or the `pool_not_found` problem. */
  requirePool(id: string): StoredPool {
    const pool = this.pool(id);
    if (!pool) throw new DomainError({ code: 'pool_not_found', poolId: id });
    return pool;
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

  /** The pool's keys, imported (and proven) on first use and kept; a damaged one is the `invalid_stored_key` problem. */
  keys(poolId: string): PoolKeys | undefined {
    let keys = this.keyCache.get(poolId);
    if (!keys) {
      const pool = this.pool(poolId);
      if (!pool) return undefined;
      keys = this.loadKeys(pool);
      this.keyCache.set(poolId, keys);
    }
    return keys;
  }

  private loadKeys(pool: StoredPool): PoolKeys {
    try {
      return loadPoolKeys(pool.Keys, pool.UserPool.Id);
    } catch (error) {
      // Every request that needs these keys answers the problem; the operator's log names it once.
      if (error instanceof DomainError && !this.reportedKeys.has(pool.Keys)) {
        this.reportedKeys.add(pool.Keys);
        this.log.warn(`cognito-mock: ${error.message}`);
      }
      throw error;
    }
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
    // Only the pool's own settings are written (one journal line the size of `UserPool`), not
    // the whole pool record with all its clients.
    await this.commit(id, () => {
      this.unindex(pool);
      this.store.set(['pools', id, 'UserPool'], after);
      this.index(pool);
    });
    return after;
  }

  async deletePool(id: string): Promise<void> {
    this.requirePool(id);
    await this.commit(id, () => this.replacePool(id, undefined));
  }

  putResourceServer(server: ResourceServer): Promise<void> {
    return this.putItem(RESOURCE_SERVERS, server.UserPoolId, server);
  }

  deleteResourceServer(poolId: string, identifier: string): Promise<void> {
    return this.deleteItem(RESOURCE_SERVERS, poolId, identifier);
  }

  async putClient(client: UserPoolClient): Promise<void> {
    const pool = this.requirePool(client.UserPoolId);
    await this.commit(pool.UserPool.Id, () => {
      this.store.put(USER_POOL_CLIENTS, pool.UserPool.Id, client);
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
      this.store.delete(USER_POOL_CLIENTS, poolId, clientId);
      this.clientIndex.delete(clientId);
    });
  }

  // --- collections the registry keeps no index of (store/collections.ts) ----------------------

  /** An item of one of a pool's collections (of an in-memory one, only until it expires). */
  item<T>(collection: Collection<T>, poolId: string, key: string): T | undefined {
    return this.store.get(collection, poolId, key);
  }

  /** The items of one of a pool's collections (of an in-memory one, those not expired). */
  items<T>(collection: Collection<T>, poolId: string): T[] {
    return this.store.list(collection, poolId);
  }

  /** Sets an item of one of a pool's collections under its key; a durable one is on disk when this resolves. */
  async putItem<T>(collection: Collection<T>, poolId: string, item: T): Promise<void> {
    this.requirePool(poolId);
    await this.commit(poolId, () => this.store.put(collection, poolId, item));
  }

  /**
   * Several items of a pool's collections set or removed in one write (a group deleted with its
   * memberships): all of them are on disk when this resolves, or none is.
   */
  async changeItems(poolId: string, changes: readonly ItemChange[]): Promise<void> {
    this.requirePool(poolId);
    await this.commit(poolId, () => {
      for (const change of changes) change(this.store, poolId);
    });
  }

  async deleteItem<T>(collection: Collection<T>, poolId: string, key: string): Promise<void> {
    this.requirePool(poolId);
    if (this.store.get(collection, poolId, key) === undefined) return;
    await this.commit(poolId, () => this.store.delete(collection, poolId, key));
  }

  /**
   * Replaces whole pools, and takes clients out of the pools they leave, in one write: how fixtures
   * land at start (domain/apply-fixtures.ts). A write that fails is the store's error as it is.
   */
  async replacePools(pools: readonly StoredPool[], leaving: readonly { poolId: string; clientId: string }[] = []): Promise<void> {
    for (const { poolId, clientId } of leaving) {
      this.store.delete(USER_POOL_CLIENTS, poolId, clientId);
      if (this.clientIndex.get(clientId) === poolId) this.clientIndex.delete(clientId);
      this.changed(poolId);
    }
    for (const pool of pools) this.replacePool(pool.UserPool.Id, pool);
    await this.store.persist();
  }

  // --- internals -----------------------------------------------------------------------------

  /** Applies a change and persists it; if the write fails the Store has already put memory back (see `reindex`). */
  private async commit(poolId: string, apply: () => void): Promise<void> {
    apply();
    this.changed(poolId);
    try {
      await this.store.persist();
    } catch (error) {
      // The cause goes to the operator's log once, here; callers get the problem without it (an API
      // answers Cognito's 500 InternalErrorException, reference §6.2).
      const reason = (error as Error).message;
      this.log.warn(`cognito-mock: store write failed: ${reason}`);
      throw new DomainError({ code: 'store_write_failed', reason }, { cause: error });
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
