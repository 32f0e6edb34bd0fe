import { DomainError } from '../model/domain-error.js';
import type { StoredPool, StoredSigningKey } from '../model/types.js';
import type { Registry } from '../registry.js';
import { generateSigningKey, loadSigningKey } from '../keys/signing-key.js';

// Key rotation of a pool's access-token key (README "Key rotation"), in Cognito's way of publishing
// keys ahead of use: "The jwks.json JSON file might be updated at any time … with new public token
// signing keys" (reference §3.1). Rotate: a new key joins the JWKS and signs from now on, the old one
// stays published; retire: the old ones leave the JWKS, and tokens they signed no longer verify.

/**
 * What a rotation did.
 *
 * @example
 * const { signingKid, publishedKids }: KeyRotation = await mock.rotateKeys('us-east-1_Example01');
 */
export interface KeyRotation {
  /** The kid that signs the pool's access tokens now. */
  signingKid: string;
  /** Every kid in the pool's JWKS now (ID-token key, access-token key, keys not yet retired). */
  publishedKids: string[];
}

/**
 * What a retirement did.
 *
 * @example
 * const { retiredKids }: KeyRetirement = await mock.retireKeys('us-east-1_Example01');
 */
export interface KeyRetirement {
  /** The kids that left the JWKS. */
  retiredKids: string[];
  publishedKids: string[];
}

/** Adds a new access-token key (generated, or the one given), switches signing to it, and keeps the old one published. */
export async function rotateAccessKey(registry: Registry, poolId: string, key?: StoredSigningKey): Promise<KeyRotation> {
  registry.requirePool(poolId);
  // A damaged stored key is named (`invalid_stored_key`) before anything changes: rotating would keep it published.
  registry.keys(poolId);
  const next = key ?? await generateSigningKey();
  // Read after the (possibly long) key generation: the pool may have changed or gone meanwhile.
  const pool = registry.requirePool(poolId);
  const kid = loadSigningKey(next).kid;
  if (publishedKids(pool).includes(kid)) throw new DomainError({ code: 'key_already_published', poolId, kid });
  await registry.putKeys(poolId, { ...pool.Keys, access: next, previous: [...(pool.Keys.previous ?? []), pool.Keys.access] });
  return { signingKid: kid, publishedKids: publishedKids(registry.requirePool(poolId)) };
}

/** Removes every rotated-out access-token key from the JWKS (none to retire: nothing changes). */
export async function retireAccessKeys(registry: Registry, poolId: string): Promise<KeyRetirement> {
  const pool = registry.requirePool(poolId);
  registry.keys(poolId);
  const previous = pool.Keys.previous ?? [];
  const retiredKids = previous.map((key) => loadSigningKey(key).kid);
  if (previous.length > 0) {
    const { previous: _retired, ...kept } = pool.Keys;
    await registry.putKeys(poolId, kept);
  }
  return { retiredKids, publishedKids: publishedKids(registry.requirePool(poolId)) };
}

function publishedKids(pool: StoredPool): string[] {
  return [pool.Keys.id, pool.Keys.access, ...(pool.Keys.previous ?? [])].map((key) => loadSigningKey(key).kid);
}
