import type { StoredPoolKeys } from '../model/types.js';
import { type SigningKey, generateSigningKey, loadSigningKey } from './signing-key.js';

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

export function loadPoolKeys(stored: StoredPoolKeys): PoolKeys {
  const access = loadSigningKey(stored.access);
  const id = loadSigningKey(stored.id);
  // Rotated-out access keys stay published until retired, so the tokens they signed still verify.
  const previous = (stored.previous ?? []).map((key) => loadSigningKey(key).publicJwk);
  // Compact, members in Cognito's order, public members only (reference §3.1).
  return { access, id, jwksBody: JSON.stringify({ keys: [id.publicJwk, access.publicJwk, ...previous] }) };
}
