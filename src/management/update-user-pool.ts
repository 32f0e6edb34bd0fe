import { Problems, checkString } from '../model/problems.js';
import { POOL_NAME_RULE } from '../model/rules.js';
import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { MFA_FACTOR_MEMBERS } from './mfa-config.js';
import { RESET_BY_UPDATE, UPDATE_POOL_MEMBERS, checkPoolMembers } from './pool-input.js';
import { throwFirst } from './throw-first.js';

/**
 * UpdateUserPool (reference §6.3): sets the given members and returns the rest of the updatable
 * settings to their defaults, as Cognito documents (see RESET_BY_UPDATE). The id, creation date,
 * schema and Domain stay; PoolName changes the name only when given. Output `{}`.
 */
export const updateUserPool: ManagementAction = async (input, { registry, triggers }) => {
  const pool = poolOf(registry, input);
  const p = new Problems();
  const Name = checkString(p, input, 'PoolName', { ...POOL_NAME_RULE, required: false });
  const members = checkPoolMembers(p, input, UPDATE_POOL_MEMBERS, { mayRunTrigger: (path) => triggers.mayRun(path) });
  throwFirst(p);
  const removed: string[] = RESET_BY_UPDATE.filter((member) => members[member] === undefined);
  // MFA turned off (given as OFF, or left out: its default) takes the MFA factors with it, so
  // GetUserPoolMfaConfig never describes OFF with a factor configured (cognito-reference-users §7.2).
  if ((members.MfaConfiguration ?? 'OFF') === 'OFF') removed.push(...MFA_FACTOR_MEMBERS);
  await registry.updatePool(pool.UserPool.Id, { ...members, ...(Name === undefined ? {} : { Name }) }, removed);
  return {};
};
