import { appendFile } from 'node:fs/promises';
import type { Log } from '../model/log.js';
import type { PoolMember } from './collection.js';
import { IntactLineError, decodeLine, encodeLine } from './journal-line.js';
import { type FileLine, readLines } from './line-reader.js';
import { MAX_LINE_BYTES, StoreLimitError } from './limits.js';
import { type StoreFiles, nodeFiles, syncDirectory, writeAll } from './store-files.js';
import { dirname } from 'node:path';

/**
 * Where a change lands: a pool, one of its own members (`UserPool`, `Keys`), or one item of one of
 * its collections (`['pools', id, 'UserPoolClients', clientId]`; store/collection.ts).
 */
export type StorePath =
  | readonly ['pools', string]
  | readonly ['pools', string, PoolMember]
  | readonly ['pools', string, string, string];

/** One change: a value set at a path, or the path removed. */
export type JournalEntry = { set: StorePath; value: unknown } | { remove: StorePath };

export interface JournalReadOptions {
  /** The last sequence number the snapshot holds (0: none, or a snapshot of the previous version). */
  snapshotSeq: number;
  /** Only the lock's holder cuts a torn last line off (a reader without it may see an append under way). */
  repair: boolean;
  log: Log;
}

let tempCounter = 0;

/**
 * The store's journal (`<store>.journal`): one line per batch of changes (journal-line.ts), written
 * and fsynced before the batch is acknowledged, so a write costs the size of its change, not the
 * size of the store (the snapshot is rewritten only now and then; see Store). Entries are absolute
 * (set or remove a path), and lines the snapshot already holds are skipped by their number.
 *
 * A line is written at the end of the last good line (a positional write, never O_APPEND), and a
 * write that fails is cut back to that end before anything else is written: a failed write leaves
 * no byte that a later line could be glued to, and no complete line of a batch reported as failed.
 * If the cut itself fails, no line is written (every write fails) until a cut succeeds.
 */
export class Journal {
  readonly file: string;
  /** Where the next line goes: the end of the last good line. */
  size = 0;
  /** Bytes cut off the journal's start since it was opened (by `keepFrom`): see `position`. */
  private cutBytes = 0;
  /** The sequence number of the last batch on disk (in the journal or in the snapshot). */
  seq = 0;
  /** Whether the file existed when it was read. */
  existed = false;
  /** A failed write whose bytes could not be cut off yet: nothing is written until they are. */
  private uncut = false;
  private readonly collections: ReadonlySet<string>;
  private readonly files: StoreFiles;

  constructor(file: string, collections: ReadonlySet<string>, files: StoreFiles = nodeFiles) {
    this.file = file;
    this.collections = collections;
    this.files = files;
  }

