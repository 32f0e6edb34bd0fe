import type { ManagementAction } from './action.js';
import { poolOf, resourceServerOf } from './lookups.js';

/** DescribeResourceServer (reference §6.3). */
export const describeResourceServer: ManagementAction = (input, { registry }) =>
  ({ ResourceServer: resourceServerOf(poolOf(registry, input), input) });
