import { MAX_GROUPS_PER_USER } from '../model/users.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { tooManyGroupsForUser } from './messages.js';
import { groupOf, userOf } from './user-lookups.js';

/** AdminAddUserToGroup (cognito-reference-users §3.1): adding a member again changes nothing [I]; at most 100 groups a user. */
export const adminAddUserToGroup: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  const group = groupOf(registry, pool, input);
  const groups = user.Groups ?? [];
  if (groups.includes(group.GroupName)) return {};
  if (groups.length >= MAX_GROUPS_PER_USER) throw tooManyGroupsForUser(MAX_GROUPS_PER_USER);
  await registry.putItem(USERS, pool.UserPool.Id, { ...user, Groups: [...groups, group.GroupName] });
  return {};
};
