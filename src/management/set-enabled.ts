import type { Registry } from '../registry.js';
import { USERS } from '../store/collections.js';
import { poolOf } from './lookups.js';
import { userOf } from './user-lookups.js';

/** AdminEnableUser / AdminDisableUser: `Enabled` set, `{}` answered; setting it to what it is writes nothing. */
export async function setEnabled(registry: Registry, input: Record<string, unknown>, Enabled: boolean): Promise<object> {
  const pool = poolOf(registry, input);
  const user = userOf(registry, pool, input);
  if (user.Enabled !== Enabled) await registry.putItem(USERS, pool.UserPool.Id, { ...user, Enabled, UserLastModifiedDate: registry.now() });
  return {};
}
