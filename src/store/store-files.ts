import * as fs from 'node:fs/promises';

/** What the journal and the snapshot writer need of an open file. node:fs/promises' FileHandle is one. */
export interface StoreFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  truncate(length: number): Promise<void>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/**
 * The file operations the store's writes go through. The default is node:fs/promises; tests
 * inject one that fails (ENOSPC, EIO) at a chosen byte, on fsync or on truncate, so every way a
 * disk can refuse a write is exercised, not only the ones a real full disk happens to hit.
 */
export interface StoreFiles {
  open(path: string, flags: 'r' | 'r+' | 'wx', mode?: number): Promise<StoreFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const nodeFiles: StoreFiles = {
  open: (path, flags, mode) => fs.open(path, flags, mode),
  rename: fs.rename,
  unlink: fs.unlink,
};

/** Writes all of `buffer` at `position` (positional: never O_APPEND, so where it lands is known). */
export async function writeAll(handle: StoreFileHandle, buffer: Uint8Array, position: number): Promise<void> {
  let written = 0;
  while (written < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, written, buffer.length - written, position + written);
    written += bytesWritten;
  }
}

/**
 * fsyncs a directory, so that a rename in it survives a power loss and not only a crash. Best
 * effort: some platforms (Windows) cannot open a directory, and the file itself is already synced.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported here; the rename is still atomic
  } finally {
    await handle?.close();
  }
}
