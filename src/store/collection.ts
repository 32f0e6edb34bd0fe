import { Problems } from '../model/problems.js';

/**
 * A collection the store keeps per pool: items keyed by one of their own members, held in the
 * pool's record under `member` (a pool's `UserPoolClients`, keyed by `ClientId`). Adding a kind of
 * object to the store is one such definition in the list the store is opened with
 * (store/collections.ts holds the default list); the journal, the snapshot, the start-up checks and
 * the failed-write revert take it from there.
 */
interface CollectionBase<T> {
  /** The member of a pool record that holds the items (`UserPoolClients`). */
  readonly member: string;
  /** The member of each item that is its key (`ClientId`). */
  readonly key: keyof T & string;
}

/**
 * Journaled and fsynced before the change is acknowledged, and in the snapshot: survives restarts
 * and crashes like the pools themselves.
 */
export interface DurableCollection<T> extends CollectionBase<T> {
  readonly durability: 'durable';
  /**
   * The problems of one item read from the store file (hand edits, damage), each a sentence that
   * starts with the item's path `at`; none for an item the server itself wrote. The store refuses
   * to start on any, naming the file, so a broken item fails the start instead of a request.
   */
  readonly problems: (at: string, item: Record<string, unknown>) => string[];
}

/**
 * Kept in memory only: never journaled nor in the snapshot, gone at restart, and gone once its
 * expiry has passed (expired items are never returned, and are swept). For short-lived objects
 * (authorization codes, sign-in sessions) whose loss at a restart only means signing in again.
 */
export interface MemoryCollection<T> extends CollectionBase<T> {
  readonly durability: 'memory';
  /** When the item expires, in epoch milliseconds, read against the store's clock. */
  readonly expiresAt: (item: T) => number;
}

export type Collection<T> = DurableCollection<T> | MemoryCollection<T>;

/**
 * A collection as the store handles it, whatever its item type: every `Collection<T>` is one
 * (its key is some string, its `expiresAt` takes an item the store hands back unchanged).
 */
export type AnyCollection = Collection<never>;

/** A durable collection (see DurableCollection). */
export const durableCollection = <T>(definition: Omit<DurableCollection<T>, 'durability'>): DurableCollection<T> =>
  ({ ...definition, durability: 'durable' });

/** A collection kept in memory with an expiry (see MemoryCollection). */
export const memoryCollection = <T>(definition: Omit<MemoryCollection<T>, 'durability'>): MemoryCollection<T> =>
  ({ ...definition, durability: 'memory' });

/** Members of a pool record that are the pool's own, not collections. */
export const POOL_MEMBERS = ['UserPool', 'Keys'] as const;
export type PoolMember = (typeof POOL_MEMBERS)[number];

/** Checks a list of definitions; a clash is the caller's programming error, so it throws at once. */
export function checkedCollections(collections: readonly AnyCollection[]): readonly AnyCollection[] {
  const seen = new Set<string>(POOL_MEMBERS);
  for (const collection of collections) {
    if (seen.has(collection.member)) throw new TypeError(`store collection member "${collection.member}" is taken`);
    seen.add(collection.member);
  }
  return collections;
}

/**
 * The problems the model's rules (model/rules.ts, model/problems.ts) find in an item, as store
 * problems: `<path>: <what is wrong>`, the words a fixture file gets for the same mistake.
 */
export function ruleProblems(at: string, check: (p: Problems) => void): string[] {
  const p = new Problems(at);
  check(p);
  return p.list.map((problem) => `${problem.path}: ${problem.explain ?? problem.message}`);
}
