import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { deletedAttributeNames } from './deleted-attribute-names.js';
import { poolOf } from './lookups.js';
import { userOf } from './user-lookups.js';

/** AdminDeleteUserAttributes (cognito-reference-users §2.8): the named attributes removed; `sub` stays. */
export const adminDeleteUserAttributes: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  const gone = deletedAttributeNames(input);
  await registry.putItem(USERS, pool.UserPool.Id, {
    ...user, Attributes: user.Attributes.filter((attribute) => !gone.has(attribute.Name)), UserLastModifiedDate: registry.now(),
  });
  return {};
};
