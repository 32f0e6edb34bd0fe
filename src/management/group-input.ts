import { Problems } from '../model/problems.js';
import { checkGroupMembers } from '../model/user-rules.js';
import { throwFirst } from './throw-first.js';

/** `Description`, `RoleArn` and `Precedence` of CreateGroup / UpdateGroup (cognito-reference-users §3.1), checked. */
export function groupMembersOf(input: Record<string, unknown>): ReturnType<typeof checkGroupMembers> {
  const p = new Problems();
  const members = checkGroupMembers(p, input);
  throwFirst(p);
  return members;
}
