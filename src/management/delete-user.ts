import { deleteUserAndSessions } from '../domain/sign-in/sign-out.js';
import { userOfAccessToken } from '../domain/sign-in/token-user.js';
import type { ManagementAction } from './action.js';
import { accessTokenOf } from './access-token-input.js';

/** DeleteUser (cognito-reference-users §2.11): the token's user deletes itself, its sign-ins with it. */
export const deleteUser: ManagementAction = async (input, context) => {
  const { pool, user } = await userOfAccessToken(context, accessTokenOf(input), context.publicUrl);
  await deleteUserAndSessions(context.registry, pool.UserPool.Id, user);
  return {};
};
