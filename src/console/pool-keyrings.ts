import { issuerOf, type IssuerMode } from '../model/issuer.js';
import type { Registry } from '../registry.js';
import type { PoolKeyring, PublishedKey } from './inspect-token.js';

/**
 * Every pool's issuer, published keys and clients, for the token decoder. The JWKS lists the ID
 * key, then the access key, then rotated-out access keys (keys/pool-keys.ts): each is named so the
 * page can say which key signed. A pool whose stored keys are damaged is left out (the problem is
 * already in the operator's log).
 */
export function poolKeyrings(registry: Registry, issuerMode: IssuerMode, publicUrl: string): PoolKeyring[] {
  return registry.pools().flatMap((pool) => {
    const poolId = pool.UserPool.Id;
    let jwksBody: string;
    try {
      jwksBody = registry.keys(poolId)!.jwksBody;
    } catch {
      return [];
    }
    const jwks = (JSON.parse(jwksBody) as { keys: PublishedKey['jwk'][] }).keys;
    const keys = jwks.map((jwk, i) => ({ jwk, role: i === 0 ? 'ID-token key' : i === 1 ? 'access-token key' : 'rotated-out access-token key (still published)' }));
    const clients = new Map(Object.values(pool.UserPoolClients).map((client) => [client.ClientId, client.ClientName]));
    return [{ poolId, issuer: issuerOf(issuerMode, publicUrl, pool.UserPool), keys, clients }];
  });
}
