import type { DefaultState, Middleware, ParameterizedContext } from 'koa';
import { AccessTokenError, type AccessTokenErrorCode } from './errors.js';
import { type AccessTokenVerifierOptions, type VerifyOverrides, resolveChecks } from './options.js';
import { type AccessTokenClaims, type AccessTokenVerifier, createAccessTokenVerifier } from './verifier.js';

/**
 * What {@link requireAccessToken} adds to `ctx.state`: the verified claims under `accessToken`.
 *
 * @example
 * router.get('/orders', requireAccessToken({ verifier, scopes: ['orders/read'] }), (ctx) => {
 *   const caller: string = ctx.state.accessToken.client_id;
 * });
 */
export interface AccessTokenState {
  accessToken: AccessTokenClaims;
}

/**
 * Options of {@link requireAccessToken}: either the verifier options (the middleware builds its own
 * verifier), or a shared `verifier` plus per-route checks. Share one verifier across routes so they
 * share one JWKS cache.
 *
 * @example
 * const verifier = createAccessTokenVerifier({ userPoolId, clientId: null });
 * const readOrders: RequireAccessTokenOptions = { verifier, scopes: ['orders/read'] };
 */
export type RequireAccessTokenOptions = AccessTokenVerifierOptions | ({ verifier: AccessTokenVerifier } & VerifyOverrides);

/**
 * The JSON body of a rejection. `error` repeats the RFC 6750 code of the `WWW-Authenticate` header
 * (absent when the request carried no token); `code` says which check failed, and nothing more: no
 * detail of why a signature or claim failed reaches the caller.
 *
 * @example
 * // 401 WWW-Authenticate: Bearer error="invalid_token"
 * const body: AccessTokenRejection = { error: 'invalid_token', code: 'token_expired' };
 */
export interface AccessTokenRejection {
  error?: 'invalid_token' | 'insufficient_scope';
  code: AccessTokenErrorCode | 'missing_token';
}

/**
 * Koa middleware that lets a request through only with a valid Cognito access token in
 * `Authorization: Bearer <token>`, and puts its claims on `ctx.state.accessToken`. Rejections follow
 * RFC 6750 §3: no or non-Bearer credentials → 401 with `WWW-Authenticate: Bearer` (no error code);
 * a bad token → 401 `Bearer error="invalid_token"`; missing scopes → 403
 * `Bearer error="insufficient_scope", scope="…"`; the JWKS unreachable → 503. Each with a JSON
 * {@link AccessTokenRejection} body. Errors thrown by later middleware pass through untouched.
 *
 * @example
 * const verifier = createAccessTokenVerifier({ userPoolId: 'us-east-1_AbCdEf123', clientId: null });
 * router.get('/orders', requireAccessToken({ verifier, scopes: ['orders/read'] }), (ctx) => {
 *   ctx.body = { caller: ctx.state.accessToken.client_id };
 * });
 */
export function requireAccessToken<StateT extends DefaultState = DefaultState>(
  options: RequireAccessTokenOptions,
): Middleware<StateT & AccessTokenState> {
  const shared = 'verifier' in options;
  const verifier = shared ? options.verifier : createAccessTokenVerifier(options);
  const overrides = shared ? checksOf(options) : undefined;
  // Also validates per-route checks now: a bad one is a programmer error, thrown at start-up.
  const rule = resolveChecks(shared ? checksOf(options) : { scopes: options.scopes ?? null }).scopes;
  const challengeScope = rule?.scopes.join(' ');

  return async function requireAccessTokenMiddleware(ctx, next) {
    const token = bearerToken(ctx.get('authorization'));
    if (token === undefined) return reject(ctx, 401, 'Bearer', { code: 'missing_token' });
    let claims: AccessTokenClaims;
    try {
      claims = await verifier.verify(token, overrides);
    } catch (error) {
      if (!(error instanceof AccessTokenError)) throw error;
      return rejectToken(ctx, error, challengeScope);
    }
    ctx.state.accessToken = claims;
    await next();
  };
}

function rejectToken(ctx: ParameterizedContext, error: AccessTokenError, scope: string | undefined): void {
  if (error.code === 'jwks_unavailable') {
    reject(ctx, 503, undefined, { code: error.code });
  } else if (error.code === 'group_mismatch') {
    reject(ctx, 403, 'Bearer error="insufficient_scope"', { error: 'insufficient_scope', code: error.code });
  } else if (error.code === 'scope_mismatch') {
    const scopeParam = scope === undefined ? '' : `, scope="${scope}"`;
    reject(ctx, 403, `Bearer error="insufficient_scope"${scopeParam}`, { error: 'insufficient_scope', code: error.code });
  } else {
    reject(ctx, 401, 'Bearer error="invalid_token"', { error: 'invalid_token', code: error.code });
  }
}

function reject(ctx: ParameterizedContext, status: number, challenge: string | undefined, body: AccessTokenRejection): void {
  ctx.status = status;
  if (challenge !== undefined) ctx.set('WWW-Authenticate', challenge);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
}

/**
 * The token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 7235 §2.1). Undefined
 * when there is no Bearer credential at all; an empty string when the credential is not a token68
 * (RFC 6750 §2.1), which the verifier rejects as `malformed_token`.
 */
function bearerToken(header: string): string | undefined {
  const match = /^Bearer(?:\s+(.*))?$/is.exec(header.trim());
  if (!match) return undefined;
  const token = (match[1] ?? '').trim();
  return /^[A-Za-z0-9\-._~+/]+=*$/.test(token) ? token : '';
}

function checksOf(options: { verifier: AccessTokenVerifier } & VerifyOverrides): VerifyOverrides {
  const { verifier: _verifier, ...checks } = options;
  return checks;
}
