import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { page, pageRequest, userListRule } from './pagination.js';
import { groupOf } from './user-lookups.js';
import { userType } from './user-shape.js';

/** ListUsersInGroup (cognito-reference-users §3.1): `NextToken` (not `PaginationToken`), users in username order. */
export const listUsersInGroup: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  const group = groupOf(registry, pool, input);
  const request = pageRequest(input, userListRule('NextToken'));
  const members = registry.items(USERS, pool.UserPool.Id).filter((user) => user.Groups?.includes(group.GroupName));
  const result = page(members, (user) => user.Username, request);
  return { ...(result.nextToken === undefined ? {} : { NextToken: result.nextToken }), Users: result.items.map((user) => userType(user)) };
};
