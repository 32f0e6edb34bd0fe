import { dropCode } from '../domain/codes/use-code.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { cannotConfirm } from './messages.js';
import { userOf } from './user-lookups.js';

/**
 * AdminConfirmSignUp (cognito-reference-users §2.8): an UNCONFIRMED user becomes CONFIRMED without
 * a code (its pending sign-up code is dropped); no attribute is verified by it. Any other status:
 * NotAuthorizedException, ConfirmSignUp's text (§9 Q13).
 */
export const adminConfirmSignUp: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  if (user.UserStatus !== 'UNCONFIRMED') throw cannotConfirm(user.UserStatus);
  const poolId = pool.UserPool.Id;
  await registry.putItem(USERS, poolId, { ...user, UserStatus: 'CONFIRMED', UserLastModifiedDate: registry.now() });
  await dropCode(registry, poolId, user.Username, 'signup');
  return {};
};
