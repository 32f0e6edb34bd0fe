import { signOutEverywhere } from '../domain/sign-in/sign-out.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { userOf } from './user-lookups.js';

/** AdminUserGlobalSignOut (cognito-reference-users §4.10): GlobalSignOut for any user of the pool, by name. */
export const adminUserGlobalSignOut: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  await signOutEverywhere(registry, pool.UserPool.Id, user);
  return {};
};
