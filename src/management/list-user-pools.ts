import type { ManagementAction } from './action.js';
import { page, pageRequest } from './pagination.js';
import { poolDescription } from './pool-shape.js';

/**
 * ListUserPools (reference §6.3): MaxResults is required (1–60). Every pool is listed whatever
 * the caller's region: the mock is one endpoint for all regions, and a fixture pool in us-east-1
 * should not vanish for a CLI configured for eu-west-1 [I].
 */
export const listUserPools: ManagementAction = (input, { registry }) => {
  const request = pageRequest(input, { max: 60, required: true });
  const result = page(registry.pools(), (pool) => pool.UserPool.Id, request);
  return {
    UserPools: result.items.map((pool) => poolDescription(pool.UserPool)),
    ...(result.nextToken === undefined ? {} : { NextToken: result.nextToken }),
  };
};
