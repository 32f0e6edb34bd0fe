/**
 * The largest journal line and snapshot line the store writes, and the largest snapshot it reads
 * as one JSON text (a file in another layout than its own: hand-written, or from an older
 * version). V8 cannot hold a string much past 512 MiB, so nothing that must be parsed whole may
 * come near that: a write whose line would be longer is refused before it is acknowledged
 * (StoreLimitError), instead of being acknowledged and then failing the next start.
 */
export const MAX_LINE_BYTES = 128 * 1024 * 1024;
export const MAX_WHOLE_FILE_BYTES = 128 * 1024 * 1024;

/** A write refused because the store could not load what it would write. */
export class StoreLimitError extends Error {}
