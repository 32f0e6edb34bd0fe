import { randomBytes } from 'node:crypto';
import { valueHash as hashOf } from '../../keys/value-hash.js';
import type { ChallengeSession } from '../../model/sign-in-sessions.js';
import type { UserPoolClient } from '../../model/types.js';
import type { Registry } from '../../registry.js';
import { CHALLENGE_SESSIONS } from '../../store/collections.js';
import { refused } from './refusal.js';

/** `AuthSessionValidity` (3–15 minutes, 3 by default): how long a challenge's Session answers (cognito-reference-users §4.6). */
export const sessionMinutes = (client: UserPoolClient): number => {
  const minutes = client.AuthSessionValidity;
  return typeof minutes === 'number' && minutes >= 3 && minutes <= 15 ? minutes : 3;
};

/**
 * A new `Session` for a challenge: opaque, in the look of Cognito's (`AYABe…`, an AWS Encryption
 * SDK envelope, §4.6), random; the server keeps it in memory by its hash.
 */
export async function openChallenge(registry: Registry, poolId: string, client: UserPoolClient, username: string, challengeName: string): Promise<string> {
  const session = `AYABe${randomBytes(384).toString('base64')}`;
  await registry.putItem(CHALLENGE_SESSIONS, poolId, {
    SessionHash: hashOf(session), ClientId: client.ClientId, Username: username, ChallengeName: challengeName,
    ExpiresAt: registry.clock() + sessionMinutes(client) * 60_000,
  });
  return session;
}

/**
 * The challenge a `Session` answers, for this client and challenge, or "Invalid session for the
 * user, session is expired." (also for a session of another client or challenge, or unknown).
 */
export function challengeOf(registry: Registry, poolId: string, client: UserPoolClient, session: string | undefined, challengeName: string): ChallengeSession {
  if (session === undefined || session.length < 20 || session.length > 2048) throw refused('session_expired');
  const found = registry.item(CHALLENGE_SESSIONS, poolId, hashOf(session));
  if (!found || found.ClientId !== client.ClientId || found.ChallengeName !== challengeName) throw refused('session_expired');
  return found;
}

/** A session answered: it does not answer twice. */
export const closeChallenge = (registry: Registry, poolId: string, challenge: ChallengeSession): Promise<void> =>
  registry.deleteItem(CHALLENGE_SESSIONS, poolId, challenge.SessionHash);
