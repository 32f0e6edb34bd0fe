import { refused } from '../domain/sign-in/refusal.js';
import { userOfAccessToken } from '../domain/sign-in/token-user.js';
import { passwordMatches } from '../keys/password-verifier.js';
import { Problems, checkString } from '../model/problems.js';
import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { accessTokenOf } from './access-token-input.js';
import { throwFirst } from './throw-first.js';
import { newPasswordOf, passwordRecord } from './user-input.js';

/**
 * ChangePassword (cognito-reference-users §2.11): the token's user replaces its password, proving
 * the previous one ("Incorrect username or password." otherwise); the pool's policy applies to
 * the new one ("Password does not conform to policy: …", §9 Q4). The user's sign-ins stay.
 */
export const changePassword: ManagementAction = async (input, context) => {
  const { pool, user } = await userOfAccessToken(context, accessTokenOf(input), context.publicUrl);
  const p = new Problems();
  // Never echoed: a wrong one is judged by comparison alone.
  const previous = checkString(p, input, 'PreviousPassword', {});
  const proposed = newPasswordOf(p, pool, input, 'ProposedPassword', true);
  throwFirst(p);
  const poolId = pool.UserPool.Id;
  // Required when the user has a password, which every user with an access token has.
  if (!user.Password || previous === undefined || !passwordMatches(user.Password, poolId, user.Username, previous)) {
    throw refused('incorrect_credentials');
  }
  const now = context.registry.now();
  await context.registry.putItem(USERS, poolId, { ...user, Password: passwordRecord(pool, user.Username, proposed!, now), UserLastModifiedDate: now });
  return {};
};
