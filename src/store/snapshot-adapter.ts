import type { Adapter } from 'lowdb';
import type { StoreData } from '../model/types.js';
import { type ReadSnapshot, type WrittenSnapshot, readSnapshot, writeSnapshot } from './snapshot-file.js';
import type { SnapshotOverlay } from './snapshot-overlay.js';
import { type StoreFiles, nodeFiles } from './store-files.js';

/**
 * lowdb's adapter for the snapshot file: lowdb's `Low` holds the store's document and reads and
 * writes it through here. Unlike lowdb's own file adapters, it never turns the document into one
 * string: it reads the snapshot line by line and writes it in pieces (snapshot-file.ts), so a
 * store past V8's largest string loads, and a rewrite never holds the event loop for long. A
 * write lands in a temp file (`written`); the Store installs it (rename) between two journal writes.
 */
export class SnapshotAdapter implements Adapter<StoreData> {
  /** What the last read found: its batch number, size and layout; null when there was no file. */
  lastRead: ReadSnapshot | null = null;
  /** The temp file the last write left, for the Store to install. */
  written: WrittenSnapshot | undefined;
  /** What the next write holds: the committed state's overlay, and the batch number it is written at. */
  next: { overlay: SnapshotOverlay; seq: number } | undefined;

  constructor(readonly file: string, private readonly durable: ReadonlySet<string>, private readonly files: StoreFiles = nodeFiles) {}

  async read(): Promise<StoreData | null> {
    this.lastRead = await readSnapshot(this.file, this.durable);
    return (this.lastRead?.data ?? null) as StoreData | null;
  }

  async write(data: StoreData): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('a snapshot is written only with its overlay and batch number');
    this.written = await writeSnapshot(this.file, data.pools, next.overlay, this.durable, next.seq, this.files);
  }
}
