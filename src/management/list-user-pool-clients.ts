import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { page, pageRequest } from './pagination.js';

/** ListUserPoolClients (reference §6.3): MaxResults 1–60; items `{ClientId, UserPoolId, ClientName}`. */
export const listUserPoolClients: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  const result = page(Object.values(pool.UserPoolClients), (client) => client.ClientId, pageRequest(input, { max: 60, required: false }));
  return {
    UserPoolClients: result.items.map(({ ClientId, UserPoolId, ClientName }) => ({ ClientId, UserPoolId, ClientName })),
    ...(result.nextToken === undefined ? {} : { NextToken: result.nextToken }),
  };
};
