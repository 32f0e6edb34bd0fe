import { OAuthError } from '../errors.js';
import { issuerOf } from '../model/issuer.js';
import { validitySeconds } from '../model/rules.js';
import type { UserPoolClient } from '../model/types.js';
import type { ClientRecord } from '../registry.js';
import { accessTokenClaims, signJwt } from '../tokens/access-token.js';
import type { TokenServices } from './token-services.js';
import { grantedScopes } from './scopes.js';
import { secretsOf } from './client-secret.js';

/** The body Cognito answers a client_credentials grant with, key order as in its 2025 capture (§1.6). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
}

export type GrantHandler = (record: ClientRecord, form: Map<string, string>, services: TokenServices) => TokenResponse;

/**
 * Default access-token lifetime: one hour, whatever `TokenValidityUnits.AccessToken` says ("If you
 * don't specify otherwise … your access tokens are valid for one hour", reference §5). A unit given
 * without a value must not turn the default into one minute or one second.
 */
const DEFAULT_ACCESS_SECONDS = 3600;

/** `expires_in` of a client's access tokens. */
export function accessTokenSeconds(client: UserPoolClient): number {
  return client.AccessTokenValidity === undefined
    ? DEFAULT_ACCESS_SECONDS
    : validitySeconds(client.AccessTokenValidity, client.TokenValidityUnits?.AccessToken, 'hours');
}

function clientCredentials({ pool, client }: ClientRecord, form: Map<string, string>, services: TokenServices): TokenResponse {
  // Needs the OAuth gate, the flow, and a secret (reference §1.7: otherwise unauthorized_client).
  if (client.AllowedOAuthFlowsUserPoolClient !== true || !client.AllowedOAuthFlows?.includes('client_credentials')
    || secretsOf(client).length === 0) {
    throw new OAuthError('unauthorized_client', 'client is not allowed the client_credentials flow');
  }
  const poolId = pool.UserPool.Id;
  const scopes = grantedScopes(client, services.registry.activeScopes(poolId), form.get('scope'));
  const expiresIn = accessTokenSeconds(client);
  const claims = accessTokenClaims({
    clientId: client.ClientId,
    scopes,
    issuer: issuerOf(services.issuerMode, services.publicUrl(), pool.UserPool),
    iat: Math.floor(services.registry.clock() / 1000),
    expiresIn,
  });
  const keys = services.registry.keys(poolId);
  if (!keys) throw new OAuthError('invalid_client', 'pool has gone');
  return { access_token: signJwt(keys.access, claims), expires_in: expiresIn, token_type: 'Bearer' };
}

/**
 * The mock issues no authorization codes or refresh tokens, so any one presented is unknown:
 * `invalid_grant`, as Cognito answers for a consumed or unknown code (§1.7), after the same
 * client and parameter checks.
 */
function unknownGrant(flow: string | undefined, parameter: string): GrantHandler {
  return ({ client }, form) => {
    if (flow !== undefined && (client.AllowedOAuthFlowsUserPoolClient !== true || !client.AllowedOAuthFlows?.includes(flow))) {
      throw new OAuthError('unauthorized_client', `client is not allowed the ${flow} flow`);
    }
    if (!form.get(parameter)) throw new OAuthError('invalid_request', `${parameter} is missing`);
    throw new OAuthError('invalid_grant', `unknown ${parameter}`);
  };
}

/** grant_type → handler; anything else is `unsupported_grant_type`. */
export const GRANT_HANDLERS: ReadonlyMap<string, GrantHandler> = new Map([
  ['client_credentials', clientCredentials],
  ['authorization_code', unknownGrant('code', 'code')],
  ['refresh_token', unknownGrant(undefined, 'refresh_token')],
]);
