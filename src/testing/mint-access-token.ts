import { accessTokenSeconds } from '../domain/client-credentials-token.js';
import type { RunningServer } from '../server.js';
import { accessTokenClaims } from '../tokens/access-token.js';
import { signJwt } from '../tokens/jwt-signer.js';
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

/** The switches every minted token takes (access, ID, user access). */
export type MintSwitches = Pick<MintAccessTokenOptions, 'expired' | 'notYetValid' | 'signedWithUnknownKey' | 'wrongIssuer'>;

/** `iat` of a minted token at `now` (epoch seconds): a lifetime and a minute back when expired, five minutes ahead when not yet valid. */
export const mintedIat = (now: number, lifetime: number, switches: MintSwitches): number =>
  switches.expired ? now - Math.max(lifetime, 0) - 60 : switches.notYetValid ? now + NOT_YET_VALID_SECONDS : now;

/**
 * The minted claims signed: a not-yet-valid token gets `nbf` (Cognito's tokens carry none, §2.2,
 * but verifiers ignore a future `iat`), then the caller's claims win.
 */
export function signMinted(server: RunningServer, poolId: string, use: 'access' | 'id', claims: Record<string, unknown>,
  switches: MintSwitches, extra: Record<string, unknown> | undefined): string {
  const notBefore = switches.notYetValid ? { nbf: claims.iat } : {};
  const key = switches.signedWithUnknownKey ? unknownSigningKey() : server.registry.keys(poolId)![use];
  return signJwt(key, { ...claims, ...notBefore, ...extra });
}

/** `iss` as the pool's, or of no pool. */
export const mintedIssuer = (server: RunningServer, poolId: string, switches: MintSwitches): string =>
  switches.wrongIssuer ? `https://wrong-issuer.invalid/${poolId}` : server.issuer(poolId);

/** Cognito's claims (reference §2.2) for a client, at the mock's clock, bent as the options ask. */
export function mintAccessToken(server: RunningServer, options: MintAccessTokenOptions): string {
  const { registry } = server;
  const record = registry.client(options.clientId);
  if (!record) throw testingErrorOf({ code: 'client_not_found', clientId: options.clientId });
  const { pool, client } = record;
  const poolId = pool.UserPool.Id;
  const now = Math.floor(registry.clock() / 1000);
  const lifetime = options.expiresIn ?? accessTokenSeconds(client);
  const iat = mintedIat(now, lifetime, options);
  const claims = accessTokenClaims({
    subject: { kind: 'client' },
    clientId: options.clientId,
    scopes: options.scopes ?? (client.AllowedOAuthScopes ?? []).filter((s) => registry.activeScopes(poolId).has(s)),
    issuer: mintedIssuer(server, poolId, options),
    iat,
    expiresIn: lifetime,
  });
  return signMinted(server, poolId, 'access', claims, options, options.claims);
}
