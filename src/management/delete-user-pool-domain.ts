import { noSuchDomain } from './messages.js';
import { Problems, checkString } from '../model/problems.js';
import { DOMAIN_RULE } from '../model/rules.js';
import type { ManagementAction } from './action.js';
import { DOMAIN_MEMBERS } from './domain-description.js';
import { poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';

/** DeleteUserPoolDomain (reference §6.3): the domain must be the pool's own. Output `{}`. */
export const deleteUserPoolDomain: ManagementAction = async (input, { registry }) => {
  const p = new Problems();
  const domain = checkString(p, input, 'Domain', DOMAIN_RULE);
  throwFirst(p);
  const pool = poolOf(registry, input);
  if (pool.UserPool.Domain !== domain) throw noSuchDomain();
  await registry.updatePool(pool.UserPool.Id, {}, ['Domain', ...DOMAIN_MEMBERS]);
  return {};
};
