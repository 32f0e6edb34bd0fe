import { stat } from 'node:fs/promises';
import { type Log, stderrLog } from '../model/log.js';
import { Low } from 'lowdb';
import { type Clock, systemClock } from '../clock.js';
import type { StoreData, StoredPool } from '../model/types.js';
import type { AtomicJsonFile } from './atomic-json-file.js';
import { type AnyCollection, type Collection, checkedCollections } from './collection.js';
import { DEFAULT_COLLECTIONS } from './collections.js';
import type { Journal, JournalEntry, StorePath } from './journal.js';
import { emptyData, loadStore } from './load-store.js';
import { StoreLock } from './store-lock.js';
import { ABSENT, StoreState, type Undo } from './store-state.js';

export { storeFileText } from './load-store.js';

export interface StoreOptions {
  /** What each pool record holds besides `UserPool` and `Keys`; default: DEFAULT_COLLECTIONS (store/collections.ts). */
  collections?: readonly AnyCollection[];
  /** The clock in-memory collections expire by; default: the system clock. */
  clock?: Clock;
  /** Where a snapshot that could not be written is reported; default: stderr. */
  log?: Log;
}

interface Waiting {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function waiting(): Waiting {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

interface Change {
  path: StorePath;
  value: unknown;
  undo: Undo;
}

/**
 * The snapshot is rewritten once the journal holds as many bytes as the snapshot did (and at least
 * this many): each write then costs the size of its change, and rewriting the snapshot, which costs
 * the size of the store, happens ever more rarely as the store grows: flat per-change cost.
 */
const MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT = 1024 * 1024;

/** How often expired items of in-memory collections are swept (they are never returned once expired). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The JSON store: a lowdb snapshot (`<file>`) plus an append-only journal (`<file>.journal`),
 * holding pools and, in each pool record, the collections the store was opened with (store/
 * collection.ts). Mutations (`set`, `remove`, `put`, `delete`) change memory and are recorded;
 * `persist()` resolves once they are on disk. Writes are serialized and grouped (every change made
 * while a write runs goes into the next one, one fsync for all: group commit). A write appends the
 * durable changes to the journal; now and then the snapshot is rewritten (temp file + rename) and
 * the journal emptied. In-memory collections are never written, but their changes ride in the same
 * groups: a write the disk refuses puts memory back, every change queued behind it included,
 * in-memory ones too, and rejects them all. An open store holds `<file>.lock` until `close()`: one
 * writer per store file (StoreLock).
 */
export class Store {
  readonly data: StoreData;
  readonly file: string | undefined;
  private readonly state: StoreState;
  private readonly db: Low<StoreData> | undefined;
  private readonly journal: Journal | undefined;
  private snapshotBytes: number;
  /** Whether the snapshot file exists: the first write of a new store writes it. */
  private hasSnapshot: boolean;
  private pending: Change[] = [];
  private running: Promise<void> | undefined;
  private next: Waiting | undefined;
  private readonly revertListeners: ((poolIds: ReadonlySet<string>) => void)[] = [];
  private readonly lock: StoreLock | undefined;
  private readonly sweeper: NodeJS.Timeout | undefined;
  private readonly log: Log;

