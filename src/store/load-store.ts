import { chmod, readFile, stat } from 'node:fs/promises';
import type { Clock } from '../clock.js';
import { ConfigError } from '../model/config-error.js';
import { dictionary } from '../model/dictionary.js';
import type { StoreData, StoredPool } from '../model/types.js';
import { AtomicJsonFile } from './atomic-json-file.js';
import type { AnyCollection } from './collection.js';
import { Journal, type JournalEntry } from './journal.js';
import { snapshotShapeProblems, storeShapeProblems } from './store-shape.js';
import { ABSENT, StoreState } from './store-state.js';

export const emptyData = (): StoreData => ({ formatVersion: 1, pools: dictionary() });

export interface LoadedStore {
  state: StoreState;
  adapter: AtomicJsonFile<StoreData>;
  journal: Journal;
  /** Size of the snapshot file; 0 when there is none yet. */
  snapshotBytes: number;
}

/**
 * Reads and checks the snapshot and replays the journal. `repair` (only for the lock's holder)
 * also removes a crashed write's temp file, cuts a torn journal line and makes the files private.
 * A file that cannot be read or has the wrong shape is a ConfigError naming it; nothing is written.
 */
export async function loadStore(file: string, repair: boolean, collections: readonly AnyCollection[], clock: Clock): Promise<LoadedStore> {
  const adapter = new AtomicJsonFile<StoreData>(file);
  const durable = collections.filter((c) => c.durability === 'durable');
  const journal = new Journal(`${file}.journal`, new Set(durable.map((c) => c.member)));
  let data: unknown;
  let entries: JournalEntry[];
  try {
    if (repair) await adapter.prepare();
    data = await adapter.read();
    entries = await journal.read(repair).catch((error: Error) => { throw new Error(`${journal.file}: ${error.message}`); });
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
    throw new ConfigError([`${file}: cannot load the store: ${reason}. Fix or remove the file; it was not changed.`]);
  }
  const snapshotProblems = data === null ? [] : snapshotShapeProblems(data, durable);
  if (snapshotProblems.length > 0) throw storeError(file, snapshotProblems);
  const snapshot = data as StoreData | null;
  const state = new StoreState(snapshot === null ? emptyData() : { ...snapshot, pools: dictionary() }, collections, clock);
  for (const [id, pool] of Object.entries(snapshot?.pools ?? {})) state.data.pools[id] = state.poolRecord(pool, true);
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
  const snapshotBytes = data === null ? 0 : Math.max(1, (await stat(file)).size);
  return { state, adapter, journal, snapshotBytes };
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
