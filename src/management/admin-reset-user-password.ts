import { issueCode } from '../domain/codes/issue-code.js';
import { recoveryDestination } from '../model/code-destinations.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { noRecoveryDestination } from './messages.js';
import { userOf } from './user-lookups.js';

/**
 * AdminResetUserPassword (cognito-reference-users §2.8): the user becomes RESET_REQUIRED (sign-in
 * answers PasswordResetRequiredException) and gets a reset code, as from ForgotPassword, for
 * ConfirmForgotPassword. No verified email or phone number: InvalidParameterException.
 */
export const adminResetUserPassword: ManagementAction = async (input, { registry, log }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  const delivery = recoveryDestination(pool.UserPool, user.Attributes);
  if (!delivery) throw noRecoveryDestination();
  const poolId = pool.UserPool.Id;
  await registry.putItem(USERS, poolId, { ...user, UserStatus: 'RESET_REQUIRED', UserLastModifiedDate: registry.now() });
  await issueCode(registry, log, { poolId, username: user.Username, kind: 'forgot_password', delivery });
  return {};
};
