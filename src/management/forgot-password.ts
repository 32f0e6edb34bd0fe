import { issueCode } from '../domain/codes/issue-code.js';
import { recoveryDestination, simulatedDestination } from '../model/code-destinations.js';
import type { ManagementAction } from './action.js';
import { cannotResetPassword, noRecoveryDestination, publicUserNotFound, userDisabled } from './messages.js';
import { hidesUsers, publicClientOf, requireSecretHash } from './public-client.js';
import { findUser, usernameOf } from './user-lookups.js';

/**
 * ForgotPassword (cognito-reference-users §2.10): a reset code to the user's first verified
 * recovery attribute (AccountRecoverySetting), for ConfirmForgotPassword. The user's status and
 * password stay as they are until then. With PreventUserExistenceErrors ENABLED an unknown,
 * disabled or unreachable user gets simulated `CodeDeliveryDetails` and no code; LEGACY names the
 * problem.
 */
export const forgotPassword: ManagementAction = async (input, { registry, log }) => {
  const record = publicClientOf(registry, input);
  const given = usernameOf(input);
  requireSecretHash(record, given, input);
  const { pool } = record;
  const hide = hidesUsers(record);
  const simulated = () => ({ CodeDeliveryDetails: simulatedDestination(pool.UserPool, 'forgot_password', given) });
  const user = findUser(registry, pool, given);
  if (!user) {
    if (hide) return simulated();
    throw publicUserNotFound();
  }
  if (!user.Enabled) {
    if (hide) return simulated();
    throw userDisabled();
  }
  // Its temporary password is the way in; an admin resets it (AdminCreateUser RESEND, AdminSetUserPassword) [I].
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') throw cannotResetPassword();
  const delivery = recoveryDestination(pool.UserPool, user.Attributes);
  if (!delivery) {
    if (hide) return simulated();
    throw noRecoveryDestination();
  }
  const issued = await issueCode(registry, log, { poolId: pool.UserPool.Id, username: user.Username, kind: 'forgot_password', delivery });
  return { CodeDeliveryDetails: issued.Delivery };
};
