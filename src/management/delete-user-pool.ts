import { deletionProtected, poolHasDomain } from './messages.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';

/**
 * DeleteUserPool (reference §6.3). Refused, with Cognito's messages, while deletion protection is
 * ACTIVE or a domain is configured. The pool's clients stop authenticating at once. A fixture pool
 * comes back at the next start (fixtures are re-applied; README "Management API").
 */
export const deleteUserPool: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  if (pool.UserPool.DeletionProtection === 'ACTIVE') throw deletionProtected();
  if (pool.UserPool.Domain) throw poolHasDomain();
  await registry.deletePool(pool.UserPool.Id);
  return {};
};
