import type { Context } from 'koa';
import { HttpError } from '../errors.js';
import { issuerOf } from '../model/issuer.js';
import type { TokenServices } from '../oauth/token-services.js';
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

/** GET /:poolId/.well-known/jwks.json and …/openid-configuration, bodies built once per pool change. */
export function wellKnownRoutes(services: TokenServices) {
  const discoveryBodies = new Map<string, string>();
  services.registry.onPoolChange((poolId) => discoveryBodies.delete(poolId));

  function jwks(ctx: Context): void {
    const keys = services.registry.keys(poolParam(ctx, services));
    writeJson(ctx, keys!.jwksBody, 'application/json');
  }

  function openidConfiguration(ctx: Context): void {
    const poolId = poolParam(ctx, services);
    let body = discoveryBodies.get(poolId);
    if (body === undefined) {
      const pool = services.registry.pool(poolId)!;
      const publicUrl = services.publicUrl();
      body = JSON.stringify(discoveryDocument(issuerOf(services.issuerMode, publicUrl, pool.UserPool), publicUrl, poolId));
      discoveryBodies.set(poolId, body);
    }
    writeJson(ctx, body, 'application/json');
  }

  return { jwks, openidConfiguration };
}

function poolParam(ctx: Context, services: TokenServices): string {
  const poolId = (ctx as Context & { params: Record<string, string> }).params.poolId ?? '';
  if (!services.registry.pool(poolId)) throw new HttpError(404, `User pool ${poolId} does not exist.`);
  return poolId;
}
