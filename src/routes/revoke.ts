import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { AppContext } from '../context.js';
import { revokeRefreshToken } from '../domain/sign-in/revoke-token.js';
import { OAuthError } from '../errors.js';
import { DomainError } from '../model/domain-error.js';
import { authenticateClient } from '../oauth/client-auth.js';
import { TOKEN_HEADERS, readForm, requirePost } from './token.js';

type RevokeEndpointParts = Pick<AppContext, 'registry' | 'issuerMode' | 'triggers'>;

/**
 * POST /oauth2/revoke (cognito-reference-users §6.10): `token=<refresh token>`, the client
 * authenticated as at the token endpoint (a public client names itself with `client_id`). The
 * sign-in of that refresh token ends, its access tokens with it, as RevokeToken does. `200` with an
 * empty body also for a token already revoked or not the client's (RFC 7009 §2.2); `400
 * invalid_request` without a token or for a client without revocation, `400
 * unsupported_token_type` for an ID or access token, `401 invalid_client` for bad credentials.
 */
export function revokeEndpoint(app: RevokeEndpointParts) {
  return async function revoke(ctx: Context): Promise<void> {
    ctx.set(TOKEN_HEADERS);
    ctx.set('x-amz-cognito-request-id', randomUUID());
    requirePost(ctx);
    const form = await readForm(ctx);
    const record = authenticated(ctx, form, app);
    const token = form.get('token');
    if (!token) throw new OAuthError('invalid_request', 'token is missing');
    try {
      await revokeRefreshToken(app, record.pool, record.client, token);
    } catch (error) {
      throw error instanceof DomainError ? revocationError(error) : error;
    }
    ctx.respond = false;
    ctx.res.writeHead(200, { ...TOKEN_HEADERS, 'Content-Length': '0' });
    ctx.res.end();
  };
}

/** The revocation endpoint answers bad client credentials with 401, unlike the token endpoint (§6.10). */
function authenticated(ctx: Context, form: Map<string, string>, app: RevokeEndpointParts) {
  try {
    return authenticateClient(ctx.get('authorization') || undefined, form, app.registry);
  } catch (error) {
    if (error instanceof OAuthError && error.code === 'invalid_client') throw new OAuthError('invalid_client', error.detail, 401);
    throw error;
  }
}

function revocationError(error: DomainError): unknown {
  const problem = error.problem;
  if (problem.code !== 'sign_in_refused') return error;
  if (problem.reason === 'unsupported_token_type') return new OAuthError('unsupported_token_type');
  if (problem.reason === 'revocation_disabled') return new OAuthError('invalid_request', 'token revocation is not enabled for the client');
  return error;
}
