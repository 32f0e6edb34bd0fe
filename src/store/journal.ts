import { appendFile, open, readFile, truncate } from 'node:fs/promises';
import { POOL_MEMBERS, type PoolMember } from './collection.js';

/**
 * Where a change lands: a pool, one of its own members (`UserPool`, `Keys`), or one item of one of
 * its collections (`['pools', id, 'UserPoolClients', clientId]`; store/collection.ts).
 */
export type StorePath =
  | readonly ['pools', string]
  | readonly ['pools', string, PoolMember]
  | readonly ['pools', string, string, string];

/** One journal line: a value set at a path, or the path removed. */
export type JournalEntry = { set: StorePath; value: unknown } | { remove: StorePath };

/**
 * The store's append-only journal (`<store>.journal`): one JSON line per change, appended and
 * fsynced in groups, so a write costs the size of its change, not the size of the store (the
 * lowdb snapshot is rewritten only when the journal has grown; see Store). Entries are absolute
 * (set or remove a path), so replaying the journal over a snapshot that already holds some of
 * them gives the same state.
 */
export class Journal {
  readonly file: string;
  /** Bytes in the file now. */
  size = 0;
  /** The collections a line may name (the durable ones): a line naming another is not an entry. */
  private readonly collections: ReadonlySet<string>;

  constructor(file: string, collections: ReadonlySet<string>) {
    this.file = file;
    this.collections = collections;
  }

  /**
   * Every complete entry. A last line without its newline is a write a crash cut short: it was
   * never acknowledged, so it is dropped (and, with `cutTornLine`, cut off the file before the next
   * append; a reader that does not hold the store's lock leaves it: it may be an append under way).
   * Any other bad line is an error naming the line.
   */
  async read(cutTornLine = true): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    const entries = complete.split('\n').slice(0, -1).map((line, i) => parseEntry(line, i + 1, this.collections));
    this.size = Buffer.byteLength(complete);
    if (cutTornLine && complete.length < text.length) await truncate(this.file, this.size);
    return entries;
  }

  /**
   * Appends entries and fsyncs: on disk when this resolves. The file is opened for each append,
   * so a store directory that has gone away fails the write instead of writing to a lost inode.
   */
  async append(entries: readonly JournalEntry[]): Promise<void> {
    const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    const handle = await open(this.file, 'a', 0o600);
    let before: number | undefined;
    try {
      before = (await handle.stat()).size;
      await appendFile(handle, text);
      await handle.datasync();
    } catch (error) {
      // A failed append (disk full, file too large, an fsync error) may have left part or all of its
      // text: cut it off, so that a change reported as failed is not replayed at the next start and
      // the next append starts a line of its own instead of finishing a torn one.
      if (before !== undefined) await handle.truncate(before).catch(() => undefined);
      throw error;
    } finally {
      await handle.close();
    }
    this.size += Buffer.byteLength(text);
  }

  /** Empties the journal once a snapshot holds everything in it. */
  async clear(): Promise<void> {
    const handle = await open(this.file, 'a', 0o600);
    try {
      await handle.truncate(0);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    this.size = 0;
  }
}

function parseEntry(line: string, number: number, collections: ReadonlySet<string>): JournalEntry {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    throw new Error(`line ${number} is not valid JSON`);
  }
  const record = entry as { set?: unknown; remove?: unknown; value?: unknown };
  const path = record.set ?? record.remove;
  if (!isStorePath(path, collections) || (record.set !== undefined && !('value' in record))) throw new Error(`line ${number} is not a journal entry`);
  return entry as JournalEntry;
}

function isStorePath(path: unknown, collections: ReadonlySet<string>): path is StorePath {
  if (!Array.isArray(path) || path[0] !== 'pools' || typeof path[1] !== 'string') return false;
  if (path.length === 2) return true;
  if (path.length === 3) return (POOL_MEMBERS as readonly unknown[]).includes(path[2]);
  return path.length === 4 && collections.has(path[2]) && typeof path[3] === 'string';
}
