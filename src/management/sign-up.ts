import { randomUUID } from 'node:crypto';
import { issueCode } from '../domain/codes/issue-code.js';
import { dropCode } from '../domain/codes/use-code.js';
import { signUpDestination } from '../model/code-destinations.js';
import { isRecord, Problems } from '../model/problems.js';
import type { StoredUser } from '../model/users.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { signInAttributeOf } from './admin-create-user.js';
import { reservedName, signUpNotPermitted, userAlreadyExists, usernameExists } from './messages.js';
import { publicClientOf, requireSecretHash } from './public-client.js';
import { throwFirst } from './throw-first.js';
import { findUser, usernameAttributes, usernameOf } from './user-lookups.js';
import { newPasswordOf, passwordRecord, userAttributesOf, withAttributes } from './user-input.js';

/**
 * SignUp (cognito-reference-users §2.9): a new UNCONFIRMED user with the given password and
 * attributes, and a confirmation code to an attribute the pool auto-verifies (none: no code, no
 * `CodeDeliveryDetails`; an admin confirms). The user is never confirmed at once: the mock runs no
 * pre sign-up trigger. Checks: client, secret hash, `AllowAdminCreateUserOnly`, input, then the
 * username (UsernameExistsException whatever PreventUserExistenceErrors says, §4.11).
 */
export const signUp: ManagementAction = async (input, { registry, log }) => {
  const record = publicClientOf(registry, input);
  const given = usernameOf(input);
  requireSecretHash(record, given, input);
  const { pool } = record;
  const adminOnly = pool.UserPool.AdminCreateUserConfig;
  if (isRecord(adminOnly) && adminOnly.AllowAdminCreateUserOnly === true) throw signUpNotPermitted();
  const p = new Problems();
  const attributes = userAttributesOf(p, pool, input, 'UserAttributes', false) ?? [];
  const password = newPasswordOf(p, pool, input, 'Password', true, 'Password did not conform with policy: ');
  throwFirst(p);
  if (given === '__proto__') throw reservedName('Username');

  const signIn = signInAttributeOf(usernameAttributes(pool), given);
  if (findUser(registry, pool, given)) throw signIn ? usernameExists(`An account with the given ${signIn} already exists.`) : userAlreadyExists();
  const poolId = pool.UserPool.Id;
  const sub = randomUUID();
  // In an email or phone-username pool the username is the sub, and the name given is the attribute (§2.1).
  const Username = signIn ? sub : given;
  const now = registry.now();
  const user: StoredUser = {
    Username,
    Attributes: withAttributes([{ Name: 'sub', Value: sub }], signIn ? [...attributes, { Name: signIn, Value: given }] : attributes),
    Enabled: true,
    UserStatus: 'UNCONFIRMED',
    UserCreateDate: now,
    UserLastModifiedDate: now,
    Password: passwordRecord(pool, Username, password!, now),
  };
  await registry.putItem(USERS, poolId, user);
  const delivery = signUpDestination(pool.UserPool, user.Attributes);
  if (delivery) await issueCode(registry, log, { poolId, username: Username, kind: 'signup', delivery });
  else await dropCode(registry, poolId, Username);
  // Members in name order, as Cognito sends them (§1.1).
  return { ...(delivery ? { CodeDeliveryDetails: delivery } : {}), UserConfirmed: false, UserSub: sub };
};
