import { resourceServerExists, tooManyResourceServers } from './messages.js';
import { MAX_RESOURCE_SERVERS_PER_POOL } from '../model/rules.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { resourceServerInput } from './resource-server-input.js';

/**
 * CreateResourceServer (reference §6.3): at most 25 per pool (§6.6, LimitExceededException), an
 * identifier used once per pool. Its scopes are grantable at once.
 */
export const createResourceServer: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const server = resourceServerInput(input, pool.UserPool.Id);
  if (Object.hasOwn(pool.ResourceServers, server.Identifier)) {
    throw resourceServerExists(server.Identifier, pool.UserPool.Id);
  }
  if (Object.keys(pool.ResourceServers).length >= MAX_RESOURCE_SERVERS_PER_POOL) {
    throw tooManyResourceServers(MAX_RESOURCE_SERVERS_PER_POOL, pool.UserPool.Id);
  }
  await registry.putResourceServer(server);
  return { ResourceServer: server };
};
