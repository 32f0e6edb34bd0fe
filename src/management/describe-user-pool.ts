import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { describedPool } from './pool-shape.js';

/** DescribeUserPool (reference §6.3): the pool with Cognito's defaults, its Domain included. */
export const describeUserPool: ManagementAction = (input, { registry }) =>
  ({ UserPool: describedPool(poolOf(registry, input).UserPool) });
