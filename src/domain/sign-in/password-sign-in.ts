import { passwordMatches, passwordVerifier } from '../../keys/password-verifier.js';
import type { StoredPool, UserPoolClient } from '../../model/types.js';
import type { StoredUser } from '../../model/users.js';
import type { Registry } from '../../registry.js';
import { findUser } from '../find-user.js';
import { hidesUserExistence } from './auth-flows.js';
import { refused } from './refusal.js';
import { requireCurrentPassword, requireUsable } from './user-state.js';

/**
 * The user a username and password sign in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH;
 * cognito-reference-users §4.3), checked in Cognito's order: the user is found (by username, alias
 * or sign-in attribute), is enabled and confirmed, the password is right, and it needs no reset.
 * An unknown user is "User does not exist." unless the client hides that (`PreventUserExistenceErrors:
 * ENABLED`), where it is the same "Incorrect username or password." as a wrong password, after the
 * same work, so the answer's time does not tell either.
 */
export function passwordSignIn(registry: Registry, pool: StoredPool, client: UserPoolClient, username: string, password: string): StoredUser {
  const poolId = pool.UserPool.Id;
  const user = findUser(registry, pool, username);
  if (!user) {
    if (!hidesUserExistence(client)) throw refused('user_not_found');
    passwordVerifier(poolId, username, password, 0);
    throw refused('incorrect_credentials');
  }
  requireUsable(user);
  if (!user.Password || !passwordMatches(user.Password, poolId, user.Username, password)) throw refused('incorrect_credentials');
  requireCurrentPassword(pool, user, registry.now());
  return user;
}
