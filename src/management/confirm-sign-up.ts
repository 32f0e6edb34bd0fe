import { useCode } from '../domain/codes/use-code.js';
import { Problems, checkBoolean, checkString } from '../model/problems.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { CONFIRMATION_CODE_RULE, codeRefusal } from './code-answers.js';
import { cannotConfirm, codeMismatch, publicUserNotFound } from './messages.js';
import { hidesUsers, publicClientOf, requireSecretHash } from './public-client.js';
import { throwFirst } from './throw-first.js';
import { findUser, usernameOf } from './user-lookups.js';
import { withAttributes } from './user-input.js';

/**
 * ConfirmSignUp (cognito-reference-users §2.9): the user's sign-up code makes it CONFIRMED and
 * verifies the attribute the code went to (`email_verified: "true"`). Unknown user: LEGACY
 * UserNotFoundException, ENABLED CodeMismatchException (as ConfirmForgotPassword, §4.11) [I].
 */
export const confirmSignUp: ManagementAction = async (input, { registry }) => {
  const record = publicClientOf(registry, input);
  const given = usernameOf(input);
  const p = new Problems();
  const code = checkString(p, input, 'ConfirmationCode', CONFIRMATION_CODE_RULE);
  // Read for its type only: the mock does not refuse a duplicate alias at confirmation (AliasExistsException), so there is nothing to force [I].
  checkBoolean(p, input, 'ForceAliasCreation');
  throwFirst(p);
  requireSecretHash(record, given, input);
  const { pool } = record;
  const poolId = pool.UserPool.Id;
  const user = findUser(registry, pool, given);
  if (!user) throw hidesUsers(record) ? codeMismatch() : publicUserNotFound();
  if (user.UserStatus !== 'UNCONFIRMED') throw cannotConfirm(user.UserStatus);
  const used = await useCode(registry, poolId, user.Username, 'signup', code!);
  if (used.verdict !== 'ok') throw codeRefusal(used.verdict);
  const verified = `${used.code.Delivery.AttributeName}_verified`;
  await registry.putItem(USERS, poolId, {
    ...user,
    Attributes: withAttributes(user.Attributes, [{ Name: verified, Value: 'true' }]),
    UserStatus: 'CONFIRMED',
    UserLastModifiedDate: registry.now(),
  });
  return {};
};
