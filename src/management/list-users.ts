import { Problems, checkList, checkString, stringItem } from '../model/problems.js';
import { ATTRIBUTE_NAME_RULE } from '../model/users.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { parseUserFilter } from './list-users-filter.js';
import { poolOf } from './lookups.js';
import { page, pageRequest, userListRule } from './pagination.js';
import { throwFirst } from './throw-first.js';
import { userType } from './user-shape.js';

/**
 * ListUsers (cognito-reference-users §2.7): `Filter`, `Limit` 0–60 (default 60, §9 Q15),
 * `PaginationToken`, `AttributesToGet` (omitted: all). Users come in username order, which keeps a
 * chain of pages free of duplicates; `PaginationToken` only when there is more.
 */
export const listUsers: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  const p = new Problems();
  const filter = checkString(p, input, 'Filter', { max: 256 });
  const only = checkList(p, input, 'AttributesToGet', 100, stringItem('AttributesToGet', ATTRIBUTE_NAME_RULE));
  throwFirst(p);
  const request = pageRequest(input, userListRule('PaginationToken'));
  const matches = parseUserFilter(filter);
  const result = page(registry.items(USERS, pool.UserPool.Id).filter(matches), (user) => user.Username, request);
  const names = only === undefined ? undefined : new Set(only);
  return {
    ...(result.nextToken === undefined ? {} : { PaginationToken: result.nextToken }),
    Users: result.items.map((user) => userType(user, names)),
  };
};
