import type { IncomingMessage } from 'node:http';

/** Past the limit the rest of a body is read and dropped up to this much, so the client gets its answer instead of a reset. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes. Returns `undefined` when it is larger: the body
 * is drained (not buffered) so the error response still reaches the client.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    // Gone before the first read (the client left while the management module loaded): no
    // event would come, and the request would wait forever.
    if (req.destroyed) {
      reject(new Error('request aborted'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks, size)));
    req.on('error', reject);
    req.on('close', () => { if (!req.complete) reject(new Error('request aborted')); });
  });
}

/** Strict UTF-8: bytes that are not UTF-8 are an error, never replacement characters. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(body: Buffer): string | undefined {
  try {
    return utf8.decode(body);
  } catch {
    return undefined;
  }
}

/** The media type of a Content-Type header, lower case, parameters dropped. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** The charset parameter, lower case, if any. Linear: every `\s*` is followed by a literal it cannot match, so a failed attempt backtracks only over its own run (test/robustness/linear-time.test.ts). */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}