  /**
   * The entries after the snapshot, read line by line (never the whole file as one string). A
   * damaged or missing line that is not the last is an error naming the line and the cause. A torn
   * or damaged last line is the one write a crash can cut short (it was never acknowledged): it is
   * dropped with a warning naming the file, the line and its bytes, and its bytes are kept in
   * `<journal>.torn`, so a hand truncation loses nothing without a word.
   */
  async read({ snapshotSeq, repair, log }: JournalReadOptions): Promise<JournalEntry[]> {
    let handle: Awaited<ReturnType<StoreFiles['open']>>;
    try {
      handle = await this.files.open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.seq = snapshotSeq;
        return [];
      }
      throw error;
    }
    this.existed = true;
    const entries: JournalEntry[] = [];
    let last: number | undefined;
    let held: FileLine | undefined;
    let torn: { line: FileLine; reason: string } | undefined;
    const take = (line: FileLine): void => {
      const decoded = decodeLine(line.bytes, this.collections);
      if (decoded.seq === undefined) {
        if (last !== undefined) throw new IntactLineError('has no sequence number, after numbered lines');
        // A line of the previous version; once a numbered snapshot exists it holds them all.
        if (snapshotSeq === 0) entries.push(...decoded.entries);
      } else {
        if (last === undefined ? decoded.seq > snapshotSeq + 1 : decoded.seq !== last + 1) {
          const after = last ?? snapshotSeq;
          throw new IntactLineError(`is batch ${decoded.seq}, but batch ${after + 1} should follow batch ${after}${last === undefined ? ' (the last in the snapshot)' : ''}: lines are missing`);
        }
        last = decoded.seq;
        if (decoded.seq > snapshotSeq) entries.push(...decoded.entries);
      }
      this.size = line.offset + line.bytes.length + 1;
    };
    try {
      for await (const line of readLines(handle, MAX_LINE_BYTES)) {
        if (held) {
          try {
            take(held);
          } catch (error) {
            throw new Error(`line ${held.number} ${(error as Error).message}`);
          }
        }
        held = line;
      }
      if (held) {
        if (!held.complete) torn = { line: held, reason: 'has no newline (cut short)' };
        else {
          try {
            take(held);
          } catch (error) {
            if (error instanceof IntactLineError) throw new Error(`line ${held.number} ${error.message}`);
            torn = { line: held, reason: (error as Error).message };
          }
        }
      }
    } finally {
      await handle.close();
    }
    this.seq = Math.max(snapshotSeq, last ?? 0);
    if (torn) {
      const { line, reason } = torn;
      const bytes = line.bytes.length + (line.complete ? 1 : 0);
      if (repair) {
        await appendFile(`${this.file}.torn`, Buffer.concat([line.bytes, Buffer.from('\n')]), { mode: 0o600 });
        const cut = await this.files.open(this.file, 'r+');
        try {
          await cut.truncate(this.size);
          await cut.datasync();
        } finally {
          await cut.close();
        }
      }
      log.warn(`cognito-mock: ${this.file}: line ${line.number} ${reason}; dropped its ${bytes} bytes, the last write, which was never acknowledged${repair ? ` (kept in ${this.file}.torn)` : ''}`);
    }
    return entries;
  }

  /**
   * Writes one batch as one line and fsyncs: on disk when this resolves. The file is opened for
   * each write, so a store directory that has gone away fails the write instead of writing to a
   * lost inode.
   */
  async append(entries: readonly JournalEntry[]): Promise<void> {
    const line = encodeLine(this.seq + 1, entries);
    if (line.length > MAX_LINE_BYTES) {
      throw new StoreLimitError(`the change is ${line.length} bytes, past the ${MAX_LINE_BYTES} bytes one journal line may hold`);
    }
    if (this.uncut) await this.cutBack();
    // A journal that was not there at start (a snapshot written by hand or by a tool) is created;
    // one that has gone since (its directory removed) fails the write.
    const handle = await this.files.open(this.file, this.existed ? 'r+' : 'wx', 0o600);
    this.existed = true;
    try {
      await writeAll(handle, line, this.size);
      await handle.datasync();
    } catch (error) {
      // A failed write (disk full, I/O error, a failed fsync) may have left part or all of its
      // line: cut it off before anything else is written.
      try {
        await handle.truncate(this.size);
        await handle.datasync();
      } catch {
        this.uncut = true;
      }
      await handle.close().catch(() => undefined);
      throw error;
    }
    // The line is fsynced: a close that fails now does not undo it.
    await handle.close().catch(() => undefined);
    this.size += line.length;
    this.seq += 1;
  }

  /**
   * Makes the file end at the last good line (a failed write's bytes cut off). Throws when it
   * cannot; ENOENT when the file is gone (its directory removed).
   */
  async cutBack(): Promise<void> {
    const handle = await this.files.open(this.file, 'r+');
    try {
      await handle.truncate(this.size);
      await handle.datasync();
    } finally {
      await handle.close().catch(() => undefined);
    }
    this.uncut = false;
  }

  /**
   * Where the next line goes, counted from the journal's start when it was opened: unlike `size`,
   * it still names the same line after `keepFrom` cut the lines before it off. A snapshot notes
   * it when it begins, and cuts there when installed, also after another snapshot's cut.
   */
  get position(): number {
    return this.cutBytes + this.size;
  }

  /**
   * Replaces the journal by the lines from `position` on (those written after a snapshot began;
   * none when it is the end), through a temp file and a rename: a crash leaves the old journal,
   * whose lines the snapshot holds are skipped by their number, or the new one.
   */
  async keepFrom(position: number): Promise<void> {
    // Lines before `position` that an earlier cut kept are older than the snapshot: skipped at load.
    const from = Math.max(0, position - this.cutBytes);
    const temp = `${this.file}.${process.pid}.${++tempCounter}.tmp`;
    const out = await this.files.open(temp, 'wx', 0o600);
    const length = this.size - from;
    try {
      if (length > 0) {
        const source = await this.files.open(this.file, 'r');
        try {
          const chunk = Buffer.allocUnsafe(Math.min(length, 1024 * 1024));
          for (let done = 0; done < length;) {
            const { bytesRead } = await source.read(chunk, 0, Math.min(chunk.length, length - done), from + done);
            if (bytesRead === 0) throw new Error(`${this.file} is shorter than expected`);
            await writeAll(out, chunk.subarray(0, bytesRead), done);
            done += bytesRead;
          }
        } finally {
          await source.close();
        }
      }
      await out.sync();
      await out.close();
      await this.files.rename(temp, this.file);
    } catch (error) {
      await out.close().catch(() => undefined);
      await this.files.unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dirname(this.file));
    this.size = length;
    this.cutBytes += from;
    this.uncut = false;
    this.existed = true;
  }
}
