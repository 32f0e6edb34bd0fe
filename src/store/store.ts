import { type Log, stderrLog } from '../model/log.js';
import { type Clock, systemClock } from '../clock.js';
import type { StoreData, StoredPool } from '../model/types.js';
import { type AnyCollection, type Collection, checkedCollections } from './collection.js';
import { DEFAULT_COLLECTIONS } from './collections.js';
import type { Journal, JournalEntry, StorePath } from './journal.js';
import { emptyData, loadStore } from './load-store.js';
import type { Low } from 'lowdb';
import { type ChangeSlot, Snapshots } from './snapshots.js';
import { type StoreFiles, nodeFiles } from './store-files.js';
import { StoreLock } from './store-lock.js';
import { ABSENT, StoreState, type Undo } from './store-state.js';
import { type Waiting, waiting } from './waiting.js';

export { storeFileText } from './load-store.js';
export { StoreLimitError } from './limits.js';
export { readStoreFile } from './read-store-file.js';

export interface StoreOptions {
  /** What each pool record holds besides `UserPool` and `Keys`; default: DEFAULT_COLLECTIONS (store/collections.ts). */
  collections?: readonly AnyCollection[];
  /** The clock in-memory collections expire by; default: the system clock. */
  clock?: Clock;
  /** Where a snapshot that could not be written, or a torn journal line dropped at start, is reported; default: stderr. */
  log?: Log;
  /** The file operations writes go through; default: node:fs/promises (tests inject failing ones). */
  files?: StoreFiles;
}

interface Change {
  path: StorePath;
  value: unknown;
  undo: Undo;
  /** Where the change landed and what it replaced, for a snapshot's overlay; none for an in-memory change. */
  slot: ChangeSlot | undefined;
}

/** How often expired items of in-memory collections are swept (they are never returned once expired). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The JSON store: a snapshot (`<file>`, store/snapshot-file.ts) plus a journal (`<file>.journal`,
 * store/journal.ts), holding pools and, in each pool record, the collections the store was opened
 * with (store/collection.ts). Mutations (`set`, `remove`, `put`, `delete`) change memory and are
 * recorded; `persist()` resolves once they are on disk. Writes are serialized and grouped (every
 * change made while a write runs goes into the next one, one line and one fsync for all: group
 * commit). Now and then the snapshot is rewritten: beside the writes, over many turns of the event
 * loop, from the state committed when it began (SnapshotOverlay); then, between two writes, it is
 * renamed over the store and the journal keeps only the lines after it. In-memory collections are
 * never written, but their changes ride in the same groups: a write the disk refuses puts memory
 * back, every change queued behind it included, in-memory ones too, and rejects them all. An open
 * store holds `<file>.lock` until `close()`: one writer per store file (StoreLock).
 */
export class Store {
  readonly data: StoreData;
  readonly file: string | undefined;
  private readonly state: StoreState;
  private readonly journal: Journal | undefined;
  /** The snapshot file; none in memory. */
  private readonly snapshots: Snapshots | undefined;
  private readonly files: StoreFiles;
  /** After a failed write, what the disk holds is unsure until the next write has checked it. */
  private suspect = false;
  private pending: Change[] = [];
  /** The next write, not started yet: every change made until it starts goes into it. */
  private queued: Waiting | undefined;
  /** Writes queued or under way. */
  private writes = 0;
  /** The write chain: writes, and the install of a finished snapshot, one at a time. */
  private chain: Promise<void> = Promise.resolve();
  private readonly revertListeners: ((poolIds: ReadonlySet<string>) => void)[] = [];
  private readonly lock: StoreLock | undefined;
  private readonly sweeper: NodeJS.Timeout | undefined;
  private readonly log: Log;

