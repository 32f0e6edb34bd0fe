import { Problems } from '../model/problems.js';
import { type UserPoolClient, orderClient } from '../model/types.js';
import type { ManagementAction } from './action.js';
import { CONFIG_MEMBERS, clientConfig } from './client-config.js';
import { clientOf, poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';

/**
 * UpdateUserPoolClient (reference §6.3): replaces the whole configuration — "If you don't provide a
 * value for an attribute, Amazon Cognito sets it to its default value" — so a member left out goes
 * back to its default (e.g. scopes dropped, validity back to one hour). The id, secret, creation
 * date and (when not given) the name stay. The next token request sees the new configuration.
 */
export const updateUserPoolClient: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const existing = clientOf(registry, pool, input);
  const p = new Problems();
  const config = clientConfig(p, { ...input, ClientName: input.ClientName ?? existing.ClientName }, pool, existing.ClientSecret !== undefined);
  throwFirst(p);
  // Whatever is not configuration (ids, secret, creation date, any bookkeeping) is carried over.
  const kept = Object.fromEntries(Object.entries(existing).filter(([member]) => !CONFIG_MEMBERS.includes(member)));
  const client = { ...kept, ...config, LastModifiedDate: registry.now() } as UserPoolClient;
  await registry.putClient({ ...orderClient(client), ...client }); // model members in order, bookkeeping after
  return { UserPoolClient: orderClient(client) };
};
