import { regionOf } from '../model/ids.js';
import { USER_POOL_MEMBERS, type UserPool } from '../model/types.js';
import { describedPolicies } from './pool-policies.js';
import { describedSchema } from './standard-attributes.js';

/** The account every mock ARN and domain description names. */
export const MOCK_ACCOUNT_ID = '000000000000';

export const poolArn = (poolId: string): string => `arn:aws:cognito-idp:${regionOf(poolId)}:${MOCK_ACCOUNT_ID}:userpool/${poolId}`;

/** The pool's ARN: its own `Arn` when a fixture gave one (a pasted describe-user-pool output), else the mock's. */
export const arnOf = (pool: UserPool): string => (typeof pool.Arn === 'string' ? pool.Arn : poolArn(pool.Id));

/**
 * Values Cognito fills in for a pool created with nothing but a name. They are not stored: a
 * member the pool does not set shows its default, so UpdateUserPool's "unset means default" is
 * simply "remove the member". Sources: a real describe-user-pool of an API-created pool (2023:
 * LambdaConfig, VerificationMessageTemplate, MfaConfiguration, EstimatedNumberOfUsers,
 * EmailConfiguration, UserPoolTags, AdminCreateUserConfig), Terraform's acceptance test of a
 * name-only pool against AWS (sign-in policy PASSWORD, one account recovery setting, deletion
 * protection INACTIVE, tier ESSENTIALS) and the model's documented defaults (§6.3). Members left
 * out on AWS stay out (UsernameConfiguration, UserAttributeUpdateSettings, DeviceConfiguration,
 * UserPoolAddOns, the verification messages): Terraform reads them as configured blocks.
 */
const DEFAULTS: Record<string, unknown> = {
  DeletionProtection: 'INACTIVE',
  LambdaConfig: {},
  VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
  MfaConfiguration: 'OFF',
  EstimatedNumberOfUsers: 0,
  EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
  UserPoolTags: {},
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
  // The model: "In the absence of this setting, Amazon Cognito uses the legacy behavior to
  // determine the recovery method where SMS is preferred through email" — that order, written out [I].
  AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_phone_number' }, { Priority: 2, Name: 'verified_email' }] },
  UserPoolTier: 'ESSENTIALS',
};

/** A stored pool as DescribeUserPool/CreateUserPool return it: defaults filled in, model order, unset members left out. */
export function describedPool(pool: UserPool): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...DEFAULTS,
    Arn: arnOf(pool),
    ...pool,
    Policies: describedPolicies(pool.Policies),
    SchemaAttributes: describedSchema(pool.SchemaAttributes),
  };
  const described: Record<string, unknown> = {};
  for (const member of USER_POOL_MEMBERS) {
    if (values[member] !== undefined) described[member] = values[member];
  }
  return described;
}

/** `UserPoolDescriptionType`, the ListUserPools item. */
export function poolDescription(pool: UserPool): Record<string, unknown> {
  return {
    Id: pool.Id,
    Name: pool.Name,
    LambdaConfig: pool.LambdaConfig ?? {},
    LastModifiedDate: pool.LastModifiedDate,
    CreationDate: pool.CreationDate,
  };
}
