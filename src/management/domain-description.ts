import type { StoredPool } from '../model/types.js';
import { MOCK_ACCOUNT_ID } from './pool-shape.js';

/**
 * Bookkeeping members kept on the stored pool next to `Domain` (not UserPoolType members, so
 * DescribeUserPool never shows them): the domain's version and its managed login version.
 */
export const DOMAIN_MEMBERS = ['DomainVersion', 'ManagedLoginVersion'] as const;

/** `Version` as Cognito writes it for a prefix domain: its creation time as `yyyyMMddHHmmss` (UTC), e.g. "20190128175402". */
export const domainVersion = (epochSeconds: number): string =>
  new Date(epochSeconds * 1000).toISOString().replace(/[-T:]/g, '').slice(0, 14);

/**
 * `DomainDescriptionType` of a prefix domain (reference §6.3): what a real describe-user-pool-domain
 * shows for one, minus `S3Bucket` and `CloudFrontDistribution`, which name AWS infrastructure the
 * mock does not have [I]. A domain created without `ManagedLoginVersion` is on version 1, the
 * classic hosted UI (API reference, CreateUserPoolDomain). Fixture domains are versioned by the
 * pool's creation date.
 */
export function domainDescription(pool: StoredPool, domain: string): Record<string, unknown> {
  const { UserPool } = pool;
  return {
    UserPoolId: UserPool.Id,
    AWSAccountId: MOCK_ACCOUNT_ID,
    Domain: domain,
    Version: typeof UserPool.DomainVersion === 'string' ? UserPool.DomainVersion : domainVersion(UserPool.CreationDate),
    Status: 'ACTIVE',
    ManagedLoginVersion: typeof UserPool.ManagedLoginVersion === 'number' ? UserPool.ManagedLoginVersion : 1,
  };
}
