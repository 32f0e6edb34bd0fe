import { userOfAccessToken } from '../domain/sign-in/token-user.js';
import { Problems } from '../model/problems.js';
import type { UserAttribute } from '../model/users.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { accessTokenOf } from './access-token-input.js';
import { stringMap } from './auth-input.js';
import { unauthorizedAttribute } from './messages.js';
import { throwFirst } from './throw-first.js';
import { userAttributesOf, withAttributes } from './user-input.js';
import { writableBy } from './writable-attributes.js';

/**
 * UpdateUserAttributes (cognito-reference-users §2.11): the token's user sets its own attributes,
 * only those its client may write (`WriteAttributes`; all but the `*_verified` ones when it names
 * none), else NotAuthorizedException. A new email or phone number is no longer verified. The mock
 * sends no verification code, so the answer carries no `CodeDeliveryDetailsList` [I].
 */
export const updateUserAttributes: ManagementAction = async (input, context) => {
  const { pool, user, client } = await userOfAccessToken(context, accessTokenOf(input), context.publicUrl);
  const p = new Problems();
  if (input.UserAttributes === undefined || input.UserAttributes === null) {
    p.at('UserAttributes').invalid("1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
  }
  const changes = userAttributesOf(p, pool, input, 'UserAttributes', true);
  throwFirst(p);
  stringMap(input, 'ClientMetadata');
  if (changes!.some((change) => !writableBy(client, change.Name))) throw unauthorizedAttribute();
  const attributes = withAttributes(user.Attributes, [...changes!, ...unverified(user.Attributes, changes!)]);
  await context.registry.putItem(USERS, pool.UserPool.Id, { ...user, Attributes: attributes, UserLastModifiedDate: context.registry.now() });
  return {};
};

/** `email_verified` / `phone_number_verified` reset to "false" where the value they vouch for changes. */
function unverified(current: readonly UserAttribute[], changes: readonly UserAttribute[]): UserAttribute[] {
  return changes
    .filter((change) => (change.Name === 'email' || change.Name === 'phone_number') && change.Value !== '')
    .filter((change) => current.find((attribute) => attribute.Name === change.Name)?.Value !== change.Value)
    .map((change) => ({ Name: `${change.Name}_verified`, Value: 'false' }));
}
