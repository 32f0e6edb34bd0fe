import { systemClock } from '../clock.js';
import { type Log, stderrLog } from '../model/log.js';
import type { StoreData } from '../model/types.js';
import { type AnyCollection, checkedCollections } from './collection.js';
import { DEFAULT_COLLECTIONS } from './collections.js';
import { loadStore } from './load-store.js';
import { StoreLock } from './store-lock.js';

/**
 * What a store holds (snapshot with its journal replayed), as plain JSON. For tools and tests that
 * look at a store from outside the server, also while one runs on it: then it only reads. With no
 * server on it, it cleans up as a start does (a torn last journal line, a crashed write's temp file).
 */
export async function readStoreFile(file: string, collections: readonly AnyCollection[] = DEFAULT_COLLECTIONS, log: Log = stderrLog): Promise<StoreData> {
  const lock = await StoreLock.acquire(file).catch(() => undefined);
  try {
    const { state } = await loadStore(file, lock !== undefined, checkedCollections(collections), systemClock, log);
    return JSON.parse(JSON.stringify(state.data)) as StoreData;
  } finally {
    await lock?.release();
  }
}