  private constructor(state: StoreState, log: Log, db?: Low<StoreData>, journal?: Journal, snapshotBytes = 0, snapshotSeq = 0, lock?: StoreLock, files: StoreFiles = nodeFiles) {
    this.state = state;
    this.log = log;
    this.data = state.data;
    this.snapshots = db && new Snapshots(db, files, log, snapshotBytes, snapshotSeq);
    this.file = this.snapshots?.file;
    this.journal = journal;
    this.files = files;
    this.lock = lock;
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
    const log = options.log ?? stderrLog;
    // The lock comes first: until it is held, nothing may touch the files (another server's
    // snapshot temp file, or a journal line it is writing).
    const lock = await StoreLock.acquire(file);
    try {
      const { db, state, journal, snapshotBytes, snapshotSeq } = await loadStore(file, true, collections, options.clock ?? systemClock, log, options.files);
      return new Store(state, log, db, journal, snapshotBytes, snapshotSeq, lock, options.files);
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
    if (!this.journal) return Promise.resolve();
    if (this.queued) return this.queued.promise;
    // Nothing to write (none, or only in-memory changes) and no write under way: final at once.
    if (this.writes === 0 && !this.pending.some((change) => change.slot !== undefined)) {
      this.pending = [];
      return Promise.resolve();
    }
    const group = waiting();
    this.queued = group;
    this.writes++;
    this.exclusive(async () => {
      if (this.queued === group) this.queued = undefined;
      try {
        // A group a failed write rejected has had its changes undone already.
        if (!group.settled) {
          await this.write();
          group.resolve();
        }
      } catch (error) {
        group.reject(error);
      } finally {
        this.writes--;
      }
    });
    return group.promise;
  }

  /** Called after a failed write put memory back, with the ids of the pools it touched. */
  onRevert(listener: (poolIds: ReadonlySet<string>) => void): void {
    this.revertListeners.push(listener);
  }

  /** Waits for writes and a snapshot under way, then lets go of the store's lock. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (;;) {
      const chain = this.chain;
      await this.snapshots?.running;
      await chain;
      if (chain === this.chain && !this.snapshots?.running) break;
    }
    await this.lock?.release();
  }

  private record(path: StorePath, value: unknown): void {
    const kept = path.length === 2 && value !== ABSENT ? this.state.poolRecord(value as StoredPool, false) : value;
    const at = this.journal ? this.state.slot(path) : undefined;
    const slot = at && { container: at.container, key: at.key, previous: Object.hasOwn(at.container, at.key) ? at.container[at.key] : ABSENT };
    const undo = this.state.apply(path, kept, false);
    if (!this.journal) return;
    this.pending.push({ path, value: kept, undo, slot });
    if (slot) this.snapshots?.keep(slot);
  }

  /** Runs a step of the chain after the ones before it. A step reports its own failures; none stops the chain. */
  private exclusive(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((error: Error) => {
      this.log.warn(`cognito-mock: store: ${error.message}`);
    });
  }

  private async write(): Promise<void> {
    const journal = this.journal!;
    const batch = this.pending;
    this.pending = [];
    // Serialized now, before any await: the entries hold exactly the changes made before this line.
    const entries: JournalEntry[] = batch.filter((change) => change.slot !== undefined)
      .map(({ path, value }) => (value === ABSENT ? { remove: path } : { set: path, value }));
    if (entries.length === 0) return;
    try {
      const snapshots = this.snapshots!;
      let whole = !snapshots.exists;
      if (this.suspect && !whole) whole = !(await this.diskIntact());
      if (whole) await snapshots.writeWhole(journal, this.pending);
      else await journal.append(entries);
      this.suspect = false;
    } catch (error) {
      // The disk refused (full, read-only, gone). Every change that is not on disk is undone, those
      // waiting for the next write included, all in this one synchronous step: memory holds what the
      // disk holds again, every caller of a dropped change gets the error, and no failed change can
      // ride along in a later successful write.
      this.suspect = true;
      const queued = this.queued;
      this.queued = undefined;
      this.revert([...batch, ...this.pending]);
      this.pending = [];
      queued?.reject(error);
      throw error;
    }
    this.snapshots!.start(journal, this.pending, (step) => this.exclusive(step));
  }

  /**
   * After a failed write: whether the files still hold what memory says they do. The journal is
   * cut back to its last good line (throws if that fails: nothing is acknowledged until it works);
   * a journal or snapshot that has gone (its directory removed) means the whole store is written.
   */
  private async diskIntact(): Promise<boolean> {
    const gone = (error: unknown): boolean => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    };
    try {
      await this.journal!.cutBack();
      if (this.snapshots!.exists) await (await this.files.open(this.file!, 'r')).close();
      return true;
    } catch (error) {
      return !gone(error);
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
