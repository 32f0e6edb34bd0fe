import type { ManagementAction } from './action.js';
import { startAuthentication } from './auth-start.js';
import { clientOf, poolOf } from './lookups.js';

/** AdminInitiateAuth (cognito-reference-users §4.1): the IAM-authorised first step, the client in the named pool. */
export const adminInitiateAuth: ManagementAction = (input, context) => {
  const pool = poolOf(context.registry, input);
  return startAuthentication('AdminInitiateAuth', pool, clientOf(context.registry, pool, input), input, context);
};
