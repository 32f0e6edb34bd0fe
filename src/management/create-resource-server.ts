import { AwsApiError, invalidParameter } from '../errors.js';
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
    // Cognito's wording for a duplicate identifier is not public [I].
    throw invalidParameter(`A resource server with identifier ${server.Identifier} already exists in user pool ${pool.UserPool.Id}.`);
  }
  if (Object.keys(pool.ResourceServers).length >= MAX_RESOURCE_SERVERS_PER_POOL) {
    throw new AwsApiError('LimitExceededException',
      `A user pool can have at most ${MAX_RESOURCE_SERVERS_PER_POOL} resource servers; ${pool.UserPool.Id} has reached the limit.`);
  }
  await registry.putResourceServer(server);
  return { ResourceServer: server };
};