  private constructor(state: StoreState, log: Log, db?: Low<StoreData>, journal?: Journal, snapshotBytes = 0, lock?: StoreLock) {
    this.state = state;
    this.log = log;
    this.data = state.data;
    this.db = db;
    this.journal = journal;
    this.lock = lock;
    this.snapshotBytes = snapshotBytes;
    this.hasSnapshot = snapshotBytes > 0;
    this.file = db ? (db.adapter as AtomicJsonFile<StoreData>).file : undefined;
    if (state.hasMemoryCollections) this.sweeper = setInterval(() => state.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  static inMemory(options: StoreOptions = {}): Store {
    return new Store(new StoreState(emptyData(), collectionsOf(options), options.clock ?? systemClock), options.log ?? stderrLog);
  }

  /**
   * Opens (or starts) the store: its lock, the snapshot, then the journal replayed over it. A store
   * another server holds, or a file that cannot be read or has the wrong shape, is a ConfigError,
   * and the files are left untouched.
   */
  static async open(file: string, options: StoreOptions = {}): Promise<Store> {
    const collections = collectionsOf(options);
    // The lock comes first: until it is held, nothing may touch the files (another server's
    // snapshot temp file, or a journal line it is appending).
    const lock = await StoreLock.acquire(file);
    try {
      const { state, adapter, journal, snapshotBytes } = await loadStore(file, true, collections, options.clock ?? systemClock);
      const db = new Low<StoreData>(adapter, emptyData());
      db.data = state.data;
      return new Store(state, options.log ?? stderrLog, db, journal, snapshotBytes, lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Sets a pool, one of its members, or an item of one of its collections, in memory; `persist()` writes it. */
  set(path: StorePath, value: unknown): void {
    this.record(path, value);
  }

  /** Removes what a path names, in memory; `persist()` writes it. */
  remove(path: StorePath): void {
    this.record(path, ABSENT);
  }

  /** Sets an item of a pool's collection under its key member; `persist()` writes it (if the collection is durable). */
  put<T>(collection: Collection<T>, poolId: string, item: T): void {
    this.record(['pools', poolId, collection.member, String(item[collection.key])], item);
  }

  /** Removes an item of a pool's collection; `persist()` writes that. */
  delete<T>(collection: Collection<T>, poolId: string, key: string): void {
    this.record(['pools', poolId, collection.member, key], ABSENT);
  }

  /** An item of a pool's collection (an in-memory one only until it expires). */
  get<T>(collection: Collection<T>, poolId: string, key: string): T | undefined {
    return this.state.get(['pools', poolId, collection.member, key]) as T | undefined;
  }

  /** The items of a pool's collection (of an in-memory one, those not expired). */
  list<T>(collection: Collection<T>, poolId: string): T[] {
    return this.state.list(poolId, collection.member) as T[];
  }

  /** Removes the expired items of in-memory collections now (a timer does it every minute); returns how many. */
  sweep(): number {
    return this.state.sweep();
  }

  /** Resolves once a write that includes every change made before this call is on disk; rejects if that write failed. */
  persist(): Promise<void> {
    if (!this.db) return Promise.resolve();
    if (!this.running) {
      // Nothing to write (none, or only in-memory changes): those are final at once.
      if (!this.pending.some((change) => this.state.isDurable(change.path))) {
        this.pending = [];
        return Promise.resolve();
      }
      return this.write(this.db);
    }
    this.next ??= waiting();
    return this.next.promise;
  }

  /** Called after a failed write put memory back, with the ids of the pools it touched. */
  onRevert(listener: (poolIds: ReadonlySet<string>) => void): void {
    this.revertListeners.push(listener);
  }

  /** Waits for writes under way, then lets go of the store's lock. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    while (this.running) await this.running.catch(() => undefined);
    await this.lock?.release();
  }

  private record(path: StorePath, value: unknown): void {
    const kept = path.length === 2 && value !== ABSENT ? this.state.poolRecord(value as StoredPool, false) : value;
    const undo = this.state.apply(path, kept, false);
    if (this.db) this.pending.push({ path, value: kept, undo });
  }

  private write(db: Low<StoreData>): Promise<void> {
    const journal = this.journal!;
    const batch = this.pending;
    this.pending = [];
    // Serialized now, before any await: the entries hold exactly the changes made before this line.
    const entries: JournalEntry[] = batch.filter((change) => this.state.isDurable(change.path))
      .map(({ path, value }) => (value === ABSENT ? { remove: path } : { set: path, value }));
    const snapshot = !this.hasSnapshot || journal.size + 256 * entries.length > Math.max(MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT, this.snapshotBytes);
    const appended = entries.length > 0 ? journal.append(entries) : Promise.resolve();
    this.running = appended.then(async () => {
      // The changes are durable in the journal; a snapshot that fails now loses nothing (the journal stays).
      if (snapshot) await this.writeSnapshot(db, journal);
      this.running = undefined;
      const next = this.next;
      this.next = undefined;
      if (next) this.write(db).then(next.resolve, next.reject);
    }, (error: unknown) => {
      // The disk refused (full, read-only, gone). Every change that is not on disk is undone, those
      // waiting for the next write included, all in this one synchronous step: memory holds what the
      // disk holds again, every caller of a dropped change gets the error, and no failed change can
      // ride along in a later successful write.
      this.running = undefined;
      const next = this.next;
      this.next = undefined;
      // What the disk holds is unsure now (the directory may have gone): the next write that
      // succeeds writes the whole snapshot, not only a journal entry.
      this.hasSnapshot = false;
      this.revert([...batch, ...this.pending]);
      this.pending = [];
      next?.reject(error);
      throw error;
    });
    return this.running;
  }

  private async writeSnapshot(db: Low<StoreData>, journal: Journal): Promise<void> {
    try {
      await db.write();
      this.hasSnapshot = true;
      this.snapshotBytes = (await stat(this.file!)).size;
      await journal.clear();
    } catch (error) {
      this.log.warn(`cognito-mock: store snapshot not written (the journal keeps every change): ${(error as Error).message}`);
    }
  }

  private revert(changes: readonly Change[]): void {
    for (let i = changes.length - 1; i >= 0; i--) changes[i]!.undo();
    const poolIds = new Set(changes.map((change) => change.path[1]));
    for (const listener of this.revertListeners) listener(poolIds);
  }
}

function collectionsOf(options: StoreOptions): readonly AnyCollection[] {
  return checkedCollections(options.collections ?? DEFAULT_COLLECTIONS);
}

/**
 * What a store holds (snapshot with its journal replayed), as plain JSON. For tools and tests that
 * look at a store from outside the server, also while one runs on it: then it only reads. With no
 * server on it, it cleans up as a start does (a torn last journal line, a crashed write's temp file).
 */
export async function readStoreFile(file: string, collections: readonly AnyCollection[] = DEFAULT_COLLECTIONS): Promise<StoreData> {
  const lock = await StoreLock.acquire(file).catch(() => undefined);
  try {
    const { state } = await loadStore(file, lock !== undefined, checkedCollections(collections), systemClock);
    return JSON.parse(JSON.stringify(state.data)) as StoreData;
  } finally {
    await lock?.release();
  }
}
