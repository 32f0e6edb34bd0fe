import type { Context } from 'koa';
import { AwsApiError } from '../errors.js';
import { noteRequest } from '../http/request-note.js';
import { awsErrorOf } from '../management/aws-error-of.js';
import { DomainError } from '../model/domain-error.js';
import type { Log } from '../model/log.js';
import { protocolEdge, writeJson } from './error-handler.js';

/**
 * Errors of the AWS-shaped endpoints (the management API at `POST /`, and `/_mock`):
 * `{"__type", "message"}` with a matching `x-amzn-ErrorType` header (reference §6.2), from an
 * AwsApiError or a domain problem in Cognito's words (management/aws-error-of.ts). Anything else,
 * an OAuth error included, is the fixed 500: these endpoints never answer `{"error"}`.
 */
export function awsEdge(log: Log) {
  return protocolEdge(log, (ctx: Context, error: unknown) => {
    const aws = error instanceof DomainError ? awsErrorOf(error.problem) : error;
    if (!(aws instanceof AwsApiError)) return false;
    noteRequest(ctx, { error: aws.type, reason: error instanceof DomainError ? error.message : aws.message });
    ctx.status = aws.status;
    ctx.set('x-amzn-ErrorType', aws.type);
    writeJson(ctx, { __type: aws.type, message: aws.message }, 'application/x-amz-json-1.1');
    return true;
  });
}
