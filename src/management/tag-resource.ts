import { Problems } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { checkResourceArn, poolOfArn } from './resource-arn.js';
import { checkTagMap, mergedTags, requiredMember } from './tag-rules.js';
import { throwFirst } from './throw-first.js';

/**
 * TagResource for user pools (model: `ResourceArn`, `Tags` required; output `{}`): adds the tags,
 * replacing the values of keys the pool already has. They are the pool's `UserPoolTags`, so
 * DescribeUserPool and ListTagsForResource show the same map. Input is checked before the pool
 * is looked up, as AWS validates requests before it reads resources.
 */
export const tagResource: ManagementAction = async (input, { registry }) => {
  const p = new Problems();
  const arn = checkResourceArn(p, input);
  const tags = checkTagMap(p, input, 'Tags');
  requiredMember(p, input, 'Tags');
  throwFirst(p);
  const pool = poolOfArn(registry, arn!);
  const UserPoolTags = mergedTags(pool.UserPool.UserPoolTags as Record<string, string> | undefined, tags!);
  await registry.updatePool(pool.UserPool.Id, { UserPoolTags });
  return {};
};
