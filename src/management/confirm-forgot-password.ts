import { useCode } from '../domain/codes/use-code.js';
import { Problems, checkString } from '../model/problems.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { CONFIRMATION_CODE_RULE, codeRefusal } from './code-answers.js';
import { codeMismatch, publicUserNotFound, userDisabled } from './messages.js';
import { hidesUsers, publicClientOf, requireSecretHash } from './public-client.js';
import { throwFirst } from './throw-first.js';
import { findUser, usernameOf } from './user-lookups.js';
import { newPasswordOf, passwordRecord } from './user-input.js';

/**
 * ConfirmForgotPassword (cognito-reference-users §2.10): the reset code from ForgotPassword or
 * AdminResetUserPassword sets the new password (the pool's policy applies, checked before the code
 * so a weak password costs no try) and makes the user CONFIRMED, also from RESET_REQUIRED. Unknown
 * or disabled user: LEGACY names it, ENABLED answers CodeMismatchException (§2.10); no pending
 * code: ExpiredCodeException.
 */
export const confirmForgotPassword: ManagementAction = async (input, { registry }) => {
  const record = publicClientOf(registry, input);
  const given = usernameOf(input);
  const { pool } = record;
  const p = new Problems();
  const code = checkString(p, input, 'ConfirmationCode', CONFIRMATION_CODE_RULE);
  const password = newPasswordOf(p, pool, input, 'Password', true);
  throwFirst(p);
  requireSecretHash(record, given, input);
  const hide = hidesUsers(record);
  const user = findUser(registry, pool, given);
  if (!user) throw hide ? codeMismatch() : publicUserNotFound();
  if (!user.Enabled) throw hide ? codeMismatch() : userDisabled();
  const poolId = pool.UserPool.Id;
  const used = await useCode(registry, poolId, user.Username, 'forgot_password', code!);
  if (used.verdict !== 'ok') throw codeRefusal(used.verdict);
  const now = registry.now();
  await registry.putItem(USERS, poolId, {
    ...user,
    Password: passwordRecord(pool, user.Username, password!, now),
    UserStatus: 'CONFIRMED',
    UserLastModifiedDate: now,
  });
  return {};
};
