import { decodeJwt } from 'jose';
import { issuerOf } from '../../model/issuer.js';
import type { SignInSession } from '../../model/sign-in-sessions.js';
import type { StoredPool, UserPoolClient } from '../../model/types.js';
import { type StoredUser, subOf } from '../../model/users.js';
import { SIGN_IN_SESSIONS, USERS } from '../../store/collections.js';
import { verifyPoolToken } from '../../tokens/verify-pool-token.js';
import type { TokenIssuing } from '../token-issuing.js';
import { refused } from './refusal.js';

/** The scope every API-flow access token carries and the token-authorised calls require (cognito-reference-users §5.4, §2.11). */
export const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** Whom a user's access token speaks for, once accepted. */
export interface TokenUser {
  pool: StoredPool;
  user: StoredUser;
  /** The client the token was issued to, if it still exists. */
  client: UserPoolClient | undefined;
  /** The sign-in it belongs to (by `origin_jti`), if the store still keeps it. */
  session: SignInSession | undefined;
  /** The scopes the token grants. */
  scopes: string[];
}

/**
 * The user an access token authorises a call for (GetUser, ChangePassword, UpdateUserAttributes,
 * DeleteUser, GlobalSignOut; cognito-reference-users §2.11, §4.10), refused as Cognito does:
 * "Invalid Access Token" for anything not a user access token signed by the pool it names (an ID
 * token, an M2M token, a foreign or damaged one), "Access Token has expired" past its `exp`,
 * "Access Token does not have required scopes" without `aws.cognito.signin.user.admin`, "User does
 * not exist." once the user is deleted, and "Access Token has been revoked" after sign-out,
 * RevokeToken or disabling. `/oauth2/userInfo` requires `openid` instead (§6.9).
 */
export async function userOfAccessToken(app: TokenIssuing, token: string, publicUrl: string, requiredScope = USER_ADMIN_SCOPE): Promise<TokenUser> {
  const pool = poolNamedBy(app, token);
  const poolId = pool.UserPool.Id;
  const keys = app.registry.keys(poolId);
  if (!keys) throw refused('invalid_access_token');
  const verdict = await verifyPoolToken(keys, token, app.registry.now());
  if (!verdict.ok) throw refused(verdict.reason === 'expired' ? 'access_token_expired' : 'invalid_access_token');
  const claims = verdict.claims;
  const { username, client_id: clientId, scope } = claims;
  if (claims.token_use !== 'access' || typeof username !== 'string' || typeof clientId !== 'string') throw refused('invalid_access_token');
  if (!acceptsIssuer(app, publicUrl, pool, claims.iss)) throw refused('invalid_access_token');
  const scopes = typeof scope === 'string' ? scope.split(' ') : [];
  if (!scopes.includes(requiredScope)) throw refused('access_token_scope_missing');

  const user = app.registry.item(USERS, poolId, username);
  // A username taken again by a new user: the token was the old one's.
  if (!user || subOf(user) !== claims.sub) throw refused('user_not_found');
  const session = typeof claims.origin_jti === 'string' ? app.registry.item(SIGN_IN_SESSIONS, poolId, claims.origin_jti) : undefined;
  if (isRevoked(user, session, claims.iat)) throw refused('access_token_revoked');
  if (!user.Enabled) throw refused('user_disabled');
  const record = app.registry.client(clientId);
  return { pool, user, session, scopes, client: record?.pool.UserPool.Id === poolId ? record.client : undefined };
}

/** The pool the token's `iss` names (its last path segment); any token that names none is invalid. */
function poolNamedBy(app: TokenIssuing, token: string): StoredPool {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw refused('invalid_access_token');
  }
  const pool = typeof iss === 'string' ? app.registry.pool(iss.slice(iss.lastIndexOf('/') + 1)) : undefined;
  if (!pool) throw refused('invalid_access_token');
  return pool;
}

/**
 * The issuers the mock signs for this pool: exactly the configured one, except in `local` mode,
 * where the mock is often reached by several names (a browser's `localhost:9229`, a container's
 * `cognito:9229`) and any http(s) base serving the pool's path is its own.
 */
function acceptsIssuer(app: TokenIssuing, publicUrl: string, pool: StoredPool, iss: unknown): boolean {
  if (typeof iss !== 'string') return false;
  if (app.issuerMode.kind !== 'local') return iss === issuerOf(app.issuerMode, publicUrl, pool.UserPool);
  return /^https?:\/\//.test(iss) && iss.endsWith(`/${pool.UserPool.Id}`);
}

/**
 * Revoked: its sign-in was ended (sign-out, RevokeToken, disabling), or, for a token whose sign-in
 * the store no longer keeps or that carries no `origin_jti` (revocation off), it was issued no
 * later than the user's last global sign-out. Within that second a new sign-in's tokens count as
 * revoked too: the safe side of `iat`'s one-second grain.
 */
function isRevoked(user: StoredUser, session: SignInSession | undefined, iat: number | undefined): boolean {
  if (session) return session.RevokedAt !== undefined;
  return user.TokensRevokedAt !== undefined && (iat ?? 0) <= user.TokensRevokedAt;
}
