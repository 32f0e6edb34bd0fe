import { tooManyClients } from './messages.js';
import { newClientId, newClientSecret } from '../model/ids.js';
import { Problems, checkBoolean, checkString } from '../model/problems.js';
import { CLIENT_SECRET_RULE, MAX_CLIENTS_PER_POOL } from '../model/rules.js';
import { orderClient } from '../model/types.js';
import type { ManagementAction } from './action.js';
import { clientConfig } from './client-config.js';
import { poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';

/**
 * CreateUserPoolClient (reference §6.3, §6.5): a 26-character `[0-9a-v]` client id; with
 * `GenerateSecret` a 52-character `[0-9a-v]` secret (§2.4), or the caller's own `ClientSecret`
 * (not both). The client can get tokens as soon as this answers.
 */
export const createUserPoolClient: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const p = new Problems();
  const generate = checkBoolean(p, input, 'GenerateSecret');
  const custom = checkString(p, input, 'ClientSecret', CLIENT_SECRET_RULE);
  if (generate === true && custom !== undefined) {
    // The model's own words: "You cannot specify both GenerateSecret as true and provide a ClientSecret value."
    p.at('ClientSecret').invalid('You cannot specify both GenerateSecret as true and provide a ClientSecret value.');
  }
  const config = clientConfig(p, input, pool, generate === true || custom !== undefined);
  throwFirst(p);
  if (Object.keys(pool.UserPoolClients).length >= MAX_CLIENTS_PER_POOL) {
    throw tooManyClients(MAX_CLIENTS_PER_POOL, pool.UserPool.Id);
  }

  let ClientId = newClientId();
  while (registry.client(ClientId)) ClientId = newClientId();
  const secret = custom ?? (generate === true ? newClientSecret() : undefined);
  const now = registry.now();
  const client = orderClient({
    ...config,
    UserPoolId: pool.UserPool.Id,
    ClientId,
    ...(secret === undefined ? {} : { ClientSecret: secret }),
    CreationDate: now,
    LastModifiedDate: now,
  });
  await registry.putClient(client);
  return { UserPoolClient: client };
};
