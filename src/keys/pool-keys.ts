import { DomainError } from '../model/domain-error.js';
import type { StoredPoolKeys, StoredSigningKey } from '../model/types.js';
import { type SigningKey, generateSigningKey, invalidKeyReason, loadSigningKey } from './signing-key.js';

/** A pool's two keys (access tokens, ID tokens: reference §2.1) and its JWKS body, built once. */
export interface PoolKeys {
  access: SigningKey;
  id: SigningKey;
  jwksBody: string;
}

export async function generatePoolKeys(): Promise<StoredPoolKeys> {
  const [access, id] = await Promise.all([generateSigningKey(), generateSigningKey()]);
  return { access, id };
}

/**
 * The pool's stored keys, imported and proven (signing-key.ts). A key that fails is the
 * `invalid_stored_key` problem naming the pool and the key as fixtures and the store name it
 * (`AccessToken`, `IdToken`, `previous[0]`), never its material: a damaged store answers that,
 * not a 500, on every path that needs the pool's keys.
 */
export function loadPoolKeys(stored: StoredPoolKeys, poolId: string): PoolKeys {
  const access = storedKey(stored.access, poolId, 'AccessToken');
  const id = storedKey(stored.id, poolId, 'IdToken');
  // Rotated-out access keys stay published until retired, so the tokens they signed still verify.
  const previous = (stored.previous ?? []).map((key, i) => storedKey(key, poolId, `previous[${i}]`).publicJwk);
  // Compact, members in Cognito's order, public members only (reference §3.1).
  return { access, id, jwksBody: JSON.stringify({ keys: [id.publicJwk, access.publicJwk, ...previous] }) };
}

function storedKey(stored: StoredSigningKey, poolId: string, key: string): SigningKey {
  try {
    return loadSigningKey(stored);
  } catch (error) {
    const reason = invalidKeyReason(error);
    if (reason === undefined) throw error;
    throw new DomainError({ code: 'invalid_stored_key', poolId, key, reason }, { cause: error });
  }
}
