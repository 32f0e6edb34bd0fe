import { passwordPolicyOf } from '../../model/password-policy.js';
import type { StoredPool } from '../../model/types.js';
import type { StoredUser } from '../../model/users.js';
import { refused } from './refusal.js';

// The user's state against a sign-in, in Cognito's order (cognito-reference-users §4.3): disabled
// and unconfirmed users are refused before their password is looked at; a reset password and an
// expired temporary one after it.

/** Before the password: "User is disabled.", then "User is not confirmed.". */
export function requireUsable(user: StoredUser): void {
  if (!user.Enabled) throw refused('user_disabled');
  if (user.UserStatus === 'UNCONFIRMED') throw refused('user_not_confirmed');
}

/**
 * After a right password: RESET_REQUIRED → "Password reset required for the user"; a temporary
 * password older than the pool's `TemporaryPasswordValidityDays` → "Temporary password has expired
 * and must be reset by an administrator." (`now`: epoch seconds).
 */
export function requireCurrentPassword(pool: StoredPool, user: StoredUser, now: number): void {
  if (user.UserStatus === 'RESET_REQUIRED') throw refused('password_reset_required');
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD' && user.Password !== undefined) {
    const days = passwordPolicyOf(pool.UserPool.Policies).TemporaryPasswordValidityDays;
    if (now > user.Password.SetDate + days * 86_400) throw refused('temporary_password_expired');
  }
}
