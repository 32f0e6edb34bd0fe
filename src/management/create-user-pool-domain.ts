import { domainAlreadyConfigured, domainTaken } from './messages.js';
import { Problems, checkInteger } from '../model/problems.js';
import { checkDomainPrefix } from '../model/rules.js';
import type { ManagementAction } from './action.js';
import { domainVersion } from './domain-description.js';
import { poolOf } from './lookups.js';
import { throwFirst } from './throw-first.js';

/**
 * CreateUserPoolDomain for prefix domains (reference §6.3, §6.5): one per pool, unique across
 * pools, no reserved words. DescribeUserPool shows it from then on. Custom domains (certificates,
 * CloudFront) are not emulated. Output `{}` as for a prefix domain.
 */
export const createUserPoolDomain: ManagementAction = async (input, { registry }) => {
  const pool = poolOf(registry, input);
  const p = new Problems();
  const domain = checkDomainPrefix(p, input);
  const version = checkInteger(p, input, 'ManagedLoginVersion', 1, 2);
  if (input.CustomDomainConfig !== undefined) {
    p.at('CustomDomainConfig').invalid('cognito-mock supports prefix domains only; CustomDomainConfig is not supported.');
  }
  throwFirst(p);
  if (pool.UserPool.Domain) throw domainAlreadyConfigured();
  if (registry.poolByDomain(domain!)) throw domainTaken();
  await registry.updatePool(pool.UserPool.Id,
    { Domain: domain!, DomainVersion: domainVersion(registry.now()), ...(version === undefined ? {} : { ManagedLoginVersion: version }) });
  return version === undefined ? {} : { ManagedLoginVersion: version };
};
