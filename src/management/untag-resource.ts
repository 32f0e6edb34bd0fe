import { dictionary } from '../model/dictionary.js';
import { Problems } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { checkResourceArn, poolOfArn } from './resource-arn.js';
import { checkTagKeys, requiredMember } from './tag-rules.js';
import { throwFirst } from './throw-first.js';

/** UntagResource for user pools (`ResourceArn`, `TagKeys` required; output `{}`): keys the pool lacks are ignored. */
export const untagResource: ManagementAction = async (input, { registry }) => {
  const p = new Problems();
  const arn = checkResourceArn(p, input);
  const keys = checkTagKeys(p, input, 'TagKeys');
  requiredMember(p, input, 'TagKeys');
  throwFirst(p);
  const pool = poolOfArn(registry, arn!);
  const UserPoolTags = dictionary(pool.UserPool.UserPoolTags as Record<string, string> | undefined);
  for (const key of keys!) delete UserPoolTags[key];
  await registry.updatePool(pool.UserPool.Id, { UserPoolTags });
  return {};
};
