import { deleteUserAndSessions } from '../domain/sign-in/sign-out.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { userOf } from './user-lookups.js';

/**
 * AdminDeleteUser (cognito-reference-users §2.8): the user, its memberships and its sign-ins go;
 * the username is free again.
 */
export const adminDeleteUser: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  await deleteUserAndSessions(registry, pool.UserPool.Id, user);
  return {};
};
