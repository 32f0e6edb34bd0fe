import type { Low } from 'lowdb';
import type { Log } from '../model/log.js';
import type { StoreData } from '../model/types.js';
import type { Journal } from './journal.js';
import type { SnapshotAdapter } from './snapshot-adapter.js';
import { type WrittenSnapshot, installSnapshot } from './snapshot-file.js';
import { SnapshotOverlay } from './snapshot-overlay.js';
import type { StoreFiles } from './store-files.js';

/**
 * The snapshot is rewritten once the journal holds as many bytes as the snapshot did (and at least
 * this many): each write then costs the size of its change, and rewriting the snapshot, which costs
 * the size of the store, happens ever more rarely as the store grows: flat per-change cost.
 */
const MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT = 1024 * 1024;

/** Where a change not on disk yet landed and what it replaced (ABSENT: nothing): a snapshot reads the value it replaced. */
export interface ChangeSlot {
  container: object;
  key: string;
  previous: unknown;
}

/**
 * The store's snapshot file (`<file>`, store/snapshot-file.ts): when to rewrite it, writing it
 * beside the write chain from the state committed when it began (SnapshotOverlay), and installing
 * it between two writes, after which the journal keeps only the lines after it.
 */
export class Snapshots {
  readonly file: string;
  /** A snapshot being written beside the chain. */
  running: Promise<void> | undefined;
  /** Whether the snapshot file exists: the first write of a new store writes it. */
  private existing: boolean;
  /** The batch number of the snapshot on disk: an older one finished later is not installed. */
  private installedSeq: number;
  private bytes: number;
  private nextAt: number;
  private overlay: SnapshotOverlay | undefined;

  constructor(private readonly db: Low<StoreData>, private readonly files: StoreFiles, private readonly log: Log, bytes: number, seq: number) {
    this.file = (db.adapter as SnapshotAdapter).file;
    this.existing = bytes > 0;
    this.installedSeq = seq;
    this.bytes = bytes;
    this.nextAt = Math.max(MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT, bytes);
  }

  get exists(): boolean {
    return this.existing;
  }

  /** A change made while a snapshot is being written: the snapshot reads what the slot held before. */
  keep(slot: ChangeSlot): void {
    this.overlay?.keep(slot.container, slot.key, slot.previous);
  }

  /**
   * Writes the whole store, its pending changes included, as the snapshot, then an empty journal:
   * the first write of a new store, and the first after the store's files went away. After any
   * snapshot under way.
   */
  async writeWhole(journal: Journal, pending: readonly { slot: ChangeSlot | undefined }[]): Promise<void> {
    while (this.running) await this.running;
    const seq = journal.seq + 1;
    const written = await this.fromNow(seq, pending);
    await installSnapshot(this.file, written, this.files);
    this.installed(written);
    journal.seq = seq;
    // The snapshot holds the batch: from here on it is acknowledged. A journal not emptied still
    // loads (its lines are numbered at most `seq`, and skipped).
    await journal.keepFrom(journal.position).catch((error: Error) => {
      this.log.warn(`cognito-mock: store journal not emptied after the snapshot (it still loads): ${error.message}`);
    });
  }

  /**
   * Starts rewriting the snapshot once the journal has grown enough: called right after a write,
   * inside the chain, so the state it starts from is the one just committed. It runs beside the
   * chain (writes go on); once written, `exclusive` installs it between two writes.
   */
  start(journal: Journal, pending: readonly { slot: ChangeSlot | undefined }[], exclusive: (step: () => Promise<void>) => void): void {
    if (this.running || journal.size < this.nextAt) return;
    const seq = journal.seq;
    const from = journal.position;
    this.running = this.fromNow(seq, pending).then((written) => {
      this.running = undefined;
      exclusive(() => this.install(journal, written, from));
    }, (error: Error) => {
      this.running = undefined;
      this.notWritten(journal, error);
    });
  }

  /** Writes a snapshot of the committed state as it is now: changes not on disk yet are read as they were. */
  private async fromNow(seq: number, pending: readonly { slot: ChangeSlot | undefined }[]): Promise<WrittenSnapshot> {
    const overlay = new SnapshotOverlay();
    for (const { slot } of pending) if (slot) overlay.keep(slot.container, slot.key, slot.previous);
    this.overlay = overlay;
    try {
      const adapter = this.db.adapter as SnapshotAdapter;
      adapter.next = { overlay, seq };
      await this.db.write();
      return adapter.written!;
    } finally {
      this.overlay = undefined;
    }
  }

  /** Installs a finished snapshot and cuts the journal at `from`, its `journal.position` when the snapshot began. */
  private async install(journal: Journal, written: WrittenSnapshot, from: number): Promise<void> {
    if (written.seq <= this.installedSeq) {
      await this.files.unlink(written.temp).catch(() => undefined);
      return;
    }
    try {
      await installSnapshot(this.file, written, this.files);
    } catch (error) {
      this.notWritten(journal, error as Error);
      return;
    }
    this.installed(written);
    await journal.keepFrom(from).catch((error: Error) => {
      this.log.warn(`cognito-mock: store journal not cut after the snapshot (it still loads): ${error.message}`);
    });
  }

  private installed(written: WrittenSnapshot): void {
    this.existing = true;
    this.installedSeq = written.seq;
    this.bytes = written.bytes;
    this.nextAt = Math.max(MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT, written.bytes);
  }

  /** Retried once the journal has grown as much again, not at every write of a full disk. */
  private notWritten(journal: Journal, error: Error): void {
    this.nextAt = journal.size + Math.max(MIN_JOURNAL_BYTES_BEFORE_SNAPSHOT, this.bytes);
    this.log.warn(`cognito-mock: store snapshot not written (the journal keeps every change): ${error.message}`);
  }
}
