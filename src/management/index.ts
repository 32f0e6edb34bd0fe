import type { ManagementAction } from './action.js';
import { createResourceServer } from './create-resource-server.js';
import { createUserPool } from './create-user-pool.js';
import { createUserPoolClient } from './create-user-pool-client.js';
import { createUserPoolDomain } from './create-user-pool-domain.js';
import { deleteResourceServer } from './delete-resource-server.js';
import { deleteUserPool } from './delete-user-pool.js';
import { deleteUserPoolClient } from './delete-user-pool-client.js';
import { deleteUserPoolDomain } from './delete-user-pool-domain.js';
import { describeResourceServer } from './describe-resource-server.js';
import { describeUserPool } from './describe-user-pool.js';
import { describeUserPoolClient } from './describe-user-pool-client.js';
import { describeUserPoolDomain } from './describe-user-pool-domain.js';
import { listResourceServers } from './list-resource-servers.js';
import { listUserPoolClients } from './list-user-pool-clients.js';
import { listUserPools } from './list-user-pools.js';
import { updateResourceServer } from './update-resource-server.js';
import { updateUserPool } from './update-user-pool.js';
import { updateUserPoolClient } from './update-user-pool-client.js';

/** Operation name (the part of X-Amz-Target after the prefix) → action. Anything else: UnknownOperationException. */
export const MANAGEMENT_ACTIONS: ReadonlyMap<string, ManagementAction> = new Map([
  ['CreateUserPool', createUserPool],
  ['DescribeUserPool', describeUserPool],
  ['ListUserPools', listUserPools],
  ['UpdateUserPool', updateUserPool],
  ['DeleteUserPool', deleteUserPool],
  ['CreateResourceServer', createResourceServer],
  ['DescribeResourceServer', describeResourceServer],
  ['ListResourceServers', listResourceServers],
  ['UpdateResourceServer', updateResourceServer],
  ['DeleteResourceServer', deleteResourceServer],
  ['CreateUserPoolClient', createUserPoolClient],
  ['DescribeUserPoolClient', describeUserPoolClient],
  ['ListUserPoolClients', listUserPoolClients],
  ['UpdateUserPoolClient', updateUserPoolClient],
  ['DeleteUserPoolClient', deleteUserPoolClient],
  ['CreateUserPoolDomain', createUserPoolDomain],
  ['DescribeUserPoolDomain', describeUserPoolDomain],
  ['DeleteUserPoolDomain', deleteUserPoolDomain],
]);
