import { MAX_GROUPS_PER_POOL } from '../model/users.js';
import { GROUPS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { groupMembersOf } from './group-input.js';
import { poolOf } from './lookups.js';
import { groupExists, reservedName, tooManyGroups } from './messages.js';
import { groupNameOf } from './user-lookups.js';
import { groupType } from './user-shape.js';

/** CreateGroup (cognito-reference-users §3.1): a name used once per pool, at most 10,000 groups. */
export const createGroup: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const GroupName = groupNameOf(input);
  const members = groupMembersOf(input);
  if (GroupName === '__proto__') throw reservedName('GroupName');
  const poolId = pool.UserPool.Id;
  if (registry.item(GROUPS, poolId, GroupName)) throw groupExists(GroupName);
  if (registry.items(GROUPS, poolId).length >= MAX_GROUPS_PER_POOL) throw tooManyGroups(MAX_GROUPS_PER_POOL);
  const now = registry.now();
  const group = { GroupName, UserPoolId: poolId, ...members, LastModifiedDate: now, CreationDate: now };
  await registry.putItem(GROUPS, poolId, group);
  return { Group: groupType(group) };
};
