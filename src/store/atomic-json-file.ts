import { type FileHandle, mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

let tempCounter = 0;

/**
 * A lowdb adapter that writes like a database: a temp file created with mode 0600, fsync, then
 * rename over the store (and fsync of its directory), so a crash at any point leaves either the old
 * or the new file, whole.
 * `read` returns the parsed JSON (or null when there is no file); checking its shape is the caller's.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  /** Serializes `data` at once (before any await: the caller's state at the call), then writes it. */
  async write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const temp = `${this.file}.${process.pid}.${++tempCounter}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    try {
      await rename(temp, this.file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dirname(this.file));
  }

  /** Creates the store's directory (0700) and removes temp files a crash may have left behind. */
  async prepare(): Promise<void> {
    const dir = dirname(this.file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const prefix = `${basename(this.file)}.`;
    for (const name of await readdir(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) await unlink(join(dir, name)).catch(() => undefined);
    }
  }
}

/**
 * fsyncs a directory, so that a rename in it survives a power loss and not only a crash. Best
 * effort: some platforms (Windows) cannot open a directory, and the file itself is already synced.
 */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported here; the rename is still atomic
  } finally {
    await handle?.close();
  }
}
