import type { RequestLog, RequestLogEntry } from '../model/request-log.js';

// The request log on stderr (README "Request log"): one line per request, as text or as JSON
// lines, chosen by `--log-level` and `--log-format`.

/** `info`: every request; `warn`: refusals and failures (4xx, 5xx, and pages that refused); `error`: failures (5xx); `silent`: none. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface RequestLines {
  level: LogLevel;
  format: LogFormat;
  /** Where a batch of lines goes (each line ends with a newline). Default: stderr. */
  write?: (text: string) => void;
}

/** C0 controls and DEL, built from a string so the pattern itself holds none. */
const CONTROL_CHARACTERS = new RegExp('[\\x00-\\x1f\\x7f]', 'g');

/** Whether the level prints this entry. */
export function shown(level: LogLevel, entry: RequestLogEntry): boolean {
  if (level === 'info') return true;
  if (level === 'silent') return false;
  if (entry.status >= 500) return true;
  return level === 'warn' && (entry.status >= 400 || entry.error !== undefined);
}

/**
 * One line: time, method, path, the operation or grant, client and pool, status, and for a refusal
 * its error and reason, then the time taken. JSON lines carry the same members.
 */
export function requestLine(entry: RequestLogEntry, format: LogFormat): string {
  if (format === 'json') return JSON.stringify({ ...entry, time: isoTime(entry.time) });
  const parts = [isoTime(entry.time), entry.method, entry.path];
  if (entry.operation !== undefined) parts.push(entry.operation);
  if (entry.clientId !== undefined) parts.push(`client=${entry.clientId}`);
  if (entry.poolId !== undefined) parts.push(`pool=${entry.poolId}`);
  parts.push(String(entry.status));
  if (entry.error !== undefined) parts.push(entry.reason === undefined ? entry.error : `${entry.error}: ${entry.reason}`);
  parts.push(`${entry.ms} ms`);
  // Control characters of user input (a path, an unknown client id) must not forge another line.
  return parts.join(' ').replace(CONTROL_CHARACTERS, '?');
}

let lastTime = Number.NaN;
let lastIso = '';
/** The time as ISO 8601; a busy server logs many requests in the same millisecond, formatted once. */
function isoTime(time: number): string {
  if (time !== lastTime) {
    lastIso = new Date(time).toISOString();
    lastTime = time;
  }
  return lastIso;
}

/**
 * Prints the log's entries as they come, batched: the lines of one turn of the event loop go out in
 * one write, so a busy token endpoint pays a string per request, not a system call. Returns stop.
 */
export function printRequestLines(requestLog: RequestLog, options: RequestLines): () => void {
  if (options.level === 'silent') return () => {};
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  let pending: string[] = [];
  const flush = () => {
    const text = `${pending.join('\n')}\n`;
    pending = [];
    write(text);
  };
  return requestLog.subscribe((entry) => {
    if (!shown(options.level, entry)) return;
    if (pending.length === 0) setImmediate(flush);
    pending.push(requestLine(entry, options.format));
  });
}
