import { userOfAccessToken } from '../domain/sign-in/token-user.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { accessTokenOf } from './access-token-input.js';
import { deletedAttributeNames } from './deleted-attribute-names.js';
import { unauthorizedAttribute } from './messages.js';
import { writableBy } from './writable-attributes.js';

/**
 * DeleteUserAttributes (cognito-reference-users §2.2, §2.11): the token's user removes its own
 * attributes, only those its client may write.
 */
export const deleteUserAttributes: ManagementAction = async (input, context) => {
  const { pool, user, client } = await userOfAccessToken(context, accessTokenOf(input), context.publicUrl);
  const gone = deletedAttributeNames(input);
  if ([...gone].some((name) => !writableBy(client, name))) throw unauthorizedAttribute();
  await context.registry.putItem(USERS, pool.UserPool.Id, {
    ...user, Attributes: user.Attributes.filter((attribute) => !gone.has(attribute.Name)), UserLastModifiedDate: context.registry.now(),
  });
  return {};
};
