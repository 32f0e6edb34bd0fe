import type { Registry } from '../../registry.js';
import { deleteChange } from '../../registry.js';
import { SIGN_IN_SESSIONS } from '../../store/collections.js';

/**
 * How long a sign-in is kept after its refresh token expired: for that day its token is still
 * answered "Refresh Token has expired" (cognito-reference-users §4.6); after it the session is
 * gone and the token is an unknown one, "Invalid Refresh Token.". Without an end, every sign-in
 * would stay in the store and in memory for good.
 */
export const EXPIRED_SESSION_KEPT_SECONDS = 24 * 60 * 60;

/** How often a running server drops sessions past that day. */
export const SESSION_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** Removes, pool by pool in one write each, the sign-ins whose refresh token expired over a day ago; returns how many. */
export async function pruneExpiredSessions(registry: Registry): Promise<number> {
  const before = registry.now() - EXPIRED_SESSION_KEPT_SECONDS;
  let pruned = 0;
  for (const pool of registry.pools()) {
    const poolId = pool.UserPool.Id;
    const gone = registry.items(SIGN_IN_SESSIONS, poolId).filter((session) => session.ExpiresAt < before);
    if (gone.length === 0) continue;
    await registry.changeItems(poolId, gone.map((session) => deleteChange(SIGN_IN_SESSIONS, session.OriginJti)));
    pruned += gone.length;
  }
  return pruned;
}
