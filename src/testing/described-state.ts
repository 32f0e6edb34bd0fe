import { describedPool } from '../management/pool-shape.js';
import { type StoredPool, orderClient } from '../model/types.js';
import type { Registry } from '../registry.js';
import type { MockResourceServer, MockUserPool, MockUserPoolClient } from './cognito-mock.js';
import { testingErrorOf } from './cognito-mock-error.js';

// The mock's objects as the management API describes them (DescribeUserPool, DescribeUserPoolClient,
// DescribeResourceServer), so a test reads what an SDK call would answer without the call. Each is
// a fresh copy: a test that changes one cannot change the mock behind the API's back.

export const describedUserPool = (pool: StoredPool): MockUserPool => structuredClone(describedPool(pool.UserPool)) as MockUserPool;

export const describedClient = (pool: StoredPool, clientId: string): MockUserPoolClient =>
  structuredClone(orderClient(pool.UserPoolClients[clientId]!)) as MockUserPoolClient;

export const describedClients = (pool: StoredPool): MockUserPoolClient[] =>
  Object.keys(pool.UserPoolClients).map((clientId) => describedClient(pool, clientId));

export const describedResourceServers = (pool: StoredPool): MockResourceServer[] =>
  structuredClone(Object.values(pool.ResourceServers)) as MockResourceServer[];

/** The pool, or the error the testing API throws for an unknown one. */
export function requirePool(registry: Registry, poolId: string): StoredPool {
  const pool = registry.pool(poolId);
  if (!pool) throw testingErrorOf({ code: 'pool_not_found', poolId });
  return pool;
}
