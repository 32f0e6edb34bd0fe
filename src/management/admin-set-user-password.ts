import { Problems, checkBoolean } from '../model/problems.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';
import { userOf } from './user-lookups.js';
import { newPasswordOf, passwordRecord } from './user-input.js';

/**
 * AdminSetUserPassword (cognito-reference-users §2.8): `Permanent: true` makes the user CONFIRMED
 * (signs in at once), otherwise FORCE_CHANGE_PASSWORD (NEW_PASSWORD_REQUIRED at the next sign-in).
 * The pool's password policy applies either way.
 */
export const adminSetUserPassword: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  const p = new Problems();
  const password = newPasswordOf(p, pool, input, 'Password', true);
  const permanent = checkBoolean(p, input, 'Permanent') ?? false;
  throwFirst(p);
  const now = registry.now();
  await registry.putItem(USERS, pool.UserPool.Id, {
    ...user,
    Password: passwordRecord(pool, user.Username, password!, now),
    UserStatus: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
    UserLastModifiedDate: now,
  });
  return {};
};
