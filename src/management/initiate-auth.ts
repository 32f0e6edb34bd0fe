import type { ManagementAction } from './action.js';
import { startAuthentication } from './auth-start.js';
import { publicClientOf } from './public-client.js';

/** InitiateAuth (cognito-reference-users §4.1): the public first step of a sign-in, by `ClientId` alone. */
export const initiateAuth: ManagementAction = (input, context) => {
  const { pool, client } = publicClientOf(context.registry, input);
  return startAuthentication('InitiateAuth', pool, client, input, context);
};
