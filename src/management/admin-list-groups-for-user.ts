import type { Group } from '../model/users.js';
import { GROUPS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { page, pageRequest, userListRule } from './pagination.js';
import { userOf } from './user-lookups.js';
import { groupType } from './user-shape.js';

/** AdminListGroupsForUser (cognito-reference-users §3.1): `Limit` 0–60, `NextToken`; groups in name order. */
export const adminListGroupsForUser: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  const request = pageRequest(input, userListRule('NextToken'));
  const groups = (user.Groups ?? []).map((name) => registry.item(GROUPS, pool.UserPool.Id, name)).filter((g): g is Group => g !== undefined);
  const result = page(groups, (group) => group.GroupName, request);
  return { Groups: result.items.map(groupType), ...(result.nextToken === undefined ? {} : { NextToken: result.nextToken }) };
};
