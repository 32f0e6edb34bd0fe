import { Problems, checkList, stringItem } from '../model/problems.js';
import { ATTRIBUTE_NAME_RULE } from '../model/users.js';
import { invalidParameter } from './messages.js';
import { throwFirst } from './throw-first.js';

/**
 * `UserAttributeNames` of (Admin)DeleteUserAttributes (cognito-reference-users §2.8): required, at
 * most 100 names; `sub` cannot be deleted. Names the user lacks are no error [I].
 */
export function deletedAttributeNames(input: Record<string, unknown>): ReadonlySet<string> {
  const p = new Problems();
  if (input.UserAttributeNames === undefined || input.UserAttributeNames === null) {
    p.at('UserAttributeNames').invalid("1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null");
  }
  const names = checkList(p, input, 'UserAttributeNames', 100, stringItem('UserAttributeNames', ATTRIBUTE_NAME_RULE));
  throwFirst(p);
  if (names!.includes('sub')) throw invalidParameter('Attributes did not conform to the schema: sub: Attribute cannot be deleted. (changing an immutable attribute)');
  return new Set(names);
}
