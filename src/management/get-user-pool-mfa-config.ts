import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { describedMfaConfig } from './mfa-config.js';

/**
 * GetUserPoolMfaConfig (cognito-reference-users §7.1): `{"MfaConfiguration":"OFF"}` for a pool that
 * never configured MFA (what Terraform reads after every DescribeUserPool, §7.3), else the stored
 * blocks and the mode DescribeUserPool shows.
 */
export const getUserPoolMfaConfig: ManagementAction = (input, { registry }) =>
  describedMfaConfig(poolOf(registry, input).UserPool);
