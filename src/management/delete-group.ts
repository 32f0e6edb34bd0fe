import { deleteChange, putChange } from '../registry.js';
import { GROUPS, USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { groupOf } from './user-lookups.js';

/**
 * DeleteGroup (cognito-reference-users §3.1): members are detached, in the same write (the current
 * model: a deleted group "no longer contributes to users' cognito:groups"; §9 Q8).
 */
export const deleteGroup: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const group = groupOf(registry, pool, input);
  const poolId = pool.UserPool.Id;
  const detached = registry.items(USERS, poolId)
    .filter((user) => user.Groups?.includes(group.GroupName))
    .map((user) => putChange(USERS, { ...user, Groups: user.Groups!.filter((name) => name !== group.GroupName) }));
  await registry.changeItems(poolId, [deleteChange(GROUPS, group.GroupName), ...detached]);
  return {};
};
