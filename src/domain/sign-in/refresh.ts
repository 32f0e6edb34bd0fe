import { sameText } from '../../keys/value-hash.js';
import { readRefreshToken } from '../../tokens/refresh-token.js';
import type { SignInSession } from '../../model/sign-in-sessions.js';
import type { StoredPool, UserPoolClient } from '../../model/types.js';
import { SIGN_IN_SESSIONS, USERS } from '../../store/collections.js';
import type { IssuedTokens } from '../issued-tokens.js';
import type { TokenIssuing } from '../token-issuing.js';
import { rotatesRefreshTokens } from './auth-flows.js';
import { refused } from './refusal.js';
import { issueUserTokens } from './user-tokens.js';
import type { StoredUser } from '../../model/users.js';

/**
 * The session a refresh token continues, for this client (cognito-reference-users §4.8):
 * "Invalid Refresh Token." for one that is not the mock's, unknown, replaced (after a rotation's
 * grace period) or of another client; "Refresh Token has been revoked" after sign-out or
 * RevokeToken; "Refresh Token has expired" past its validity. The token is compared by its hash,
 * in constant time.
 */
export function sessionOfRefreshToken(app: TokenIssuing, pool: StoredPool, client: UserPoolClient, token: string): { session: SignInSession; user: StoredUser } {
  const poolId = pool.UserPool.Id;
  const session = sessionOfToken(app, poolId, client, token);
  if (!session) throw refused('invalid_refresh_token');
  const now = app.registry.now();
  if (session.RevokedAt !== undefined) throw refused('refresh_token_revoked');
  if (now > session.ExpiresAt) throw refused('refresh_token_expired');
  const user = app.registry.item(USERS, poolId, session.Username);
  // A user deleted since: the session went with it [I].
  if (!user) throw refused('invalid_refresh_token');
  if (!user.Enabled) throw refused('user_disabled');
  return { session, user };
}

/**
 * The session whose refresh token this is, for this client: its current token, or the one a
 * rotation just replaced within the grace period. Undefined for a token that is not the mock's,
 * unknown, replaced or of another client.
 */
export function sessionOfToken(app: TokenIssuing, poolId: string, client: UserPoolClient, token: string): SignInSession | undefined {
  const read = readRefreshToken(token);
  const session = read && app.registry.item(SIGN_IN_SESSIONS, poolId, read.sessionId);
  if (!read || !session || session.ClientId !== client.ClientId) return undefined;
  const current = sameText(read.hash, session.TokenHash);
  const previous = session.PreviousTokenHash !== undefined && sameText(read.hash, session.PreviousTokenHash)
    && app.registry.now() <= (session.PreviousValidUntil ?? 0);
  return current || previous ? session : undefined;
}

/**
 * New ID and access tokens for a refresh token (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken):
 * the session's `origin_jti` and `auth_time`, new `jti`s; with rotation (`rotate`: the client
 * has it on) a new refresh token too, valid for the rest of the original's life. `clientMetadata`:
 * GetTokensFromRefreshToken's, for the pre token generation trigger (InitiateAuth's is not passed, §5.8).
 */
export async function refreshUserTokens(app: TokenIssuing, pool: StoredPool, client: UserPoolClient, token: string, publicUrl: string,
  clientMetadata?: Record<string, string>): Promise<IssuedTokens> {
  const { session, user } = sessionOfRefreshToken(app, pool, client, token);
  return issueUserTokens(app, {
    pool, client, user, source: 'TokenGeneration_RefreshTokens', publicUrl, refresh: { session, rotate: rotatesRefreshTokens(client) }, clientMetadata,
  });
}
