import { USERS } from '../store/collections.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { describedPool } from './pool-shape.js';

/**
 * DescribeUserPool (reference §6.3): the pool with Cognito's defaults, its Domain included, and
 * `EstimatedNumberOfUsers` its users now (exact here; Cognito's is an estimate).
 */
export const describeUserPool: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  return { UserPool: { ...describedPool(pool.UserPool), EstimatedNumberOfUsers: registry.items(USERS, pool.UserPool.Id).length } };
};
