import { randomBytes, randomUUID } from 'node:crypto';
import { Problems, checkList, checkString, stringItem } from '../model/problems.js';
import type { PasswordPolicy } from '../model/password-policy.js';
import type { StoredUser } from '../model/users.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { invalidParameter, reservedName, resendNotPossible, userNotFound, usernameExists } from './messages.js';
import { throwFirst } from './throw-first.js';
import { findUser, usernameAttributes, usernameOf } from './user-lookups.js';
import { newPasswordOf, passwordRecord, policyOf, userAttributesOf, withAttributes } from './user-input.js';
import { userType } from './user-shape.js';

/**
 * AdminCreateUser (cognito-reference-users §2.5): a new user in FORCE_CHANGE_PASSWORD with the
 * given temporary password, or one generated (which nobody learns: the mock sends no messages, so
 * such a user signs in once an admin sets a password). `MessageAction: RESEND` is for a user that
 * exists and still has its temporary password: it may set a new one. `sub` is a random UUID, kept
 * for the user's life.
 */
export const adminCreateUser: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const given = usernameOf(input);
  const p = new Problems();
  const attributes = userAttributesOf(p, pool, input, 'UserAttributes', false) ?? [];
  const temporary = newPasswordOf(p, pool, input, 'TemporaryPassword', false);
  const action = checkString(p, input, 'MessageAction', {});
  if (action !== undefined && action !== 'RESEND' && action !== 'SUPPRESS') {
    p.at('MessageAction').invalid(`1 validation error detected: Value '${action}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`);
  }
  checkList(p, input, 'DesiredDeliveryMediums', 2, (item, at) => {
    const medium = stringItem('DesiredDeliveryMediums', {})(item, at);
    if (medium !== undefined && medium !== 'SMS' && medium !== 'EMAIL') {
      at.invalid(`1 validation error detected: Value '[${medium}]' at 'desiredDeliveryMediums' failed to satisfy constraint: Member must satisfy enum value set: [SMS, EMAIL]`);
    }
    return medium;
  });
  throwFirst(p);
  if (given === '__proto__') throw reservedName('Username');

  const poolId = pool.UserPool.Id;
  const existing = findUser(registry, pool, given);
  const now = registry.now();
  let user: StoredUser;
  if (action === 'RESEND') {
    if (!existing) throw userNotFound();
    const Username = existing.Username;
    if (existing.UserStatus !== 'FORCE_CHANGE_PASSWORD') throw resendNotPossible(existing.UserStatus);
    // A resend starts the temporary password's validity again (§2.5).
    const Password = temporary !== undefined ? passwordRecord(pool, Username, temporary, now)
      : existing.Password ? { ...existing.Password, SetDate: now } : passwordRecord(pool, Username, generatedPassword(policyOf(pool)), now);
    user = { ...existing, Password, UserLastModifiedDate: now };
  } else {
    const signIn = signInAttributeOf(usernameAttributes(pool), given);
    if (existing) throw signIn ? usernameExists(`An account with the given ${signIn} already exists.`) : usernameExists();
    const sub = randomUUID();
    // In an email or phone-username pool the username is the sub, and the name given is the attribute (§2.1).
    const Username = signIn ? sub : given;
    user = {
      Username,
      Attributes: withAttributes([{ Name: 'sub', Value: sub }], signIn ? [...attributes, { Name: signIn, Value: given }] : attributes),
      Enabled: true,
      UserStatus: 'FORCE_CHANGE_PASSWORD',
      UserCreateDate: now,
      UserLastModifiedDate: now,
      Password: passwordRecord(pool, Username, temporary ?? generatedPassword(policyOf(pool)), now),
    };
  }
  await registry.putItem(USERS, poolId, user);
  return { User: userType(user) };
};

/**
 * Which of the pool's `UsernameAttributes` the name given as `Username` is (`email`,
 * `phone_number`), undefined in a pool without them; neither → InvalidParameterException (§2.1).
 */
export function signInAttributeOf(allowed: readonly string[], name: string): string | undefined {
  if (allowed.length === 0) return undefined;
  if (allowed.includes('email') && /^[^@\s]+@[^@\s]+$/.test(name)) return 'email';
  if (allowed.includes('phone_number') && /^\+[0-9]{1,20}$/.test(name)) return 'phone_number';
  throw invalidParameter('Username should be either an email or a phone number.');
}

/** A temporary password the pool's policy accepts: random letters and digits with one of each required kind. */
function generatedPassword(policy: PasswordPolicy): string {
  const random = randomBytes(Math.max(policy.MinimumLength, 16)).toString('base64url').replace(/[-_]/g, 'x');
  return `${random}aA1!`;
}
