import { findUser } from '../domain/find-user.js';
import { Problems, checkString } from '../model/problems.js';
import type { StoredPool } from '../model/types.js';
import { GROUP_NAME_RULE, type Group, type StoredUser, USERNAME_RULE } from '../model/users.js';
import type { Registry } from '../registry.js';
import { GROUPS } from '../store/collections.js';
import { groupNotFound, userNotFound } from './messages.js';
import { throwFirst } from './throw-first.js';

// Finding the user or group a request names (cognito-reference-users §2.6, §3.1): the name checked
// against its model rule first, then looked up (domain/find-user.ts).

export { caseInsensitive, findUser, usernameAttributes } from '../domain/find-user.js';

/** The `Username` of the input, checked. */
export function usernameOf(input: Record<string, unknown>): string {
  const p = new Problems();
  const username = checkString(p, input, 'Username', USERNAME_RULE);
  throwFirst(p);
  return username!;
}

/** The `GroupName` of the input, checked. */
export function groupNameOf(input: Record<string, unknown>): string {
  const p = new Problems();
  const name = checkString(p, input, 'GroupName', GROUP_NAME_RULE);
  throwFirst(p);
  return name!;
}

/** The user named by `Username`, or UserNotFoundException "User does not exist.". */
export function userOf(registry: Registry, pool: StoredPool, input: Record<string, unknown>): StoredUser {
  const user = findUser(registry, pool, usernameOf(input));
  if (!user) throw userNotFound();
  return user;
}

/** The group named by `GroupName`, or ResourceNotFoundException "Group not found.". */
export function groupOf(registry: Registry, pool: StoredPool, input: Record<string, unknown>): Group {
  const group = registry.item(GROUPS, pool.UserPool.Id, groupNameOf(input));
  if (!group) throw groupNotFound();
  return group;
}
