import { isRecord } from './problems.js';

// A pool's PasswordPolicy applied to a new password (cognito-reference-users §2.4): one failure per
// request, in the order every captured sample agrees with (length, lowercase, uppercase, numeric,
// symbol). Passwords are never part of a message.

export interface PasswordPolicy {
  MinimumLength: number;
  RequireLowercase: boolean;
  RequireUppercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
}

/** What a pool created without `Policies` enforces (§2.4, the describe output's defaults). */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/**
 * The policy a pool's stored `Policies` sets. A given policy turns off each requirement it leaves
 * out (as DescribeUserPool shows it, management/pool-policies.ts); no `PasswordPolicy` at all is
 * the default one.
 */
export function passwordPolicyOf(policies: unknown): PasswordPolicy {
  const given = isRecord(policies) ? policies.PasswordPolicy : undefined;
  if (!isRecord(given)) return DEFAULT_PASSWORD_POLICY;
  const days = given.TemporaryPasswordValidityDays;
  return {
    MinimumLength: typeof given.MinimumLength === 'number' ? given.MinimumLength : 8,
    RequireLowercase: given.RequireLowercase === true,
    RequireUppercase: given.RequireUppercase === true,
    RequireNumbers: given.RequireNumbers === true,
    RequireSymbols: given.RequireSymbols === true,
    // 0 is the default 7 (§2.3).
    TemporaryPasswordValidityDays: typeof days === 'number' && days > 0 ? days : 7,
  };
}

/** The special characters Cognito counts as symbols, space included (§2.4). */
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ');

/** The rule a password breaks, in Cognito's words after the prefix ("Password not long enough"), or undefined. */
export function passwordPolicyViolation(policy: PasswordPolicy, password: string): string | undefined {
  if ([...password].length < policy.MinimumLength) return 'Password not long enough';
  if (policy.RequireLowercase && !/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (policy.RequireNumbers && !/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (policy.RequireSymbols && ![...password].some((c) => SYMBOLS.has(c))) return 'Password must have symbol characters';
  return undefined;
}
