import type { ManagementAction } from './action.js';
import { clientOf, poolOf } from './lookups.js';

/** DeleteUserPoolClient (reference §6.3): the next token request with its credentials is `invalid_client`. */
export const deleteUserPoolClient: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const client = clientOf(registry, pool, input);
  await registry.deleteClient(pool.UserPool.Id, client.ClientId);
  return {};
};
