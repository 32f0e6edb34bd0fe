import type { Context } from 'koa';
import { HttpError } from '../errors.js';
import type { PoolKeys } from '../keys/pool-keys.js';
import { storedKeyMessage, userPoolDoesNotExist } from '../management/messages.js';
import { DomainError } from '../model/domain-error.js';
import { issuerOf } from '../model/issuer.js';
import type { AppContext } from '../context.js';
import { writeJson } from '../middleware/error-handler.js';

/**
 * The OIDC discovery document: Cognito's 12 fields, keys sorted (cognito-reference §3.2). `issuer`
 * follows the issuer mode; `jwks_uri` and the endpoints point at the mock's public URL so clients
 * that follow them reach the mock.
 */
export function discoveryDocument(issuer: string, publicUrl: string, poolId: string): Record<string, unknown> {
  return {
    authorization_endpoint: `${publicUrl}/oauth2/authorize`,
    end_session_endpoint: `${publicUrl}/logout`,
    id_token_signing_alg_values_supported: ['RS256'],
    issuer,
    jwks_uri: `${publicUrl}/${poolId}/.well-known/jwks.json`,
    response_types_supported: ['code', 'token'],
    revocation_endpoint: `${publicUrl}/oauth2/revoke`,
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    subject_types_supported: ['public'],
    token_endpoint: `${publicUrl}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    userinfo_endpoint: `${publicUrl}/oauth2/userInfo`,
  };
}

/**
 * At most this many discovery bodies are kept per pool, one per base URL: with URLs taken from
 * requests, each `Host` a client sends is a base URL, and senders must not be able to grow memory.
 */
const MAX_BODIES_PER_POOL = 64;

/**
 * GET /:poolId/.well-known/jwks.json and …/openid-configuration, bodies built once per pool change
 * (and base URL). Readable from any origin: SPAs discover and fetch keys from the browser.
 */
export function wellKnownRoutes(app: Pick<AppContext, 'registry' | 'issuerMode' | 'publicUrl'>) {
  const discoveryBodies = new Map<string, Map<string, string>>();
  app.registry.onPoolChange((poolId) => discoveryBodies.delete(poolId));

  function jwks(ctx: Context): void {
    ctx.set('Access-Control-Allow-Origin', '*');
    writeJson(ctx, poolKeys(app, poolParam(ctx, app)).jwksBody, 'application/json');
  }

  function openidConfiguration(ctx: Context): void {
    const poolId = poolParam(ctx, app);
    const publicUrl = app.publicUrl(ctx.req.headers);
    const bodies = discoveryBodies.get(poolId) ?? new Map<string, string>();
    let body = bodies.get(publicUrl);
    if (body === undefined) {
      const pool = app.registry.pool(poolId)!;
      body = JSON.stringify(discoveryDocument(issuerOf(app.issuerMode, publicUrl, pool.UserPool), publicUrl, poolId));
      if (bodies.size >= MAX_BODIES_PER_POOL) bodies.clear();
      discoveryBodies.set(poolId, bodies.set(publicUrl, body));
    }
    ctx.set('Access-Control-Allow-Origin', '*');
    writeJson(ctx, body, 'application/json');
  }

  return { jwks, openidConfiguration };
}

/**
 * The pool's keys; a damaged stored key is a 500 with a JSON `{"message"}` naming the pool and the
 * key (a server fault; verifiers only check for a 200, reference §8.3), not the fixed 500.
 */
function poolKeys(app: Pick<AppContext, 'registry'>, poolId: string): PoolKeys {
  try {
    return app.registry.keys(poolId)!;
  } catch (error) {
    if (!(error instanceof DomainError) || error.problem.code !== 'invalid_stored_key') throw error;
    const { key, reason } = error.problem;
    throw new HttpError(500, storedKeyMessage(poolId, key, reason));
  }
}

function poolParam(ctx: Context, app: Pick<AppContext, 'registry'>): string {
  const poolId = (ctx as Context & { params: Record<string, string> }).params.poolId ?? '';
  if (!app.registry.pool(poolId)) throw new HttpError(404, userPoolDoesNotExist(poolId));
  return poolId;
}
