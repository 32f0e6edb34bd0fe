import { randomBytes } from 'node:crypto';
import { valueHash as hashOf } from '../../keys/value-hash.js';
import type { StoredUser } from '../../model/users.js';
import type { Registry } from '../../registry.js';
import { LOGIN_SESSIONS, USERS } from '../../store/collections.js';

/** "Hosted UI session cookie | 1 hour"; "You can't change the session cookie duration" (cognito-reference-users §6.4). */
export const LOGIN_SESSION_SECONDS = 3600;

/** A new managed-login session for a user who just signed in: the cookie's value (random, opaque, §6.4). */
export async function startLoginSession(registry: Registry, poolId: string, username: string, authTime: number): Promise<string> {
  const value = randomBytes(32).toString('base64url');
  await registry.putItem(LOGIN_SESSIONS, poolId, { SessionHash: hashOf(value), Username: username, AuthTime: authTime,
    ExpiresAt: registry.clock() + LOGIN_SESSION_SECONDS * 1000 });
  return value;
}

/** The user a live session cookie signs in to this pool, with the sign-in's `auth_time`; none for a user disabled or deleted since. */
export function loginSessionUser(registry: Registry, poolId: string, value: string | undefined): { user: StoredUser; authTime: number } | undefined {
  if (value === undefined || value.length > 256) return undefined;
  const session = registry.item(LOGIN_SESSIONS, poolId, hashOf(value));
  if (!session || registry.clock() > session.ExpiresAt) return undefined;
  const user = registry.item(USERS, poolId, session.Username);
  return user?.Enabled ? { user, authTime: session.AuthTime } : undefined;
}

/** `/logout` (§6.11): the session ends; tokens already issued stay valid (§9 Q30). */
export async function endLoginSession(registry: Registry, poolId: string, value: string | undefined): Promise<void> {
  if (value !== undefined && value.length <= 256) await registry.deleteItem(LOGIN_SESSIONS, poolId, hashOf(value));
}
