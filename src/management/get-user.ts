import { readableAttributes } from '../domain/sign-in/user-tokens.js';
import { userOfAccessToken } from '../domain/sign-in/token-user.js';
import type { ManagementAction } from './action.js';
import { accessTokenOf } from './access-token-input.js';
import { getUserOutput } from './user-shape.js';

/** GetUser (cognito-reference-users §2.6): the token's user, with the attributes its client may read. */
export const getUser: ManagementAction = async (input, context) => {
  const { user, client } = await userOfAccessToken(context, accessTokenOf(input), context.publicUrl);
  return getUserOutput(user, readableAttributes(client, user));
};
