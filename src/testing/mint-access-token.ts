import { accessTokenSeconds } from '../domain/client-credentials-token.js';
import type { RunningServer } from '../server.js';
import { accessTokenClaims, signJwt } from '../tokens/access-token.js';
import { testingErrorOf } from './cognito-mock-error.js';
import { unknownSigningKey } from './unknown-key.js';

/**
 * What {@link CognitoMock.mintAccessToken} signs. The four switches make the tokens a verifier
 * must reject; they combine with each other and with `claims`.
 *
 * @example
 * const expired: MintAccessTokenOptions = { clientId: READER_ID, scopes: ['orders/read'], expired: true };
 */
export interface MintAccessTokenOptions {
  /** A client of one of the mock's pools; the token is signed with that pool's access-token key. */
  clientId: string;
  /** Default: every custom scope the client is allowed. No checks: mint what a negative test needs. */
  scopes?: string[];
  /** Lifetime in seconds (negative for an already expired token); default: the client's validity. */
  expiresIn?: number;
  /** Claims to add or override (e.g. `{ nbf: … }`, `{ iss: … }`); applied last. */
  claims?: Record<string, unknown>;
  /** Expired a minute ago: issued one lifetime plus a minute before the mock's clock. */
  expired?: boolean;
  /** Not valid for another five minutes: `nbf`, `iat` and `auth_time` five minutes after the mock's clock. */
  notYetValid?: boolean;
  /** Signed with an RSA key that no pool publishes (its `kid` is in no JWKS). */
  signedWithUnknownKey?: boolean;
  /** `iss` of no pool: `https://wrong-issuer.invalid/<poolId>`. */
  wrongIssuer?: boolean;
}

/** Five minutes: beyond any verifier's usual clock-skew allowance. */
const NOT_YET_VALID_SECONDS = 300;

/** Cognito's claims (reference §2.2) for a client, at the mock's clock, bent as the options ask. */
export function mintAccessToken(server: RunningServer, options: MintAccessTokenOptions): string {
  const { registry } = server;
  const record = registry.client(options.clientId);
  if (!record) throw testingErrorOf({ code: 'client_not_found', clientId: options.clientId });
  const { pool, client } = record;
  const poolId = pool.UserPool.Id;
  const now = Math.floor(registry.clock() / 1000);
  const lifetime = options.expiresIn ?? accessTokenSeconds(client);
  const iat = options.expired ? now - Math.max(lifetime, 0) - 60 : options.notYetValid ? now + NOT_YET_VALID_SECONDS : now;
  const claims = accessTokenClaims({
    subject: { kind: 'client' },
    clientId: options.clientId,
    scopes: options.scopes ?? (client.AllowedOAuthScopes ?? []).filter((s) => registry.activeScopes(poolId).has(s)),
    issuer: options.wrongIssuer ? `https://wrong-issuer.invalid/${poolId}` : server.issuer(poolId),
    iat,
    expiresIn: lifetime,
  });
  // Cognito's tokens carry no nbf (§2.2); a not-yet-valid one needs it, since verifiers ignore a future iat.
  const notBefore = options.notYetValid ? { nbf: iat } : {};
  const key = options.signedWithUnknownKey ? unknownSigningKey() : registry.keys(poolId)!.access;
  return signJwt(key, { ...claims, ...notBefore, ...options.claims });
}
