import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { groupOf, userOf } from './user-lookups.js';

/** AdminRemoveUserFromGroup (cognito-reference-users §3.1): a user not in the group is no error [I]. */
export const adminRemoveUserFromGroup: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  const group = groupOf(registry, pool, input);
  if (!user.Groups?.includes(group.GroupName)) return {};
  await registry.putItem(USERS, pool.UserPool.Id, { ...user, Groups: user.Groups.filter((name) => name !== group.GroupName) });
  return {};
};
