import type { StoredPool, UserPoolClient } from '../../model/types.js';
import type { StoredUser } from '../../model/users.js';
import type { Registry } from '../../registry.js';
import { USERS } from '../../store/collections.js';
import { findUser } from '../find-user.js';
import { decoySrpUser } from '../srp/decoy-user.js';
import { type SrpChallenge, startSrp, verifySrpClaim } from '../srp/srp-challenge.js';
import { parseSrpTimestamp } from '../srp/timestamp.js';
import { hidesUserExistence } from './auth-flows.js';
import { refused } from './refusal.js';
import { requireCurrentPassword, requireUsable } from './user-state.js';

/** `PASSWORD_VERIFIER`'s ChallengeParameters (cognito-reference-users §4.4), `USERNAME` the internal username. */
export type PasswordVerifierChallenge = SrpChallenge & { USERNAME: string };

/**
 * USER_SRP_AUTH's first step: the PASSWORD_VERIFIER challenge for the user `username` finds
 * (its internal username as `USERNAME` and `USER_ID_FOR_SRP`, whatever alias was typed). Disabled
 * and unconfirmed users get one too; they are refused at the second step. An unknown user is
 * "User does not exist." unless the client hides that, where it gets a decoy challenge that no
 * password answers (§4.4); so does a user without a password.
 */
export function startSrpSignIn(registry: Registry, pool: StoredPool, client: UserPoolClient, username: string, srpA: string): PasswordVerifierChallenge {
  const poolId = pool.UserPool.Id;
  const user = findUser(registry, pool, username);
  if (!user && !hidesUserExistence(client)) throw refused('user_not_found');
  const decoy = user?.Password ? undefined : decoySrpUser(poolId, username);
  const result = startSrp({
    poolId, srpA, now: registry.clock(),
    userIdForSrp: user && !decoy ? user.Username : decoy!.userIdForSrp,
    salt: decoy?.salt ?? user!.Password!.Salt,
    verifier: decoy?.verifier ?? user!.Password!.Verifier,
  });
  if (!result.ok) throw refused('invalid_srp_a');
  return { ...result.challenge, USERNAME: result.challenge.USER_ID_FOR_SRP };
}

export interface PasswordClaim {
  /** `ChallengeResponses.USERNAME`: the `USER_ID_FOR_SRP` of the challenge. */
  username: string;
  secretBlock: string;
  signature: string;
  timestamp: string;
}

/**
 * USER_SRP_AUTH's second step (PASSWORD_VERIFIER): the user whose password the claim proves,
 * checked in the order of a password sign-in (§4.3): enabled and confirmed, the proof, no reset
 * needed. Every wrong proof, block, timestamp or user is "Incorrect username or password.".
 */
export function finishSrpSignIn(registry: Registry, pool: StoredPool, claim: PasswordClaim): StoredUser {
  const poolId = pool.UserPool.Id;
  const user = registry.item(USERS, poolId, claim.username);
  if (user) requireUsable(user);
  if (!user?.Password) {
    // A decoy's claim, or a block for a user deleted meanwhile: a malformed timestamp is still that.
    if (parseSrpTimestamp(claim.timestamp) === 'malformed') throw refused('timestamp_malformed');
    throw refused('incorrect_credentials');
  }
  const outcome = verifySrpClaim({
    poolId, userIdForSrp: user.Username, salt: user.Password.Salt, verifier: user.Password.Verifier, ...claimOf(claim), now: registry.clock(),
  });
  if (!outcome.ok) throw refused(outcome.reason === 'timestamp_malformed' ? 'timestamp_malformed' : 'incorrect_credentials');
  requireCurrentPassword(pool, user, registry.now());
  return user;
}

const claimOf = (claim: PasswordClaim) => ({ secretBlock: claim.secretBlock, signature: claim.signature, timestamp: claim.timestamp });
