import type { StoreFileHandle } from './store-files.js';

const CHUNK_BYTES = 1024 * 1024;

/** One line of a file: its bytes without the newline, its 1-based number, where it starts, and whether a newline ended it. */
export interface FileLine {
  bytes: Buffer;
  number: number;
  offset: number;
  complete: boolean;
}

/**
 * The lines of a file, read in chunks: a file of any size is read without ever being one string
 * (V8 caps a string near 512 MiB; a store past that must still load). A line longer than
 * `maxLineBytes` is an error naming it: no write the store acknowledges makes one (see LIMITS).
 */
export async function* readLines(handle: StoreFileHandle, maxLineBytes: number): AsyncGenerator<FileLine> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let position = 0;
  let lineStart = 0;
  let number = 0;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    let from = 0;
    for (;;) {
      const end = chunk.indexOf(0x0a, from);
      if (end === -1 || end >= bytesRead) break;
      const piece = chunk.subarray(from, end);
      const bytes = parts.length === 0 ? Buffer.from(piece) : Buffer.concat([...parts, piece]);
      parts = [];
      partBytes = 0;
      if (bytes.length > maxLineBytes) throw new Error(`line ${number + 1} is longer than ${maxLineBytes} bytes`);
      yield { bytes, number: ++number, offset: lineStart, complete: true };
      lineStart = position + end + 1;
      from = end + 1;
    }
    if (from < bytesRead) {
      parts.push(Buffer.from(chunk.subarray(from, bytesRead)));
      partBytes += bytesRead - from;
      if (partBytes > maxLineBytes) throw new Error(`line ${number + 1} is longer than ${maxLineBytes} bytes`);
    }
    position += bytesRead;
  }
  if (partBytes > 0) yield { bytes: Buffer.concat(parts), number: number + 1, offset: lineStart, complete: false };
}
