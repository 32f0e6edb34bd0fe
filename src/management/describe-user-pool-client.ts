import { orderClient } from '../model/types.js';
import type { ManagementAction } from './action.js';
import { clientOf, poolOf } from './lookups.js';

/** DescribeUserPoolClient (reference §6.3): the whole client, `ClientSecret` included, in model order. */
export const describeUserPoolClient: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  return { UserPoolClient: orderClient(clientOf(registry, pool, input)) };
};
