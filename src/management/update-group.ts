import { GROUPS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { groupMembersOf } from './group-input.js';
import { poolOf } from './lookups.js';
import { groupOf } from './user-lookups.js';
import { groupType } from './user-shape.js';

/**
 * UpdateGroup (cognito-reference-users §3.1): the members given replace the stored ones, those
 * left out stay as they are [I: the model says nothing of omitted members; Terraform sends all].
 */
export const updateGroup: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const group = groupOf(registry, pool, input);
  const updated = { ...group, ...groupMembersOf(input), LastModifiedDate: registry.now() };
  await registry.putItem(GROUPS, pool.UserPool.Id, updated);
  return { Group: groupType(updated) };
};
