import type { ManagementAction } from './action.js';
import { poolOf } from './lookups.js';
import { groupOf } from './user-lookups.js';
import { groupType } from './user-shape.js';

/** GetGroup (cognito-reference-users §3.1). */
export const getGroup: ManagementAction = (input, { registry }) => {
  const pool = poolOf(registry, input);
  return { Group: groupType(groupOf(registry, pool, input)) };
};
