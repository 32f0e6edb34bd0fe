import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { OAuthError } from '../errors.js';
import { charsetOf, decodeUtf8, mediaType, readBody } from '../http/read-body.js';
import { parseForm } from '../http/form-body.js';
import { authenticatePresented, presentedCredentials } from '../oauth/client-auth.js';
import { noteRequest, shownInput } from '../http/request-note.js';
import type { AppContext } from '../context.js';
import type { IssuedTokens } from '../domain/issued-tokens.js';
import { GRANTS, type Grant } from '../oauth/grants/index.js';
import { tokenResponse } from '../oauth/token-response.js';

/** Token requests are a few hundred bytes; 64 KiB leaves room for `aws_client_metadata`. Larger: 413. */
export const TOKEN_BODY_LIMIT = 64 * 1024;

/**
 * Headers Cognito's token endpoint sends on every answer (cognito-reference §1.6): no caching
 * (RFC 6749 §5.1), CORS open, the security block, and a request id.
 */
export const TOKEN_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
  Expires: '0',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
  'X-XSS-Protection': '1; mode=block',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=31536000 ; includeSubDomains',
};

/** What the token endpoint uses of the application. */
type TokenEndpointParts = Pick<AppContext, 'registry' | 'issuerMode' | 'triggers' | 'faults' | 'publicUrl'>;

/**
 * POST /oauth2/token, as named steps in Cognito's order: the form body (content type, size,
 * UTF-8, duplicates) → client authentication → injected faults → the grant (`grant_type` known,
 * the client allowed it, its required parameters there) → its tokens. Client authentication comes
 * before the grant checks, so a bad client with a bad grant is `invalid_client` (Cognito's order is
 * not public; pinned by a test).
 */
export function tokenEndpoint(app: TokenEndpointParts) {
  return async function token(ctx: Context): Promise<void> {
    let body: string;
    try {
      body = JSON.stringify(tokenResponse(await tokens(ctx, app)));
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

async function tokens(ctx: Context, app: TokenEndpointParts): Promise<IssuedTokens> {
  requirePost(ctx);
  const form = await readForm(ctx);
  const grantType = form.get('grant_type');
  if (grantType !== undefined) noteRequest(ctx, { operation: shownInput(grantType) });
  const presented = presentedCredentials(ctx.get('authorization') || undefined, form);
  const named = app.registry.client(presented.clientId);
  noteRequest(ctx, { clientId: shownInput(presented.clientId), poolId: named?.pool.UserPool.Id });
  const record = authenticatePresented(presented, named);
  // Injected faults (README "Fault injection") hit authenticated clients only; none: one property read.
  if (app.faults.tokenActive) await app.faults.applyToken(record.client.ClientId);
  const grant = grantOf(form);
  if (!grant.allowed(record.client)) throw new OAuthError('unauthorized_client', `client ${record.client.ClientId} does not allow the ${grantType} grant (it needs ${grant.needs})`);
  const missing = grant.required.find((parameter) => !form.get(parameter));
  if (missing !== undefined) throw new OAuthError('invalid_request', `${missing} is missing`);
  return grant.issue({ record, form, publicUrl: app.publicUrl(ctx.req.headers) }, app);
}

export function requirePost(ctx: Context): void {
  if (ctx.method === 'POST') return;
  ctx.set('Allow', 'POST');
  throw new OAuthError('invalid_request', `method ${ctx.method}`, 405);
}

function grantOf(form: ReadonlyMap<string, string>): Grant {
  const grantType = form.get('grant_type');
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is missing');
  const grant = GRANTS.get(grantType);
  if (!grant) throw new OAuthError('unsupported_grant_type');
  return grant;
}

export async function readForm(ctx: Context): Promise<Map<string, string>> {
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
