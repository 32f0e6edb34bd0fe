import { crc32 } from 'node:zlib';
import { POOL_MEMBERS } from './collection.js';
import type { JournalEntry, StorePath } from './journal.js';

// A journal line: `{"seq":<n>,"crc":"<crc32 of the batch's bytes>","batch":[<entries>]}`. The
// sequence number finds a missing line (a gap) and the checksum a damaged one; both are read
// without re-serializing anything (the checksum covers the raw bytes of the batch, which ends the
// line). One line per batch (group commit): a batch is on disk whole or not at all. Lines of the
// previous version (one bare entry, `{"set":…}`, no number) are still read.

const HEAD = /^\{"seq":([1-9][0-9]{0,15}),"crc":"([0-9a-f]{8})","batch":/;
const CLOSE = 0x7d; // `}`

export function encodeLine(seq: number, entries: readonly JournalEntry[]): Buffer {
  const batch = Buffer.from(JSON.stringify(entries));
  const head = `{"seq":${seq},"crc":"${crc32(batch).toString(16).padStart(8, '0')}","batch":`;
  return Buffer.concat([Buffer.from(head), batch, Buffer.from('}\n')]);
}

/**
 * What is wrong with a line that is whole (it parses, its checksum matches): no entry this store
 * knows (a collection it was not opened with, a wrong shape), or out of sequence. Never a torn
 * write, so an error wherever the line is.
 */
export class IntactLineError extends Error {}

export interface DecodedLine {
  /** Undefined for a line of the previous version. */
  seq: number | undefined;
  entries: JournalEntry[];
}

/** Decodes one line (without its newline); throws an Error saying what is wrong with it. */
export function decodeLine(bytes: Buffer, collections: ReadonlySet<string>): DecodedLine {
  const head = HEAD.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!head) return { seq: undefined, entries: [checkedEntry(parseJson(bytes.toString('utf8')), collections)] };
  if (bytes[bytes.length - 1] !== CLOSE) throw new Error('is cut short');
  const batch = bytes.subarray(head[0].length, bytes.length - 1);
  if (crc32(batch) !== Number.parseInt(head[2]!, 16)) throw new Error('does not match its checksum (damaged)');
  const entries = parseJson(batch.toString('utf8'));
  if (!Array.isArray(entries)) throw new IntactLineError('is not a journal entry');
  return { seq: Number(head[1]), entries: entries.map((entry) => checkedEntry(entry, collections)) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('is not valid JSON');
  }
}

function checkedEntry(entry: unknown, collections: ReadonlySet<string>): JournalEntry {
  const record = (entry ?? {}) as { set?: unknown; remove?: unknown; value?: unknown };
  const path = record.set ?? record.remove;
  if (typeof entry !== 'object' || !isStorePath(path, collections) || (record.set !== undefined && !('value' in record))) {
    throw new IntactLineError('is not a journal entry');
  }
  return entry as JournalEntry;
}

function isStorePath(path: unknown, collections: ReadonlySet<string>): path is StorePath {
  if (!Array.isArray(path) || path[0] !== 'pools' || typeof path[1] !== 'string') return false;
  if (path.length === 2) return true;
  if (path.length === 3) return (POOL_MEMBERS as readonly unknown[]).includes(path[2]);
  return path.length === 4 && collections.has(path[2]) && typeof path[3] === 'string';
}
