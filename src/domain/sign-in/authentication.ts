import type { StoredPool, UserPoolClient } from '../../model/types.js';
import type { StoredUser } from '../../model/users.js';
import type { IssuedTokens } from '../issued-tokens.js';
import type { TokenIssuing } from '../token-issuing.js';
import { openChallenge } from './challenge-sessions.js';
import { issueUserTokens } from './user-tokens.js';

/**
 * What an authenticated user gets next (cognito-reference-users §4.5): a user with a temporary
 * password (FORCE_CHANGE_PASSWORD) the NEW_PASSWORD_REQUIRED challenge and its Session, everyone
 * else tokens. MFA and custom challenges are not emulated.
 */
export type Authentication =
  | { kind: 'tokens'; tokens: IssuedTokens }
  | { kind: 'new_password_required'; session: string; user: StoredUser };

/** `clientMetadata`: the call's ClientMetadata when Cognito hands it to the pre token generation trigger (RespondToAuthChallenge, §5.8). */
export async function authenticated(app: TokenIssuing, pool: StoredPool, client: UserPoolClient, user: StoredUser, publicUrl: string,
  clientMetadata?: Record<string, string>): Promise<Authentication> {
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
    const session = await openChallenge(app.registry, pool.UserPool.Id, client, user.Username, 'NEW_PASSWORD_REQUIRED');
    return { kind: 'new_password_required', session, user };
  }
  const tokens = await issueUserTokens(app, { pool, client, user, source: 'TokenGeneration_Authentication', publicUrl, clientMetadata });
  return { kind: 'tokens', tokens };
}
