import { Problems, checkString } from '../model/problems.js';
import { CLIENT_ID_RULE, IDENTIFIER_RULE, USER_POOL_ID_RULE } from '../model/rules.js';
import type { ResourceServer, StoredPool, UserPoolClient } from '../model/types.js';
import type { Registry } from '../registry.js';
import { clientNotFound, poolNotFound, resourceServerNotFound } from './messages.js';
import { throwFirst } from './throw-first.js';

// Finding the object a request names. The id is checked against its model rule first, then looked
// up; messages as Cognito words them (messages.ts).

/** The pool named by `UserPoolId`, or ResourceNotFoundException "User pool X does not exist.". */
export function poolOf(registry: Registry, input: Record<string, unknown>): StoredPool {
  const p = new Problems();
  const id = checkString(p, input, 'UserPoolId', USER_POOL_ID_RULE);
  throwFirst(p);
  const pool = registry.pool(id!);
  if (!pool) throw poolNotFound(id!);
  return pool;
}

/** The client named by `ClientId` in that pool, or "User pool client X does not exist.". */
export function clientOf(registry: Registry, pool: StoredPool, input: Record<string, unknown>): UserPoolClient {
  const p = new Problems();
  const id = checkString(p, input, 'ClientId', CLIENT_ID_RULE);
  throwFirst(p);
  const record = registry.client(id!);
  if (!record || record.pool.UserPool.Id !== pool.UserPool.Id) throw clientNotFound(id!);
  return record.client;
}

/** The resource server named by `Identifier` in that pool. Own members only (`constructor` is no server). */
export function resourceServerOf(pool: StoredPool, input: Record<string, unknown>): ResourceServer {
  const p = new Problems();
  const identifier = checkString(p, input, 'Identifier', IDENTIFIER_RULE);
  throwFirst(p);
  const server = Object.hasOwn(pool.ResourceServers, identifier!) ? pool.ResourceServers[identifier!] : undefined;
  if (!server) throw resourceServerNotFound(identifier!, pool.UserPool.Id);
  return server;
}


