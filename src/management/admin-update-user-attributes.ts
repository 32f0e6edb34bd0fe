import { Problems } from '../model/problems.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';
import { userOf } from './user-lookups.js';
import { userAttributesOf, withAttributes } from './user-input.js';

/**
 * AdminUpdateUserAttributes (cognito-reference-users §2.8): each given attribute set, an empty
 * value deleting it; `email_verified: "true"` marks the email verified without a code. `sub`
 * cannot change.
 */
export const adminUpdateUserAttributes: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  const p = new Problems();
  if (input.UserAttributes === undefined || input.UserAttributes === null) {
    p.at('UserAttributes').invalid("1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
  }
  const changes = userAttributesOf(p, pool, input, 'UserAttributes', true);
  throwFirst(p);
  await registry.putItem(USERS, pool.UserPool.Id, {
    ...user, Attributes: withAttributes(user.Attributes, changes!), UserLastModifiedDate: registry.now(),
  });
  return {};
};
