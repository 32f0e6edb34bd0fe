import { invalidPoolArn, poolNotFound } from './messages.js';
import { type Problems, checkString } from '../model/problems.js';
import { ARN_RULE, USER_POOL_ID_RULE } from '../model/rules.js';
import type { StoredPool } from '../model/types.js';
import type { Registry } from '../registry.js';
import { arnOf } from './pool-shape.js';

/** `arn:<partition>:cognito-idp:<region>:<account>:userpool/<pool id>`: the only taggable resource here. */
const USER_POOL_ARN = /^arn:[^:]+:cognito-idp:[^:]*:\d+:userpool\/([^/:]+)$/;

/** `ResourceArn` against the model's ArnType (20–2048 characters, the ARN pattern). */
export const checkResourceArn = (p: Problems, input: Record<string, unknown>): string | undefined =>
  checkString(p, input, 'ResourceArn', ARN_RULE);

/**
 * The pool a tag operation's `ResourceArn` names (checked by checkResourceArn first). An ARN of
 * anything but a user pool → InvalidParameterException [I]; a user pool ARN that is not one of
 * the mock's pools (unknown id, or another region or account than the pool's `Arn`) →
 * ResourceNotFoundException "User pool X does not exist." (reference §6.2).
 */
export function poolOfArn(registry: Registry, arn: string): StoredPool {
  const id = USER_POOL_ARN.exec(arn)?.[1];
  if (id === undefined || !USER_POOL_ID_RULE.pattern.test(id) || id.length > USER_POOL_ID_RULE.max) {
    throw invalidPoolArn(arn);
  }
  const pool = registry.pool(id);
  if (!pool || arnOf(pool.UserPool) !== arn) throw poolNotFound(id);
  return pool;
}
