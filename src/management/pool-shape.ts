import { regionOf } from '../model/ids.js';
import { USER_POOL_MEMBERS, type UserPool } from '../model/types.js';

/** The account every mock ARN and domain description names. */
export const MOCK_ACCOUNT_ID = '000000000000';

export const poolArn = (poolId: string): string => `arn:aws:cognito-idp:${regionOf(poolId)}:${MOCK_ACCOUNT_ID}:userpool/${poolId}`;


/**
 * Values Cognito fills in for a pool created with nothing but a name [I: the model's documented
 * defaults — password policy, INACTIVE deletion protection, MFA OFF, ESSENTIALS tier (§6.3)].
 * They are not stored: a member the pool does not set shows its default, so UpdateUserPool's
 * "unset means default" is simply "remove the member".
 */
const DEFAULTS: Record<string, unknown> = {
  Policies: {
    PasswordPolicy: {
      MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    },
  },
  DeletionProtection: 'INACTIVE',
  LambdaConfig: {},
  MfaConfiguration: 'OFF',
  EstimatedNumberOfUsers: 0,
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
  UserPoolTier: 'ESSENTIALS',
};

/** A stored pool as DescribeUserPool/CreateUserPool return it: defaults filled in, model order, unset members left out. */
export function describedPool(pool: UserPool): Record<string, unknown> {
  const values: Record<string, unknown> = { ...DEFAULTS, Arn: poolArn(pool.Id), ...pool };
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
