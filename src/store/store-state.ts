import type { Clock } from '../clock.js';
import { dictionary } from '../model/dictionary.js';
import { isRecord } from '../model/problems.js';
import type { StoreData, StoredPool } from '../model/types.js';
import type { AnyCollection, DurableCollection, MemoryCollection } from './collection.js';
import type { StorePath } from './journal.js';

/** Marks "no value here" in a change: a removal, or a path that did not exist before. */
export const ABSENT: unique symbol = Symbol('absent');
export type Absent = typeof ABSENT;

/** Puts back what one change replaced (a failed write undoes its changes, last first). */
export type Undo = () => void;

type Items = Map<string, unknown>;

/**
 * What the store holds in memory: the pools with their durable collections (`data`, what the
 * snapshot and journal hold), and the in-memory collections beside them, per pool, never written.
 * Every map keyed by user input is a prototype-free dictionary (model/dictionary.ts) or a Map.
 */
export class StoreState {
  readonly data: StoreData;
  /** Durable collections by pool-record member. */
  readonly durable: ReadonlyMap<string, DurableCollection<never>>;
  /** In-memory collections by member: per pool id, the items by key. */
  private readonly memory = new Map<string, { collection: MemoryCollection<never>; pools: Map<string, Items> }>();
  private readonly clock: Clock;

  constructor(data: StoreData, collections: readonly AnyCollection[], clock: Clock) {
    this.data = data;
    this.clock = clock;
    const durable = new Map<string, DurableCollection<never>>();
    for (const collection of collections) {
      if (collection.durability === 'durable') durable.set(collection.member, collection);
      else this.memory.set(collection.member, { collection, pools: new Map() });
    }
    this.durable = durable;
  }

  get hasMemoryCollections(): boolean {
    return this.memory.size > 0;
  }

  /** Whether a change at this path is written (journal, snapshot); in-memory collections' are not. */
  isDurable(path: StorePath): boolean {
    return path.length < 4 || !this.memory.has(path[2]!);
  }

  /**
   * A pool record as kept: a dictionary for each durable collection, an empty one for a collection
   * the record lacks (a store written before the collection existed). `fromFile`: the record was
   * parsed from JSON, so its collections become prototype-free dictionaries too.
   */
  poolRecord(pool: StoredPool, fromFile: boolean): StoredPool {
    // Something else than an object in a file is left as it is, for the shape check to name.
    if (!isRecord(pool)) return pool;
    let kept: Record<string, unknown> | undefined;
    for (const member of this.durable.keys()) {
      const items = pool[member];
      if (items === undefined ? false : !fromFile || !isRecord(items)) continue;
      kept ??= { ...pool };
      kept[member] = dictionary(items as Record<string, unknown> | undefined);
    }
    return (kept ?? pool) as unknown as StoredPool;
  }

  /** The item a collection path names; in-memory items only until they expire. */
  get(path: readonly ['pools', string, string, string]): unknown {
    const [, poolId, member, key] = path;
    const memory = this.memory.get(member);
    if (!memory) {
      const pool = this.pool(poolId) as unknown as Record<string, Record<string, unknown>> | undefined;
      const items = pool?.[member];
      return items && Object.hasOwn(items, key) ? items[key] : undefined;
    }
    const items = memory.pools.get(poolId);
    const item = items?.get(key);
    if (item === undefined) return undefined;
    if (memory.collection.expiresAt(item as never) > this.clock()) return item;
    items!.delete(key);
    return undefined;
  }

  /** The unexpired items of one pool's collection. */
  list(poolId: string, member: string): unknown[] {
    const memory = this.memory.get(member);
    if (!memory) {
      const pool = this.pool(poolId) as unknown as Record<string, Record<string, unknown>> | undefined;
      return pool?.[member] ? Object.values(pool[member]) : [];
    }
    const now = this.clock();
    return [...(memory.pools.get(poolId)?.values() ?? [])].filter((item) => memory.collection.expiresAt(item as never) > now);
  }

  /** Removes every expired in-memory item; returns how many. */
  sweep(): number {
    const now = this.clock();
    let swept = 0;
    for (const { collection, pools } of this.memory.values()) {
      for (const [poolId, items] of pools) {
        for (const [key, item] of items) {
          if (collection.expiresAt(item as never) <= now) {
            items.delete(key);
            swept++;
          }
        }
        if (items.size === 0) pools.delete(poolId);
      }
    }
    return swept;
  }

  /**
   * Sets (or, with ABSENT, removes) what a path names; returns how to put it back. A change inside
   * a pool that does not exist is a programming error, except in a replay (`replay`): there a later
   * journal entry removed or replaced that pool anyway, so the change is skipped.
   */
  apply(path: StorePath, value: unknown, replay: boolean): Undo {
    const [, poolId, member, key] = path;
    if (member === undefined) return this.applyPool(poolId, value as StoredPool | Absent);
    const pool = this.pool(poolId);
    if (!pool) {
      if (replay) return () => undefined;
      throw new Error(`store: no pool ${poolId} to change`);
    }
    if (key === undefined) return setMember(pool as unknown as Record<string, unknown>, member, value);
    const memory = this.memory.get(member);
    if (memory) return setItem(memory.pools, poolId, key, value);
    return setMember((pool as unknown as Record<string, Record<string, unknown>>)[member]!, key, value);
  }

  /**
   * The object and key that hold what a durable path names (the pools, a pool record, or one of
   * its collections), or undefined for an in-memory path or a pool that does not exist.
   */
  slot(path: StorePath): { container: Record<string, unknown>; key: string } | undefined {
    const [, poolId, member, key] = path;
    if (member === undefined) return { container: this.data.pools as unknown as Record<string, unknown>, key: poolId };
    const pool = this.pool(poolId) as unknown as Record<string, Record<string, unknown>> | undefined;
    if (!pool) return undefined;
    if (key === undefined) return { container: pool, key: member };
    return this.memory.has(member) ? undefined : { container: pool[member]!, key };
  }

  private pool(id: string): StoredPool | undefined {
    return Object.hasOwn(this.data.pools, id) ? this.data.pools[id] : undefined;
  }

  /** A removed pool takes its in-memory items with it (and gets them back if the removal is undone). */
  private applyPool(id: string, pool: StoredPool | Absent): Undo {
    const undoPool = setMember(this.data.pools, id, pool);
    if (pool !== ABSENT) return undoPool;
    const dropped: [Map<string, Items>, Items][] = [];
    for (const { pools } of this.memory.values()) {
      const items = pools.get(id);
      if (items) dropped.push([pools, items]);
      pools.delete(id);
    }
    return () => {
      undoPool();
      for (const [pools, items] of dropped) pools.set(id, items);
    };
  }
}

function setMember(container: Record<string, unknown>, name: string, value: unknown): Undo {
  const had = Object.hasOwn(container, name);
  const previous = container[name];
  if (value === ABSENT) delete container[name];
  else container[name] = value;
  return () => {
    if (had) container[name] = previous;
    else delete container[name];
  };
}

function setItem(pools: Map<string, Items>, poolId: string, key: string, value: unknown): Undo {
  const itemsOf = (): Items => {
    const items = pools.get(poolId) ?? new Map<string, unknown>();
    pools.set(poolId, items);
    return items;
  };
  const had = pools.get(poolId)?.has(key) === true;
  const previous = pools.get(poolId)?.get(key);
  if (value === ABSENT) pools.get(poolId)?.delete(key);
  else itemsOf().set(key, value);
  return () => {
    if (had) itemsOf().set(key, previous);
    else pools.get(poolId)?.delete(key);
  };
}
