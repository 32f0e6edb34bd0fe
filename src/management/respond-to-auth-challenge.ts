import type { ManagementAction } from './action.js';
import { answerChallenge } from './auth-challenge.js';
import { publicClientOf } from './public-client.js';

/** RespondToAuthChallenge (cognito-reference-users §4.4, §4.5): the public answer to a sign-in's challenge. */
export const respondToAuthChallenge: ManagementAction = (input, context) => {
  const { pool, client } = publicClientOf(context.registry, input);
  return answerChallenge(pool, client, input, context);
};
