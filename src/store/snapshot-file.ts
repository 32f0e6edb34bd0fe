import { mkdir, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { dictionary } from '../model/dictionary.js';
import { readLines } from './line-reader.js';
import { MAX_LINE_BYTES, MAX_WHOLE_FILE_BYTES, StoreLimitError } from './limits.js';
import type { SnapshotOverlay } from './snapshot-overlay.js';
import { ABSENT } from './store-state.js';
import { type StoreFiles, nodeFiles, syncDirectory, writeAll } from './store-files.js';

// The snapshot (`<store>`): one JSON document, laid out one item per line so it is written and
// read in pieces, never as one string (V8 cannot hold a string much past 512 MiB):
//
//   {"formatVersion":1,"seq":42,"pools":{
//   "us-east-1_a":{"UserPool":{…},"Keys":{…}
//   ,"UserPoolClients":{
//   "client1":{…}
//   ,"client2":{…}
//   }
//   }
//   }}
//
// `seq` is the last journal batch it holds. A file in any other JSON layout (hand-written, or
// from the previous version, which wrote one line) is read with one JSON.parse up to
// MAX_WHOLE_FILE_BYTES.

const HEADER = /^\{"formatVersion":1,"seq":(0|[1-9][0-9]{0,15}),"pools":\{$/;
const HEADER_START = /^\{"formatVersion":1,"seq":[0-9]{1,16},"pools":\{\n/;
const CHUNK_CHARS = 1024 * 1024;
const SYNC_BYTES = 4 * 1024 * 1024;
/** A snapshot step holds the event loop at most about this long before it yields (writes keep being answered). */
const SLICE_MS = 10;

let tempCounter = 0;

export interface ReadSnapshot {
  data: unknown;
  seq: number;
  bytes: number;
  /** Read in the store's own layout: its collections are prototype-free dictionaries already. */
  streamed: boolean;
}

/** Reads the snapshot; null when there is none. Throws an Error naming the line of a layout error. */
export async function readSnapshot(file: string, durable: ReadonlySet<string>): Promise<ReadSnapshot | null> {
  let bytes: number;
  try {
    bytes = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let layoutError: Error | undefined;
  try {
    const read = await readLayout(file, durable);
    if (read) return { ...read, bytes, streamed: true };
  } catch (error) {
    layoutError = error as Error;
  }
  if (bytes > MAX_WHOLE_FILE_BYTES) {
    throw layoutError ?? new Error(`is ${bytes} bytes in a layout that is read whole, past the ${MAX_WHOLE_FILE_BYTES} bytes that can be`);
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw layoutError ?? error;
  }
  let seq = 0;
  if (data !== null && typeof data === 'object' && 'seq' in data) {
    const { seq: value, ...rest } = data as { seq: unknown };
    if (!Number.isSafeInteger(value) || (value as number) < 0) throw new Error('seq must be a whole number');
    seq = value as number;
    data = rest;
  }
  return { data, seq, bytes, streamed: false };
}

/** The snapshot in its own layout, line by line; undefined when the file is in another layout. */
async function readLayout(file: string, durable: ReadonlySet<string>): Promise<Omit<ReadSnapshot, 'bytes' | 'streamed'> | undefined> {
  const handle = await nodeFiles.open(file, 'r');
  try {
    // A file in another layout may be one line of the whole store: look at its start only.
    const start = Buffer.alloc(64);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    if (!HEADER_START.test(start.subarray(0, bytesRead).toString('latin1'))) return undefined;
    const lines = readLines(handle, MAX_LINE_BYTES);
    const first = await lines.next();
    const header = first.done ? null : HEADER.exec(first.value.bytes.toString('latin1'));
    if (!header) return undefined;
    const pools = dictionary<Record<string, unknown>>();
    let pool: Record<string, unknown> | undefined;
    let items: Record<string, unknown> | undefined;
    let ended = false;
    for await (const { bytes, number } of lines) {
      const line = bytes.toString('utf8');
      const fail = (what: string): never => { throw new Error(`line ${number} ${what}`); };
      if (ended) fail('follows the end of the document');
      if (items) {
        if (line === '}') items = undefined;
        else {
          const [key, rest] = member(line, fail);
          if (!rest.startsWith(':')) fail('is not an item');
          items[key] = json(rest.slice(1), fail);
        }
      } else if (pool) {
        if (line === '}') pool = undefined;
        else {
          const [name, rest] = member(line, fail);
          if (rest !== ':{' || !durable.has(name)) fail('is not a collection of the pool');
          items = dictionary<unknown>();
          pool[name] = items;
        }
      } else if (line === '}}') {
        ended = true;
      } else {
        const [id, rest] = member(line, fail);
        if (!rest.startsWith(':{')) fail('is not a pool');
        pool = json(`{${rest.slice(2)}}`, fail) as Record<string, unknown>;
        pools[id] = pool;
      }
    }
    if (!ended) throw new Error('ends before the document does (cut short)');
    return { data: { formatVersion: 1, pools }, seq: Number(header[1]) };
  } finally {
    await handle.close();
  }
}

/** A line `[,]"<key>"<rest>`: the key and the rest. */
function member(line: string, fail: (what: string) => never): [string, string] {
  const start = line.startsWith(',') ? 1 : 0;
  if (line[start] !== '"') fail('is not a member of the snapshot');
  let end = start + 1;
  while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
  if (end >= line.length) fail('is cut short');
  return [json(line.slice(start, end + 1), fail) as string, line.slice(end + 1)];
}

function json(text: string, fail: (what: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail('is not valid JSON');
  }
}

export interface WrittenSnapshot {
  temp: string;
  seq: number;
  bytes: number;
}

/**
 * Writes the store as it was when `overlay` began (store/snapshot-overlay.ts) to a temp file
 * (mode 0600) and fsyncs it, in chunks, yielding to the event loop every SLICE_MS, so requests
 * are answered while it runs. `installSnapshot` then renames it over the store.
 */
export async function writeSnapshot(file: string, pools: object, overlay: SnapshotOverlay, durable: ReadonlySet<string>, seq: number, files: StoreFiles = nodeFiles): Promise<WrittenSnapshot> {
  const temp = `${file}.${process.pid}.${++tempCounter}.tmp`;
  const handle = await files.open(temp, 'wx', 0o600);
  let position = 0;
  let parts: string[] = [];
  let chars = 0;
  let sliceStart = performance.now();
  const flush = async (): Promise<void> => {
    const buffer = Buffer.from(parts.join(''));
    parts = [];
    chars = 0;
    await writeAll(handle, buffer, position);
    // Written back to disk as it goes, not all at the final fsync: one fsync of the whole store
    // would hold the disk while the journal's own fsyncs (every acknowledged write) wait behind it.
    if (Math.floor((position + buffer.length) / SYNC_BYTES) > Math.floor(position / SYNC_BYTES)) await handle.datasync();
    position += buffer.length;
    if (performance.now() - sliceStart > SLICE_MS) await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
  const put = async (line: string): Promise<void> => {
    if (line.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(line) > MAX_LINE_BYTES) {
      throw new StoreLimitError(`a snapshot line would be past the ${MAX_LINE_BYTES} bytes one may hold`);
    }
    parts.push(line, '\n');
    chars += line.length + 1;
    if (chars >= CHUNK_CHARS || performance.now() - sliceStart > SLICE_MS) await flush();
  };
  try {
    await put(`{"formatVersion":1,"seq":${seq},"pools":{`);
    let poolComma = '';
    for (const id of overlay.keys(pools)) {
      const pool = overlay.value(pools, id);
      if (pool === ABSENT) continue;
      const own: Record<string, unknown> = {};
      for (const name of overlay.keys(pool as object)) {
        if (durable.has(name)) continue;
        const value = overlay.value(pool as object, name);
        if (value !== ABSENT) own[name] = value;
      }
      const ownText = JSON.stringify(own);
      await put(`${poolComma}${JSON.stringify(id)}:${ownText.slice(0, -1)}`);
      poolComma = ',';
      let memberComma = ownText.length > 2 ? ',' : '';
      for (const name of durable) {
        const items = (pool as Record<string, object | undefined>)[name];
        if (items === undefined) continue;
        await put(`${memberComma}${JSON.stringify(name)}:{`);
        memberComma = ',';
        let itemComma = '';
        for (const key of overlay.keys(items)) {
          const item = overlay.value(items, key);
          if (item === ABSENT) continue;
          await put(`${itemComma}${JSON.stringify(key)}:${JSON.stringify(item)}`);
          itemComma = ',';
        }
        await put('}');
      }
      await put('}');
    }
    await put('}}');
    await flush();
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await files.unlink(temp).catch(() => undefined);
    throw error;
  }
  return { temp, seq, bytes: position };
}

/** Renames a written snapshot over the store and fsyncs the directory: a crash leaves the old file or the new one, whole. */
export async function installSnapshot(file: string, written: WrittenSnapshot, files: StoreFiles = nodeFiles): Promise<void> {
  try {
    await files.rename(written.temp, file);
  } catch (error) {
    await files.unlink(written.temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(file));
}

/** Creates the store's directory (0700) and removes temp files a crash may have left behind. */
export async function prepareStoreDirectory(file: string): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const prefix = `${basename(file)}.`;
  for (const name of await readdir(dir)) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await unlink(join(dir, name)).catch(() => undefined);
  }
}
