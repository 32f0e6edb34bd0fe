import { type ItemChange, type Registry, deleteChange, putChange } from '../../registry.js';
import type { SignInSession } from '../../model/sign-in-sessions.js';
import type { StoredUser } from '../../model/users.js';
import { SIGN_IN_SESSIONS, USERS } from '../../store/collections.js';

// Ending a user's sign-ins (cognito-reference-users §4.10): the store keeps each sign-in as a
// session under its `origin_jti`; ending one refuses its refresh token ("Refresh Token has been
// revoked") and the access tokens it issued ("Access Token has been revoked"). The tokens stay
// valid JWTs for any other verifier, as Cognito's do.

const sessionsOf = (registry: Registry, poolId: string, username: string): SignInSession[] =>
  registry.items(SIGN_IN_SESSIONS, poolId).filter((session) => session.Username === username);

/**
 * The writes that end every sign-in of the user and refuse its older access tokens
 * (GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser "revokes all access tokens"), with any
 * other change to the user laid over; one write, so a crash leaves all or none.
 */
export function signOutChanges(registry: Registry, poolId: string, user: StoredUser, changes: Partial<StoredUser> = {}): ItemChange[] {
  const now = registry.now();
  const ended = sessionsOf(registry, poolId, user.Username)
    .filter((session) => session.RevokedAt === undefined)
    .map((session) => putChange(SIGN_IN_SESSIONS, { ...session, RevokedAt: now }));
  return [putChange(USERS, { ...user, ...changes, TokensRevokedAt: Math.floor(now) }), ...ended];
}

/** GlobalSignOut / AdminUserGlobalSignOut: every sign-in of the user ended. */
export function signOutEverywhere(registry: Registry, poolId: string, user: StoredUser): Promise<void> {
  return registry.changeItems(poolId, signOutChanges(registry, poolId, user));
}

/** RevokeToken, /oauth2/revoke: one sign-in ended, the user's others kept. Ending one already ended writes nothing. */
export async function endSession(registry: Registry, poolId: string, session: SignInSession): Promise<void> {
  if (session.RevokedAt !== undefined) return;
  await registry.putItem(SIGN_IN_SESSIONS, poolId, { ...session, RevokedAt: registry.now() });
}

/**
 * AdminDeleteUser, DeleteUser: the user and its sign-ins go together, so a user created later
 * under the same name inherits no refresh token.
 */
export function deleteUserAndSessions(registry: Registry, poolId: string, user: StoredUser): Promise<void> {
  const sessions = sessionsOf(registry, poolId, user.Username).map((session) => deleteChange(SIGN_IN_SESSIONS, session.OriginJti));
  return registry.changeItems(poolId, [deleteChange(USERS, user.Username), ...sessions]);
}
