import { GROUPS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { page, pageRequest, userListRule } from './pagination.js';
import { groupType } from './user-shape.js';

/** ListGroups (cognito-reference-users §3.1): `Limit` 0–60, `NextToken`; groups in name order. */
export const listGroups: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  const result = page(registry.items(GROUPS, pool.UserPool.Id), (group) => group.GroupName, pageRequest(input, userListRule('NextToken')));
  return { Groups: result.items.map(groupType), ...(result.nextToken === undefined ? {} : { NextToken: result.nextToken }) };
};
