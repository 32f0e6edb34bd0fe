import type { Context, Next } from 'koa';
import { HttpError } from '../errors.js';
import { noteRequest } from '../http/request-note.js';
import type { Log } from '../model/log.js';

/**
 * The outermost middleware: plain HTTP errors (unknown routes, unknown pools on the well-known
 * routes) as `{"message"}`, and anything unexpected as a fixed 500. Each protocol's endpoints
 * render their own errors first (oauth-edge.ts, aws-edge.ts), so no endpoint answers in another
 * protocol's shape.
 */
export function errorHandler(log: Log) {
  return protocolEdge(log, (ctx, error) => {
    if (!(error instanceof HttpError)) return false;
    noteRequest(ctx, { error: String(error.status), reason: error.message });
    ctx.status = error.status;
    writeJson(ctx, { message: error.message }, 'application/json');
    return true;
  });
}

/**
 * The error middleware of one protocol's endpoints: `answer` turns an error into that protocol's
 * answer (written on `ctx`) and returns false for what it cannot word; those are the fixed 500.
 * A domain problem is turned into the protocol's error by `answer` itself (oauth-edge.ts, aws-edge.ts).
 */
export function protocolEdge(log: Log, answer: (ctx: Context, error: unknown) => boolean) {
  return async function protocolErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (error) {
      if (!answer(ctx, error)) renderUnexpected(ctx, error, log);
    }
  };
}

/** A fixed 500 with no stack, logged once (message only: requests can hold secrets). */
function renderUnexpected(ctx: Context, error: unknown, log: Log): void {
  const message = (error as Error)?.message ?? String(error);
  log.warn(`cognito-mock: unexpected error on ${ctx.method} ${ctx.path}: ${message}`);
  noteRequest(ctx, { error: 'internal_error', reason: message });
  ctx.status = 500;
  writeJson(ctx, { message: 'Internal error' }, 'application/json');
}

/** Writes a JSON body with an exact Content-Type (Koa would otherwise choose its own spelling). */
export function writeJson(ctx: Context, body: unknown, contentType: string): void {
  ctx.set('Content-Type', contentType);
  ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
}
