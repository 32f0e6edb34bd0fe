import { describe, expect, it } from 'vitest';
import { hashMapCapacity, hashMapOrder, javaStringHash } from '../../src/model/attribute-order.js';
import { DEFAULT_PASSWORD_POLICY, passwordPolicyOf, passwordPolicyViolation } from '../../src/model/password-policy.js';

describe('attribute order (Java HashMap iteration, cognito-reference-users §1.2)', () => {
  it('hashes as Java String.hashCode', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('sub')).toBe(114240);
    expect(javaStringHash('hello')).toBe(99162322);
    // Overflows to negative as Java's int does.
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });

  it('orders the real samples as Cognito sent them', () => {
    const names = (list: string[]) => hashMapOrder(list, (name) => name);
    // O1 GetUser and D3 admin-get-user, from alphabetical input.
    expect(names(['address', 'email', 'email_verified', 'name', 'phone_number_verified', 'sub']))
      .toEqual(['sub', 'address', 'email_verified', 'name', 'phone_number_verified', 'email']);
    expect(names(['email', 'email_verified', 'phone_number', 'phone_number_verified', 'sub']))
      .toEqual(['sub', 'email_verified', 'phone_number_verified', 'phone_number', 'email']);
    expect(names(['email', 'phone_number', 'sub'])).toEqual(['sub', 'phone_number', 'email']);
  });

  it('grows the table from 12 entries', () => {
    expect(hashMapCapacity(0)).toBe(16);
    expect(hashMapCapacity(11)).toBe(16);
    expect(hashMapCapacity(12)).toBe(32);
    expect(hashMapCapacity(24)).toBe(64);
  });
});

describe('password policy (§2.4)', () => {
  it('checks length, lowercase, uppercase, numbers, symbols in that order, one at a time', () => {
    const policy = DEFAULT_PASSWORD_POLICY;
    expect(passwordPolicyViolation(policy, 'Aa1!')).toBe('Password not long enough');
    expect(passwordPolicyViolation(policy, '12341234')).toBe('Password must have lowercase characters');
    expect(passwordPolicyViolation(policy, 'davide12345')).toBe('Password must have uppercase characters');
    expect(passwordPolicyViolation(policy, 'TestTest')).toBe('Password must have numeric characters');
    expect(passwordPolicyViolation(policy, 'TestTest1')).toBe('Password must have symbol characters');
    expect(passwordPolicyViolation(policy, 'Test Test1')).toBeUndefined();
    expect(passwordPolicyViolation(policy, 'TestTest1^')).toBeUndefined();
  });

  it('reads a pool\'s policy: left-out requirements are off, no policy is the default', () => {
    expect(passwordPolicyOf(undefined)).toEqual(DEFAULT_PASSWORD_POLICY);
    const relaxed = passwordPolicyOf({ PasswordPolicy: { MinimumLength: 6, TemporaryPasswordValidityDays: 0 } });
    expect(relaxed).toMatchObject({ MinimumLength: 6, RequireSymbols: false, TemporaryPasswordValidityDays: 7 });
    expect(passwordPolicyViolation(relaxed, 'abcdef')).toBeUndefined();
  });
});
