import { signOutEverywhere } from '../domain/sign-in/sign-out.js';
import { userOfAccessToken } from '../domain/sign-in/token-user.js';
import type { ManagementAction } from './action.js';
import { accessTokenOf } from './access-token-input.js';

/**
 * GlobalSignOut (cognito-reference-users §4.10): every sign-in of the token's user ends, on every
 * device: their refresh tokens and access tokens are refused from now on, this one included.
 */
export const globalSignOut: ManagementAction = async (input, context) => {
  const { pool, user } = await userOfAccessToken(context, accessTokenOf(input), context.publicUrl);
  await signOutEverywhere(context.registry, pool.UserPool.Id, user);
  return {};
};
