import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { page, pageRequest } from './pagination.js';

/** ListResourceServers (reference §6.3): MaxResults 1–50; `ResourceServers` is always present. */
export const listResourceServers: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  const result = page(Object.values(pool.ResourceServers), (server) => server.Identifier, pageRequest(input, { max: 50, required: false }));
  return { ResourceServers: result.items, ...(result.nextToken === undefined ? {} : { NextToken: result.nextToken }) };
};
