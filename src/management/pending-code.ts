import type { StoredCode } from '../model/codes.js';
import type { Registry } from '../registry.js';
import { CODES } from '../store/collections.js';
import { findUser } from './user-lookups.js';

/**
 * The code a user of the pool is waiting for, for the testing API and `/_mock` (README
 * "Confirmation and reset codes"): the user named as the API names it (username, alias, email of an
 * email-username pool), else the internal username as given (a deleted user's code still shows).
 * Undefined: no pending code (none issued, used, or expired). An unknown pool is `pool_not_found`.
 */
export function pendingCode(registry: Registry, poolId: string, username: string): StoredCode | undefined {
  const pool = registry.requirePool(poolId);
  const user = findUser(registry, pool, username);
  return registry.item(CODES, poolId, user?.Username ?? username);
}
