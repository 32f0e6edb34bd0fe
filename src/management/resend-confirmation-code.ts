import { issueCode, resendLimitReached } from '../domain/codes/issue-code.js';
import { signUpDestination, simulatedDestination } from '../model/code-destinations.js';
import type { ManagementAction } from './action.js';
import { alreadyConfirmed, attemptLimitExceeded, autoVerificationOff, publicUserNotFound } from './messages.js';
import { hidesUsers, publicClientOf, requireSecretHash } from './public-client.js';
import { findUser, usernameOf } from './user-lookups.js';

/**
 * ResendConfirmationCode (cognito-reference-users §2.9): a new sign-up code for an UNCONFIRMED
 * user, replacing the pending one; 5 an hour, then LimitExceededException. Unknown user: LEGACY
 * UserNotFoundException, ENABLED simulated `CodeDeliveryDetails` (§4.11).
 */
export const resendConfirmationCode: ManagementAction = async (input, { registry, log }) => {
  const record = publicClientOf(registry, input);
  const given = usernameOf(input);
  requireSecretHash(record, given, input);
  const { pool } = record;
  const user = findUser(registry, pool, given);
  if (!user) {
    if (hidesUsers(record)) return { CodeDeliveryDetails: simulatedDestination(pool.UserPool, 'signup', given) };
    throw publicUserNotFound();
  }
  if (user.UserStatus !== 'UNCONFIRMED') throw alreadyConfirmed();
  const delivery = signUpDestination(pool.UserPool, user.Attributes);
  if (!delivery) throw autoVerificationOff();
  const poolId = pool.UserPool.Id;
  if (resendLimitReached(registry, poolId, user.Username)) throw attemptLimitExceeded();
  const issued = await issueCode(registry, log, { poolId, username: user.Username, kind: 'signup', delivery, resend: true });
  return { CodeDeliveryDetails: issued.Delivery };
};
