import type { Context, Next } from 'koa';
import { HttpError } from '../errors.js';
import type { Log } from '../model/log.js';

/**
 * The outermost middleware: plain HTTP errors (unknown routes, unknown pools on the well-known
 * routes) as `{"message"}`, and anything unexpected as a fixed 500. Each protocol's endpoints
 * render their own errors first (oauth-edge.ts, aws-edge.ts), so no endpoint answers in another
 * protocol's shape.
 */
export function errorHandler(log: Log) {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (error) {
      if (error instanceof HttpError) {
        ctx.status = error.status;
        writeJson(ctx, { message: error.message }, 'application/json');
      } else {
        renderUnexpected(ctx, error, log);
      }
    }
  };
}

/** A fixed 500 with no stack, logged once (message only: requests can hold secrets). */
export function renderUnexpected(ctx: Context, error: unknown, log: Log): void {
  log.warn(`cognito-mock: unexpected error on ${ctx.method} ${ctx.path}: ${(error as Error)?.message ?? String(error)}`);
  ctx.status = 500;
  writeJson(ctx, { message: 'Internal error' }, 'application/json');
}

/** Writes a JSON body with an exact Content-Type (Koa would otherwise choose its own spelling). */
export function writeJson(ctx: Context, body: unknown, contentType: string): void {
  ctx.set('Content-Type', contentType);
  ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
}
