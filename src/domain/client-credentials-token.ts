import type { TokenIssuing } from './token-issuing.js';
import type { PoolKeys } from '../keys/pool-keys.js';
import { DomainError } from '../model/domain-error.js';
import { regionOf } from '../model/ids.js';
import { issuerOf } from '../model/issuer.js';
import { validitySeconds } from '../model/rules.js';
import type { UserPoolClient } from '../model/types.js';
import type { ClientRecord } from '../registry.js';
import { accessTokenClaims } from '../tokens/access-token.js';
import { signJwtAsync } from '../tokens/jwt-signer.js';
import { applyTriggerResponse, clientCredentialsEvent } from '../triggers/pre-token-generation-event.js';
import type { TriggerRef } from '../triggers/pre-token-generation-triggers.js';
import type { IssuedTokens } from './issued-tokens.js';
import { grantedScopes } from './granted-scopes.js';

/**
 * For the trigger's `request.clientMetadata`: GetClientToken's `ClientMetadata`, or a reader of the
 * token endpoint's `aws_client_metadata` (JSON text, parsed only when a trigger runs: without one
 * Cognito has no use for it, so a malformed one fails only then).
 */
export type ClientMetadataInput = Record<string, unknown> | (() => Record<string, unknown>) | undefined;

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
 * The token is signed on the main thread when no other signature is in flight, else on the thread
 * pool (tokens/jwt-signer.ts); a trigger's failure rejects with a DomainError that each caller
 * words in its own protocol.
 */
export async function issueClientCredentialsToken(record: ClientRecord, scope: string | undefined, clientMetadata: ClientMetadataInput,
  app: TokenIssuing, publicUrl: string): Promise<IssuedTokens> {
  const { pool, client } = record;
  const poolId = pool.UserPool.Id;
  const scopes = grantedScopes(client, app.registry.activeScopes(poolId), scope);
  const expiresIn = accessTokenSeconds(client);
  const claims = accessTokenClaims({
    subject: { kind: 'client' },
    clientId: client.ClientId,
    scopes,
    issuer: issuerOf(app.issuerMode, publicUrl, pool.UserPool),
    iat: Math.floor(app.registry.clock() / 1000),
    expiresIn,
  });
  const trigger = app.triggers.triggerFor(pool.UserPool);
  if (trigger === undefined) return signed(keysOf(app, poolId, client.ClientId), claims, expiresIn);
  return customized(trigger, record, clientMetadata, app, { claims, scopes, expiresIn });
}

async function customized(trigger: TriggerRef, { pool, client }: ClientRecord, metadata: ClientMetadataInput, app: TokenIssuing,
  token: { claims: Record<string, unknown>; scopes: string[]; expiresIn: number }): Promise<IssuedTokens> {
  const poolId = pool.UserPool.Id;
  const clientMetadata = typeof metadata === 'function' ? metadata() : metadata;
  const event = clientCredentialsEvent({ region: regionOf(poolId), userPoolId: poolId, clientId: client.ClientId, scopes: token.scopes, clientMetadata });
  const claims = await app.triggers.run(trigger, event, (answer) => applyTriggerResponse(token.claims, token.scopes, answer));
  // Keys read after the trigger ran: a key rotated meanwhile signs this token.
  return signed(keysOf(app, poolId, client.ClientId), claims, token.expiresIn);
}

/** The pool's keys; a pool deleted while its token was being made takes its clients with it. */
function keysOf(app: TokenIssuing, poolId: string, clientId: string): PoolKeys {
  const keys = app.registry.keys(poolId);
  if (!keys) throw new DomainError({ code: 'client_not_found', clientId });
  return keys;
}

const signed = async (keys: PoolKeys, claims: Record<string, unknown>, expiresIn: number): Promise<IssuedTokens> =>
  ({ accessToken: await signJwtAsync(keys.access, claims), expiresIn });
