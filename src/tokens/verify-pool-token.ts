import { type JWTPayload, createLocalJWKSet, errors, jwtVerify } from 'jose';
import type { PoolKeys } from '../keys/pool-keys.js';

/** A token checked against one pool's published keys: its claims, or why it cannot be taken. */
export type PoolTokenVerdict = { ok: true; claims: JWTPayload } | { ok: false; reason: 'invalid' | 'expired' };

// One key set per loaded pool keys: a key rotation loads new PoolKeys, and the old set goes with them.
const keySets = new WeakMap<PoolKeys, ReturnType<typeof createLocalJWKSet>>();

function keySetOf(keys: PoolKeys): ReturnType<typeof createLocalJWKSet> {
  let keySet = keySets.get(keys);
  if (!keySet) {
    keySet = createLocalJWKSet(JSON.parse(keys.jwksBody));
    keySets.set(keys, keySet);
  }
  return keySet;
}

/**
 * Verifies an RS256 JWT against the keys the pool's JWKS publishes (its ID key, access key and
 * rotated-out access keys), at `nowSeconds`: a bad signature, an unknown `kid` or a damaged token
 * is `invalid`; a good one past its `exp` is `expired`, as Cognito tells the two apart on
 * token-authorised calls (cognito-reference-users §2.11).
 */
export async function verifyPoolToken(keys: PoolKeys, token: string, nowSeconds: number): Promise<PoolTokenVerdict> {
  try {
    const { payload } = await jwtVerify(token, keySetOf(keys), { algorithms: ['RS256'], currentDate: new Date(nowSeconds * 1000) });
    return { ok: true, claims: payload };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
