import type { Context } from 'koa';
import { AwsApiError } from '../errors.js';
import type { TokenServices } from '../oauth/token-services.js';

/** POST / with `X-Amz-Target`: the AWS JSON 1.1 management API (cognito-reference §6). */
export function managementEndpoint(_services: TokenServices) {
  return async function management(ctx: Context): Promise<void> {
    const target = ctx.get('x-amz-target');
    throw new AwsApiError('UnknownOperationException', `Unknown operation ${target}`);
  };
}
