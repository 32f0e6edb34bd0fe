import { passwordVerifier } from '../../keys/password-verifier.js';
import type { StoredPool, UserPoolClient } from '../../model/types.js';
import type { UserAttribute } from '../../model/users.js';
import { USERS } from '../../store/collections.js';
import { findUser } from '../find-user.js';
import type { IssuedTokens } from '../issued-tokens.js';
import type { TokenIssuing } from '../token-issuing.js';
import { challengeOf, closeChallenge } from './challenge-sessions.js';
import { refused } from './refusal.js';
import { issueUserTokens } from './user-tokens.js';

export interface NewPasswordAnswer {
  pool: StoredPool;
  client: UserPoolClient;
  session: string | undefined;
  /** `ChallengeResponses.USERNAME`: the internal username or any name that finds the same user. */
  username: string;
  /** Already checked against the pool's password policy. */
  newPassword: string;
  /** `userAttributes.<name>` answers, already checked against the schema, laid over the user's. */
  attributes: (current: readonly UserAttribute[]) => UserAttribute[];
  publicUrl: string;
  /** The call's ClientMetadata, for the pre token generation trigger. */
  clientMetadata?: Record<string, string> | undefined;
}

/**
 * The answer to NEW_PASSWORD_REQUIRED (cognito-reference-users §4.5): the session must be this
 * client's open challenge for this user; the new password replaces the temporary one, the user
 * becomes CONFIRMED, and gets tokens (trigger source `TokenGeneration_NewPasswordChallenge`).
 */
export async function answerNewPassword(app: TokenIssuing, answer: NewPasswordAnswer): Promise<IssuedTokens> {
  const { pool, client } = answer;
  const poolId = pool.UserPool.Id;
  const challenge = challengeOf(app.registry, poolId, client, answer.session, 'NEW_PASSWORD_REQUIRED');
  const user = app.registry.item(USERS, poolId, challenge.Username);
  if (!user || findUser(app.registry, pool, answer.username)?.Username !== user.Username) throw refused('session_expired');
  const now = app.registry.now();
  const confirmed = {
    ...user,
    Attributes: answer.attributes(user.Attributes),
    Password: passwordVerifier(poolId, user.Username, answer.newPassword, now),
    UserStatus: 'CONFIRMED' as const,
    UserLastModifiedDate: now,
  };
  await app.registry.putItem(USERS, poolId, confirmed);
  await closeChallenge(app.registry, poolId, challenge);
  return issueUserTokens(app, { pool, client, user: confirmed, source: 'TokenGeneration_NewPasswordChallenge', publicUrl: answer.publicUrl,
    clientMetadata: answer.clientMetadata });
}
