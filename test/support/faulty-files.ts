import { type StoreFileHandle, type StoreFiles, nodeFiles } from '../../src/store/store-files.js';

/** An error as node:fs gives it: `code`, and a message that starts with the code. */
export function fsError(code: string, what: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${what}`), { code });
}

export interface WriteFault {
  /** Bytes that may still be written (to the files `files` matches) before a write fails part-way. */
  afterBytes: number;
  code: 'ENOSPC' | 'EIO';
  /** Fail one write only (an I/O error), instead of every write from there on (a full disk). */
  once?: boolean;
  /** Which files the fault hits; default: all. */
  files?: (path: string) => boolean;
  /** Which writes it hits, by what they write; default: all. */
  writing?: (text: string) => boolean;
}

/**
 * The store's file layer over the real files (node:fs/promises), with faults a test chooses: a
 * write that fails at a given byte (the bytes before it land, as on a real disk), an fsync or a
 * truncate that fails, and a gate that holds writes to some files until the test lets them go.
 */
export class FaultyFiles implements StoreFiles {
  private write: WriteFault | undefined;
  private budget = 0;
  /** How many fsyncs (datasync/sync) of the journal fail from now on. */
  failingSyncs = 0;
  /** How many truncates fail from now on. */
  failingTruncates = 0;
  private gates: { files: (path: string) => boolean; writing: ((text: string) => boolean) | undefined; open: Promise<void> }[] = [];
  /** The files fsynced so far, in order. */
  readonly synced: string[] = [];

  failWrites(fault: WriteFault): void {
    this.write = fault;
    this.budget = fault.afterBytes;
  }

  /** The disk takes writes again. */
  heal(): void {
    this.write = undefined;
    this.failingSyncs = 0;
    this.failingTruncates = 0;
  }

  /**
   * Holds the opening of, and every write to, the files `files` matches (only the writes, and
   * only those `writing` matches, when given) until the returned function is called.
   */
  hold(files: (path: string) => boolean, writing?: (text: string) => boolean): () => void {
    let release!: () => void;
    const gate = { files, writing, open: new Promise<void>((resolve) => { release = resolve; }) };
    this.gates.push(gate);
    return () => {
      this.gates = this.gates.filter((g) => g !== gate);
      release();
    };
  }

  async open(path: string, flags: 'r' | 'r+' | 'wx', mode?: number): Promise<StoreFileHandle> {
    for (const gate of this.gates) if (gate.files(path) && !gate.writing) await gate.open;
    const real = await nodeFiles.open(path, flags, mode);
    return {
      write: async (buffer, offset, length, position) => {
        const text = () => Buffer.from(buffer.subarray(offset, offset + length)).toString('utf8');
        for (const gate of this.gates) if (gate.files(path) && (gate.writing?.(text()) ?? true)) await gate.open;
        const fault = this.write;
        const hits = fault && (fault.files?.(path) ?? true)
          && (fault.writing?.(text()) ?? true);
        if (!hits) return real.write(buffer, offset, length, position);
        if (length <= this.budget) {
          this.budget -= length;
          return real.write(buffer, offset, length, position);
        }
        if (this.budget > 0) await real.write(buffer, offset, this.budget, position);
        this.budget = 0;
        if (fault.once) this.write = undefined;
        throw fsError(fault.code, `write of ${path}`);
      },
      read: (buffer, offset, length, position) => real.read(buffer, offset, length, position),
      truncate: async (length) => {
        if (this.failingTruncates > 0) {
          this.failingTruncates--;
          throw fsError('EIO', `truncate of ${path}`);
        }
        return real.truncate(length);
      },
      datasync: async () => {
        if (this.failingSyncs > 0 && path.endsWith('.journal')) {
          this.failingSyncs--;
          throw fsError('EIO', `fsync of ${path}`);
        }
        await real.datasync();
        this.synced.push(path);
      },
      sync: async () => {
        await real.sync();
        this.synced.push(path);
      },
      stat: () => real.stat(),
      close: () => real.close(),
    };
  }

  rename(from: string, to: string): Promise<void> {
    return nodeFiles.rename(from, to);
  }

  unlink(path: string): Promise<void> {
    return nodeFiles.unlink(path);
  }
}
