import { invalidParameter } from '../errors.js';
import { Problems, checkString } from '../model/problems.js';
import { DOMAIN_RULE } from '../model/rules.js';
import type { ManagementAction } from './action.js';
import { DOMAIN_MEMBERS } from './domain-description.js';
import { poolOf } from './lookups.js';

/** DeleteUserPoolDomain (reference §6.3): the domain must be the pool's own. Output `{}`. */
export const deleteUserPoolDomain: ManagementAction = async (input, { registry }) => {
  const p = new Problems();
  const domain = checkString(p, input, 'Domain', DOMAIN_RULE);
  p.throwFirst();
  const pool = poolOf(registry, input);
  if (pool.UserPool.Domain !== domain) throw invalidParameter('No such domain or user pool exists.');
  await registry.updatePool(pool.UserPool.Id, {}, ['Domain', ...DOMAIN_MEMBERS]);
  return {};
};
