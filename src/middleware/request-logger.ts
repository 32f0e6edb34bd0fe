import type { Context, Next } from 'koa';
import type { Clock } from '../clock.js';
import { requestNoteOf } from '../http/request-note.js';
import type { RequestLog } from '../model/request-log.js';

/**
 * The outermost middleware: every request becomes one entry of the request log, with the status
 * it was answered and what the edges noted (operation, client, why a refusal). The path is kept
 * without its query, which can carry codes and tokens.
 */
export function requestLogger(requestLog: RequestLog, clock: Clock) {
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    // The console polls the log every second: its own requests would push the ones it shows out of the ring.
    if (consolePath(ctx.path)) return next();
    const time = clock();
    const start = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round((performance.now() - start) * 100) / 100;
      requestLog.add({ time, method: ctx.method, path: ctx.path, status: ctx.status, ms, ...requestNoteOf(ctx) });
    }
  };
}

/** The console's pages, its script and the JSON it polls (README "Console"). */
const consolePath = (path: string): boolean => path === '/_mock/requests' || path === '/_mock/console' || path.startsWith('/_mock/console/');
