import { passwordVerifier } from '../keys/password-verifier.js';
import { type PasswordPolicy, passwordPolicyOf } from '../model/password-policy.js';
import type { Problems } from '../model/problems.js';
import type { StoredPool } from '../model/types.js';
import { type PolicyPrefix, checkNewPassword, checkUserAttributes, poolAttributeNames } from '../model/user-rules.js';
import type { PasswordRecord, UserAttribute } from '../model/users.js';

// What the user operations read from a request, by the pool's own settings (its schema, its
// password policy): cognito-reference-users §2.2, §2.4.

export const policyOf = (pool: StoredPool): PasswordPolicy => passwordPolicyOf(pool.UserPool.Policies);

/** `UserAttributes` of the input, checked against the pool's schema. */
export const userAttributesOf = (p: Problems, pool: StoredPool, input: Record<string, unknown>, member: string, allowEmpty: boolean): UserAttribute[] | undefined =>
  checkUserAttributes(p, input, member, poolAttributeNames(pool.UserPool.SchemaAttributes), { allowEmpty, allowSub: false });

/** A new password of the input, checked against the pool's policy. */
export const newPasswordOf = (p: Problems, pool: StoredPool, input: Record<string, unknown>, member: string, required: boolean,
  prefix?: PolicyPrefix): string | undefined => checkNewPassword(p, input, member, policyOf(pool), required, prefix);

/** The verifier of a password for a user of this pool; the password itself goes no further. */
export const passwordRecord = (pool: StoredPool, username: string, password: string, now: number): PasswordRecord =>
  passwordVerifier(pool.UserPool.Id, username, password, now);

/**
 * `changes` laid over `attributes`: a value replaces the attribute in place, a new name is added
 * at the end, an empty value removes it (AdminUpdateUserAttributes, §2.8).
 */
export function withAttributes(attributes: readonly UserAttribute[], changes: readonly UserAttribute[]): UserAttribute[] {
  const result = attributes.map((attribute) => ({ ...attribute }));
  for (const change of changes) {
    const index = result.findIndex((attribute) => attribute.Name === change.Name);
    if (change.Value === '') { if (index >= 0) result.splice(index, 1); }
    else if (index >= 0) result[index] = { ...change };
    else result.push({ ...change });
  }
  return result;
}
