import { Problems, checkString } from '../model/problems.js';
import { DOMAIN_RULE } from '../model/rules.js';
import type { ManagementAction } from './action.js';
import { domainDescription } from './domain-description.js';
import { throwFirst } from './throw-first.js';

/**
 * DescribeUserPoolDomain (reference §6.3). An unknown domain is not an error: Cognito answers
 * `{"DomainDescription": {}}`, and tools (Terraform, CDK) rely on that to test for existence.
 */
export const describeUserPoolDomain: ManagementAction = (input, { registry }) => {
  const p = new Problems();
  const domain = checkString(p, input, 'Domain', DOMAIN_RULE);
  throwFirst(p);
  const pool = registry.poolByDomain(domain!);
  if (!pool) return { DomainDescription: {} };
  return { DomainDescription: domainDescription(pool, domain!) };
};
