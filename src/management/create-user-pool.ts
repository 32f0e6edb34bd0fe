import { dictionary } from '../model/dictionary.js';
import { newUserPoolId } from '../model/ids.js';
import { Problems, checkString } from '../model/problems.js';
import { POOL_NAME_RULE } from '../model/rules.js';
import type { UserPool } from '../model/types.js';
import type { ManagementAction } from './action.js';
import { CREATE_POOL_MEMBERS, checkPoolMembers } from './pool-input.js';
import { describedPool } from './pool-shape.js';
import { throwFirst } from './throw-first.js';

/**
 * CreateUserPool (reference §6.3): id `<region>_<9 alphanumerics>` in the region the caller signed
 * for (§2.4). Both signing keys are generated (on the thread pool) before the pool is stored, so
 * the pool is never visible without keys and its first JWKS request already has both.
 */
export const createUserPool: ManagementAction = async (input, { registry, region, triggers }) => {
  const p = new Problems();
  const Name = checkString(p, input, 'PoolName', POOL_NAME_RULE);
  const members = checkPoolMembers(p, input, CREATE_POOL_MEMBERS, { mayRunTrigger: (path) => triggers.mayRun(path) });
  throwFirst(p);

  const Keys = await registry.newPoolKeys();
  let Id = newUserPoolId(region);
  while (registry.pool(Id)) Id = newUserPoolId(region);
  const now = registry.now();
  const UserPool: UserPool = { ...members, Id, Name: Name!, LastModifiedDate: now, CreationDate: now };
  await registry.putPool({ UserPool, Keys, ResourceServers: dictionary(), UserPoolClients: dictionary() });
  return { UserPool: describedPool(UserPool) };
};
