import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { userOf } from './user-lookups.js';
import { adminGetUserOutput } from './user-shape.js';

/** AdminGetUser (cognito-reference-users §2.6): `UserAttributes`, not `Attributes`; no MFA members (none is set). */
export const adminGetUser: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  return adminGetUserOutput(userOf(registry, pool, input));
};
