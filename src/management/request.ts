import type { Context } from 'koa';
import { AwsApiError } from '../errors.js';
import { charsetOf, decodeUtf8, mediaType, readBody } from '../http/read-body.js';
import { REGION_PATTERN } from '../model/ids.js';
import { isRecord } from '../model/problems.js';

// The AWS JSON 1.1 request (cognito-reference §6.1): POST /, X-Amz-Target, a JSON object body.

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** Largest request body read: far above any real input (1,000 callback URLs fit), small enough to hold in memory. */
export const MANAGEMENT_BODY_LIMIT = 1024 * 1024;

/** No Cognito input nests deeper than a few levels; a deeper body is an attack, not a request. */
const MAX_JSON_DEPTH = 32;


const DEFAULT_REGION = 'us-east-1';

/** `AWSCognitoIdentityProviderService.CreateUserPool` → `CreateUserPool`; anything else → undefined. */
export function operationOf(target: string): string | undefined {
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

/**
 * The region of a SigV4 `Authorization` header's credential scope
 * (`Credential=<key>/<date>/<region>/cognito-idp/aws4_request`): the region the SDK or CLI was
 * configured for, which real Cognito puts into new pool ids. Unsigned or odd: us-east-1.
 */
export function regionFromAuthorization(authorization: string): string {
  // indexOf and split, not a regular expression: an unanchored pattern retried at every
  // `Credential=` of a hostile header took time quadratic in its length.
  const start = authorization.indexOf('Credential=');
  if (start === -1) return DEFAULT_REGION;
  const from = start + 'Credential='.length;
  let end = from;
  while (end < authorization.length && !isScopeEnd(authorization.charCodeAt(end))) end++;
  const [, date, region] = authorization.slice(from, end).split('/', 3);
  return date !== undefined && /^\d{8}$/.test(date) && region !== undefined && REGION_PATTERN.test(region) ? region : DEFAULT_REGION;
}

/** `,` or whitespace ends the credential scope. */
const isScopeEnd = (c: number): boolean => c === 0x2c || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const serialization = (message: string): AwsApiError => new AwsApiError('SerializationException', message);

/**
 * Reads the body as a JSON object of media type `expectedType` (the management API:
 * `application/x-amz-json-1.1`, what the AWS SDKs, the CLI and Terraform send; `/_mock`:
 * `application/json`). Any other type, none included, is refused before the body is read: a web
 * page can POST `text/plain`, a form or no type to any address without a CORS preflight, and must
 * not reach these endpoints; the types asked for need a preflight, which the mock never grants.
 * Too large → 413 RequestEntityTooLargeException; not JSON, not UTF-8, not an object, or nested
 * too deep → 400 SerializationException (what AWS's deserializer answers, reference §6.2). An
 * empty body is `{}`.
 */
export async function readJsonInput(ctx: Context, expectedType = 'application/x-amz-json-1.1'): Promise<Record<string, unknown>> {
  const contentType = ctx.get('content-type');
  const type = mediaType(contentType);
  if (type !== expectedType) throw serialization(`Content-Type must be ${expectedType}, got ${type === '' ? 'none' : type.slice(0, 100)}.`);
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw serialization(`Unsupported charset ${charset.slice(0, 100)}`);
  let body: Buffer | undefined;
  try {
    body = await readBody(ctx.req, MANAGEMENT_BODY_LIMIT);
  } catch {
    // The client went away mid-body (or was cut off by the request timeout): nobody reads this
    // answer, and it is the client's doing, not a server fault to log as unexpected.
    throw serialization('Request body could not be read.');
  }
  if (body === undefined) {
    throw new AwsApiError('RequestEntityTooLargeException', `Request body is larger than ${MANAGEMENT_BODY_LIMIT} bytes.`, 413);
  }
  const text = decodeUtf8(body);
  if (text === undefined) throw serialization('Request body is not UTF-8.');
  if (text.trim() === '') return {};
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw serialization('Request body is not valid JSON.');
  }
  if (!isRecord(input)) throw serialization('Request body must be a JSON object.');
  if (depthExceeds(input, MAX_JSON_DEPTH)) throw serialization(`Request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  return input;
}

/** Iterative, so a hostile body cannot overflow the stack here. */
function depthExceeds(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}
