import { signOutChanges } from '../domain/sign-in/sign-out.js';
import type { Registry } from '../registry.js';
import { USERS } from '../store/collections.js';
import { poolOf } from './lookups.js';
import { userOf } from './user-lookups.js';

/**
 * AdminEnableUser / AdminDisableUser: `Enabled` set, `{}` answered; setting it to what it is writes
 * nothing. Disabling "revokes all access tokens for the user" (cognito-reference-users §2.3): the
 * user's sign-ins end as on a global sign-out, so enabling again brings none of them back [I].
 */
export async function setEnabled(registry: Registry, input: Record<string, unknown>, Enabled: boolean): Promise<object> {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  if (user.Enabled === Enabled) return {};
  const poolId = pool.UserPool.Id;
  const changes = { Enabled, UserLastModifiedDate: registry.now() };
  if (Enabled) await registry.putItem(USERS, poolId, { ...user, ...changes });
  else await registry.changeItems(poolId, signOutChanges(registry, poolId, user, changes));
  return {};
}
