import { passwordVerifier } from '../../keys/password-verifier.js';
import type { StoredPool, UserPoolClient } from '../../model/types.js';
import type { StoredUser, UserAttribute } from '../../model/users.js';
import type { Registry } from '../../registry.js';
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
  const confirmed = await setNewPassword(app.registry, answer);
  return issueUserTokens(app, { pool: answer.pool, client: answer.client, user: confirmed, source: 'TokenGeneration_NewPasswordChallenge',
    publicUrl: answer.publicUrl, clientMetadata: answer.clientMetadata });
}

/** The user an answer to NEW_PASSWORD_REQUIRED confirms, with its new password stored and the challenge closed (API and managed login). */
export async function setNewPassword(registry: Registry, answer: Omit<NewPasswordAnswer, 'publicUrl' | 'clientMetadata'>): Promise<StoredUser> {
  const { pool, client } = answer;
  const poolId = pool.UserPool.Id;
  const challenge = challengeOf(registry, poolId, client, answer.session, 'NEW_PASSWORD_REQUIRED');
  const user = registry.item(USERS, poolId, challenge.Username);
  if (!user || findUser(registry, pool, answer.username)?.Username !== user.Username) throw refused('session_expired');
  const now = registry.now();
  const confirmed = {
    ...user,
    Attributes: answer.attributes(user.Attributes),
    Password: passwordVerifier(poolId, user.Username, answer.newPassword, now),
    UserStatus: 'CONFIRMED' as const,
    UserLastModifiedDate: now,
  };
  await registry.putItem(USERS, poolId, confirmed);
  await closeChallenge(registry, poolId, challenge);
  return confirmed;
}
