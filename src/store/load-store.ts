import { chmod, readFile, stat } from 'node:fs/promises';
import type { Clock } from '../clock.js';
import { ConfigError } from '../model/config-error.js';
import { dictionary } from '../model/dictionary.js';
import type { Log } from '../model/log.js';
import type { StoreData, StoredPool } from '../model/types.js';
import type { AnyCollection } from './collection.js';
import { Journal, type JournalEntry } from './journal.js';
import { Low } from 'lowdb';
import { SnapshotAdapter } from './snapshot-adapter.js';
import { type ReadSnapshot, prepareStoreDirectory } from './snapshot-file.js';
import { type StoreFiles, nodeFiles } from './store-files.js';
import { snapshotShapeProblems, storeShapeProblems } from './store-shape.js';
import { ABSENT, StoreState } from './store-state.js';

export const emptyData = (): StoreData => ({ formatVersion: 1, pools: dictionary() });

export interface LoadedStore {
  /** lowdb's document: the store's data, read and written through the SnapshotAdapter. */
  db: Low<StoreData>;
  state: StoreState;
  journal: Journal;
  /** Size of the snapshot file; 0 when there is none yet. */
  snapshotBytes: number;
  /** The last journal batch the snapshot holds. */
  snapshotSeq: number;
}

/**
 * Reads and checks the snapshot and replays the journal over it, both line by line. `repair`
 * (only for the lock's holder) also removes a crashed write's temp file, cuts a torn journal line
 * (keeping its bytes in `<journal>.torn`) and makes the files private. A file that cannot be read
 * or has the wrong shape is a ConfigError naming it; nothing is written.
 */
export async function loadStore(file: string, repair: boolean, collections: readonly AnyCollection[], clock: Clock, log: Log, files: StoreFiles = nodeFiles): Promise<LoadedStore> {
  const durable = collections.filter((c) => c.durability === 'durable');
  const durableMembers = new Set(durable.map((c) => c.member));
  const journal = new Journal(`${file}.journal`, durableMembers, files);
  const adapter = new SnapshotAdapter(file, durableMembers, files);
  const db = new Low<StoreData>(adapter, emptyData());
  let snapshot: ReadSnapshot | null;
  let entries: JournalEntry[];
  try {
    if (repair) await prepareStoreDirectory(file);
    await db.read().catch((error: Error) => {
      throw error instanceof SyntaxError ? new Error(`not valid JSON (${error.message})`) : error;
    });
    snapshot = adapter.lastRead;
    entries = await journal.read({ snapshotSeq: snapshot?.seq ?? 0, repair, log }).catch((error: Error) => { throw new Error(`${journal.file}: ${error.message}`); });
  } catch (error) {
    throw new ConfigError([`${file}: cannot load the store: ${(error as Error).message}. Fix or remove the file; it was not changed.`]);
  }
  const data = snapshot?.data ?? null;
  const snapshotProblems = data === null ? [] : snapshotShapeProblems(data, durable);
  if (snapshotProblems.length > 0) throw storeError(file, snapshotProblems);
  const stored = data as StoreData | null;
  const state = new StoreState(stored === null ? emptyData() : { ...stored, pools: dictionary() }, collections, clock);
  const fromFile = !snapshot?.streamed;
  for (const [id, pool] of Object.entries(stored?.pools ?? {})) state.data.pools[id] = state.poolRecord(pool, fromFile);
  for (const entry of entries) {
    const [path, value] = 'set' in entry ? [entry.set, entry.value] : [entry.remove, ABSENT];
    state.apply(path, path.length === 2 && value !== ABSENT ? state.poolRecord(value as StoredPool, true) : value, true);
  }
  const problems = storeShapeProblems(state.data, durable);
  if (problems.length > 0) throw storeError(file, problems);
  if (repair) {
    await keepPrivate(file);
    await keepPrivate(journal.file);
  }
  db.data = state.data;
  return { db, state, journal, snapshotBytes: snapshot === null ? 0 : Math.max(1, snapshot.bytes), snapshotSeq: snapshot?.seq ?? 0 };
}

/** The raw bytes of a store (snapshot and journal): equal texts, equal stores. */
export async function storeFileText(file: string): Promise<string> {
  const read = (path: string) => readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return `${await read(file)}\n${await read(`${file}.journal`)}`;
}

function storeError(file: string, problems: string[]): ConfigError {
  return new ConfigError(problems.map((p) => `${file}: ${p}. Fix or remove the file; it was not changed.`));
}

/** A store file someone made readable to others is private again (SECURITY.md: mode 0600). */
async function keepPrivate(file: string): Promise<void> {
  try {
    if (((await stat(file)).mode & 0o777) !== 0o600) await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
