import type { ManagementAction } from './action.js';
import { poolOf, resourceServerOf } from './lookups.js';
import { resourceServerInput } from './resource-server-input.js';

/**
 * UpdateResourceServer (reference §6.3): replaces the name and the whole scope list ("If you don't
 * provide a value for an attribute, it is set to the default value"). Scopes it drops leave the
 * next tokens; clients keep listing them, and they come back if re-added (§1.5).
 */
export const updateResourceServer: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const server = resourceServerInput(input, pool.UserPool.Id);
  resourceServerOf(pool, input);
  await registry.putResourceServer(server);
  return { ResourceServer: server };
};
