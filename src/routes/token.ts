import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { OAuthError } from '../errors.js';
import { charsetOf, decodeUtf8, mediaType, readBody } from '../http/read-body.js';
import { parseForm } from '../http/form-body.js';
import { authenticateClient } from '../oauth/client-auth.js';
import { GRANT_HANDLERS, type TokenResponse } from '../oauth/grants.js';
import type { TokenServices } from '../oauth/token-services.js';

/** Token requests are a few hundred bytes; 64 KiB leaves room for `aws_client_metadata`. Larger: 413. */
export const TOKEN_BODY_LIMIT = 64 * 1024;

/**
 * Headers Cognito's token endpoint sends on every answer (cognito-reference §1.6): no caching
 * (RFC 6749 §5.1), CORS open, the security block, and a request id.
 */
const TOKEN_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
  Expires: '0',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
  'X-XSS-Protection': '1; mode=block',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=31536000 ; includeSubDomains',
};

/**
 * POST /oauth2/token. The steps, in order: form body (content type, size, UTF-8, duplicates) →
 * client authentication → grant_type present → grant handler. Client authentication comes before
 * the grant checks, so a bad client with a bad grant is `invalid_client` (Cognito's order is not
 * public; pinned by a test).
 */
export function tokenEndpoint(services: TokenServices) {
  return async function token(ctx: Context): Promise<void> {
    let body: string;
    try {
      body = JSON.stringify(await tokenResponse(ctx, services));
    } catch (error) {
      // Errors are rendered by the error handler, with Cognito's headers on them too.
      ctx.set(TOKEN_HEADERS);
      ctx.set('x-amz-cognito-request-id', randomUUID());
      throw error;
    }
    // The hot path writes its answer in one call, headers prepared at start, instead of Koa's
    // per-header bookkeeping (a token costs one RSA signature; everything else should be small).
    ctx.respond = false;
    ctx.res.writeHead(200, [...TOKEN_HEADER_LIST, 'x-amz-cognito-request-id', randomUUID(),
      'Content-Type', 'application/json;charset=UTF-8', 'Content-Length', String(Buffer.byteLength(body))]);
    ctx.res.end(body);
  };
}

const TOKEN_HEADER_LIST: readonly string[] = Object.entries(TOKEN_HEADERS).flat();

async function tokenResponse(ctx: Context, services: TokenServices): Promise<TokenResponse> {
  if (ctx.method !== 'POST') {
    ctx.set('Allow', 'POST');
    throw new OAuthError('invalid_request', `method ${ctx.method}`, 405);
  }
  const form = await readForm(ctx);
  const record = authenticateClient(ctx.get('authorization') || undefined, form, services.registry);
  // Injected faults (README "Fault injection") hit authenticated clients only; none: one property read.
  if (services.faults.tokenActive) await services.faults.applyToken(record.client.ClientId);
  const grantType = form.get('grant_type');
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is missing');
  const handler = GRANT_HANDLERS.get(grantType);
  if (!handler) throw new OAuthError('unsupported_grant_type');
  // A promise only when the pool's pre token generation trigger runs.
  return handler(record, form, services, services.publicUrl(ctx.req.headers));
}

async function readForm(ctx: Context): Promise<Map<string, string>> {
  const contentType = ctx.get('content-type');
  if (mediaType(contentType) !== 'application/x-www-form-urlencoded') {
    throw new OAuthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new OAuthError('invalid_request', `charset ${charset}`);
  let body: Buffer | undefined;
  try {
    body = await readBody(ctx.req, TOKEN_BODY_LIMIT);
  } catch {
    // The client went away mid-body: a bad request, not a server fault to log as one.
    throw new OAuthError('invalid_request', 'request body could not be read');
  }
  if (body === undefined) throw new OAuthError('invalid_request', 'body too large', 413);
  const text = decodeUtf8(body);
  if (text === undefined) throw new OAuthError('invalid_request', 'body is not UTF-8');
  return parseForm(text);
}
