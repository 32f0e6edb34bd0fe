import { Problems } from '../model/problems.js';
import type { ManagementAction } from './action.js';
import { checkResourceArn, poolOfArn } from './resource-arn.js';
import { throwFirst } from './throw-first.js';

/** ListTagsForResource for user pools: `{"Tags": {…}}` as DescribeUserPool's UserPoolTags; `{}` for a pool without tags [I]. */
export const listTagsForResource: ManagementAction = (input, { registry }) => {
  const p = new Problems();
  const arn = checkResourceArn(p, input);
  throwFirst(p);
  return { Tags: poolOfArn(registry, arn!).UserPool.UserPoolTags ?? {} };
};
