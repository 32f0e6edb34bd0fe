import { timingSafeEqual } from 'node:crypto';
import { type CodeKind, MAX_FAILED_ATTEMPTS, type StoredCode } from '../../model/codes.js';
import type { Registry } from '../../registry.js';
import { CODES } from '../../store/collections.js';

/**
 * What a code given by a user is worth (§2.9, §2.10): `ok` (the pending code, taken out: a code
 * works once), `mismatch` (counted against the code), `expired` (no pending code of this kind: it
 * expired, was used, or none was requested; Cognito answers ExpiredCodeException for each), or
 * `limit_exceeded` once the code has had its share of wrong tries.
 */
export type CodeVerdict = { verdict: 'ok'; code: StoredCode } | { verdict: 'mismatch' | 'expired' | 'limit_exceeded' };

/** Checks `given` against the user's pending code of `kind`, in constant time, and uses it up if it matches. */
export async function useCode(registry: Registry, poolId: string, username: string, kind: CodeKind, given: string): Promise<CodeVerdict> {
  const pending = registry.item(CODES, poolId, username);
  if (!pending || pending.Kind !== kind) return { verdict: 'expired' };
  if (pending.FailedAttempts >= MAX_FAILED_ATTEMPTS[kind]) return { verdict: 'limit_exceeded' };
  if (!sameCode(pending.Code, given)) {
    await registry.putItem(CODES, poolId, { ...pending, FailedAttempts: pending.FailedAttempts + 1 });
    return { verdict: 'mismatch' };
  }
  await registry.deleteItem(CODES, poolId, username);
  return { verdict: 'ok', code: pending };
}

/**
 * Drops the user's pending code of `kind` (the user was confirmed another way), or of any kind (a
 * new user under a deleted one's name must not inherit its code).
 */
export async function dropCode(registry: Registry, poolId: string, username: string, kind?: CodeKind): Promise<void> {
  const pending = registry.item(CODES, poolId, username);
  if (pending && (kind === undefined || pending.Kind === kind)) await registry.deleteItem(CODES, poolId, username);
}

/** Constant time: a code of another length is compared against itself, so it takes as long as a wrong one. */
function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(a, a);
}
