import type { ManagementAction } from './action.js';
import { poolOf, resourceServerOf } from './lookups.js';

/**
 * DeleteResourceServer (reference §6.3). Clients that list its scopes keep them in their
 * configuration, but tokens leave them out ("Amazon Cognito doesn't add inactive scopes to access
 * tokens", §1.5): the token path reads the pool's active scopes.
 */
export const deleteResourceServer: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const server = resourceServerOf(pool, input);
  await registry.deleteResourceServer(pool.UserPool.Id, server.Identifier);
  return {};
};
