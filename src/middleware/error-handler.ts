import type { Context, Next } from 'koa';
import { AwsApiError, HttpError, OAuthError } from '../errors.js';

/**
 * The only place an error body is written. Known errors get their protocol's shape; anything
 * else is a fixed 500 with no stack, logged once (message only: requests can hold secrets).
 */
export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } catch (error) {
    if (error instanceof OAuthError) {
      ctx.status = error.status;
      writeJson(ctx, { error: error.code }, 'application/json;charset=UTF-8');
    } else if (error instanceof AwsApiError) {
      ctx.status = error.status;
      ctx.set('x-amzn-ErrorType', error.type);
      writeJson(ctx, { __type: error.type, message: error.message }, 'application/x-amz-json-1.1');
    } else if (error instanceof HttpError) {
      ctx.status = error.status;
      writeJson(ctx, { message: error.message }, 'application/json');
    } else {
      console.error(`cognito-mock: unexpected error on ${ctx.method} ${ctx.path}: ${(error as Error)?.message ?? String(error)}`);
      ctx.status = 500;
      writeJson(ctx, { message: 'Internal error' }, 'application/json');
    }
  }
}

/** Writes a JSON body with an exact Content-Type (Koa would otherwise choose its own spelling). */
export function writeJson(ctx: Context, body: unknown, contentType: string): void {
  ctx.set('Content-Type', contentType);
  ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
}
