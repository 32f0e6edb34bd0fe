import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { userOf } from './user-lookups.js';

/** AdminDeleteUser (cognito-reference-users §2.8): the user and its memberships go; the username is free again. */
export const adminDeleteUser: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  await registry.deleteItem(USERS, pool.UserPool.Id, user.Username);
  return {};
};
