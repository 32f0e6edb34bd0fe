import { isRecord } from '../model/problems.js';
// The pool's `Policies` as DescribeUserPool shows them (UserPoolPolicyType): a password policy and
// a sign-in policy are always there. Terraform reads Policies.PasswordPolicy and .SignInPolicy without a
// nil check on Policies (cognito-reference-users §7.3).

/** A pool created without a password policy (the model's documented defaults, §6.3). */
const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};
/** Sign-in with a password only: what Terraform's acceptance test of a name-only pool reads back from AWS. */
const DEFAULT_SIGN_IN_POLICY = { AllowedFirstAuthFactors: ['PASSWORD'] };

const PASSWORD_POLICY_MEMBERS = ['MinimumLength', 'RequireUppercase', 'RequireLowercase', 'RequireNumbers', 'RequireSymbols',
  'PasswordHistorySize', 'TemporaryPasswordValidityDays'];

const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/**
 * A given password policy as Cognito describes it: each requirement it leaves out is off, the
 * length 8 and temporary passwords valid 7 days (the model's defaults) [I]; members in model order.
 * Terraform sends `false` requirements by leaving them out, and reads them back as false.
 */
function describedPasswordPolicy(given: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {
    MinimumLength: 8, RequireUppercase: false, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false,
    TemporaryPasswordValidityDays: 7, ...given,
  };
  const described: Record<string, unknown> = {};
  for (const member of PASSWORD_POLICY_MEMBERS) if (values[member] !== undefined) described[member] = values[member];
  for (const [member, value] of Object.entries(given)) if (!(member in described)) described[member] = value;
  return described;
}

/** `Policies` with each policy Cognito always has filled in when the pool does not set it. */
export function describedPolicies(policies: unknown): Record<string, unknown> {
  const given = asRecord(policies);
  return {
    ...given,
    PasswordPolicy: given.PasswordPolicy === undefined ? DEFAULT_PASSWORD_POLICY : describedPasswordPolicy(asRecord(given.PasswordPolicy)),
    SignInPolicy: given.SignInPolicy ?? DEFAULT_SIGN_IN_POLICY,
  };
}
