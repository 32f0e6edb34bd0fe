import { Problems, checkList, stringItem } from '../model/problems.js';
import { ATTRIBUTE_NAME_RULE } from '../model/users.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { invalidParameter } from './messages.js';
import { poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';
import { userOf } from './user-lookups.js';

/** AdminDeleteUserAttributes (cognito-reference-users §2.8): names the user lacks are no error [I]; `sub` stays. */
export const adminDeleteUserAttributes: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  const p = new Problems();
  if (input.UserAttributeNames === undefined || input.UserAttributeNames === null) {
    p.at('UserAttributeNames').invalid("1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null");
  }
  const names = checkList(p, input, 'UserAttributeNames', 100, stringItem('UserAttributeNames', ATTRIBUTE_NAME_RULE));
  throwFirst(p);
  if (names!.includes('sub')) throw invalidParameter('Attributes did not conform to the schema: sub: Attribute cannot be deleted. (changing an immutable attribute)');
  const gone = new Set(names);
  await registry.putItem(USERS, pool.UserPool.Id, {
    ...user, Attributes: user.Attributes.filter((attribute) => !gone.has(attribute.Name)), UserLastModifiedDate: registry.now(),
  });
  return {};
};
