import { OAuthError } from '../errors.js';
import type { PoolKeys } from '../keys/pool-keys.js';
import { issuerOf } from '../model/issuer.js';
import { regionOf } from '../model/ids.js';
import { isRecord } from '../model/problems.js';
import { validitySeconds } from '../model/rules.js';
import type { UserPoolClient } from '../model/types.js';
import type { ClientRecord } from '../registry.js';
import { accessTokenClaims, signJwt } from '../tokens/access-token.js';
import { applyTriggerResponse, clientCredentialsEvent } from '../triggers/pre-token-generation-event.js';
import type { TriggerRef } from '../triggers/pre-token-generation-triggers.js';
import { grantedScopes } from './scopes.js';
import type { TokenServices } from './token-services.js';

/** The body Cognito answers a client_credentials grant with, key order as in its 2025 capture (§1.6). */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
}

/**
 * For the trigger's `request.clientMetadata`: GetClientToken's `ClientMetadata`, or the token
 * endpoint's `aws_client_metadata` as sent (JSON text, parsed only when a trigger runs).
 */
export type ClientMetadataInput = Record<string, unknown> | string | undefined;

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

/**
 * Issues the access token of an authenticated client that may use client credentials: the one
 * path behind `/oauth2/token` and GetClientToken (reference §1.9: "same token"). Scopes as §1.5
 * (`scope`: space-separated as requested; undefined or empty for every scope enabled on the
 * client); claims as §2.2; then the pool's V3 pre token generation trigger, if it has one (§7).
 * `publicUrl` is the base URL the caller reached the mock by (the `local` issuer).
 * Without a trigger the token is signed synchronously, with no promise or request object in
 * between; a trigger's failure rejects with a TriggerFailure that each caller words in its own protocol.
 */
export function issueClientCredentialsToken(record: ClientRecord, scope: string | undefined, clientMetadata: ClientMetadataInput,
  services: TokenServices, publicUrl: string): TokenResponse | Promise<TokenResponse> {
  const { pool, client } = record;
  const poolId = pool.UserPool.Id;
  const scopes = grantedScopes(client, services.registry.activeScopes(poolId), scope);
  const expiresIn = accessTokenSeconds(client);
  const claims = accessTokenClaims({
    clientId: client.ClientId,
    scopes,
    issuer: issuerOf(services.issuerMode, publicUrl, pool.UserPool),
    iat: Math.floor(services.registry.clock() / 1000),
    expiresIn,
  });
  const trigger = services.triggers.triggerFor(pool.UserPool);
  if (trigger === undefined) return signed(keysOf(services, poolId), claims, expiresIn);
  return customized(trigger, record, clientMetadata, services, { claims, scopes, expiresIn });
}

async function customized(trigger: TriggerRef, { pool, client }: ClientRecord, metadata: ClientMetadataInput, services: TokenServices,
  token: { claims: Record<string, unknown>; scopes: string[]; expiresIn: number }): Promise<TokenResponse> {
  const poolId = pool.UserPool.Id;
  const clientMetadata = typeof metadata === 'string' ? parseClientMetadata(metadata) : metadata;
  const event = clientCredentialsEvent({ region: regionOf(poolId), userPoolId: poolId, clientId: client.ClientId, scopes: token.scopes, clientMetadata });
  const claims = await services.triggers.run(trigger, event, (answer) => applyTriggerResponse(token.claims, token.scopes, answer));
  // Keys read after the trigger ran: a key rotated meanwhile signs this token.
  return signed(keysOf(services, poolId), claims, token.expiresIn);
}

/**
 * `aws_client_metadata`: "a URL-encoded JSON object" for the trigger (reference §1.4). Anything else
 * is `invalid_request`. Read only when the pool has a trigger: without one Cognito has no use for it [I].
 */
function parseClientMetadata(text: string): Record<string, unknown> {
  let metadata: unknown;
  try {
    metadata = JSON.parse(text);
  } catch {
    throw new OAuthError('invalid_request', 'aws_client_metadata is not JSON');
  }
  if (!isRecord(metadata)) throw new OAuthError('invalid_request', 'aws_client_metadata must be a JSON object');
  return metadata;
}

function keysOf(services: TokenServices, poolId: string): PoolKeys {
  const keys = services.registry.keys(poolId);
  if (!keys) throw new OAuthError('invalid_client', 'pool has gone');
  return keys;
}

const signed = (keys: PoolKeys, claims: Record<string, unknown>, expiresIn: number): TokenResponse =>
  ({ access_token: signJwt(keys.access, claims), expires_in: expiresIn, token_type: 'Bearer' });
