import type { ManagementAction } from './action.js';
import { answerChallenge } from './auth-challenge.js';
import { clientOf, poolOf } from './lookups.js';

/** AdminRespondToAuthChallenge: the IAM-authorised answer, the client in the named pool. */
export const adminRespondToAuthChallenge: ManagementAction = (input, context) => {
  const pool = poolOf(context.registry, input);
  return answerChallenge(pool, clientOf(context.registry, pool, input), input, context);
};
