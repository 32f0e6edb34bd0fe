import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AwsApiError, HttpError, OAuthError, type OAuthErrorCode } from '../../src/errors.js';
import { awsErrorOf } from '../../src/management/aws-error-of.js';
import { awsEdge } from '../../src/middleware/aws-edge.js';
import { errorHandler } from '../../src/middleware/error-handler.js';
import { stderrLog } from '../../src/model/log.js';
import { oauthEdge } from '../../src/middleware/oauth-edge.js';
import { DomainError, type DomainErrorCode, type DomainProblem, type TriggerFailureKind } from '../../src/model/domain-error.js';
import { oauthErrorOf } from '../../src/oauth/errors.js';
import { CognitoMockError, testingErrorOf, withTestingErrors } from '../../src/testing/cognito-mock-error.js';

// Every domain problem through every edge: the OAuth endpoints answer `{"error"}` with one of the
// token endpoint's codes, the AWS API `{"__type", "message"}` in Cognito's words, the testing API a
// CognitoMockError with the problem's code. The tables are keyed by DomainErrorCode, so a code added
// to DomainProblem without a sample and an answer for each edge fails the typecheck.

const POOL_ID = 'us-east-1_Example01';
const CLIENT_ID = '1example0client0orders0id1';
const KID = 'Xo9SpnWF7+5HmFsa3JQwYgYwqzV3oGIbgzoN4D8Y9hs=';

const SAMPLES: { [C in DomainErrorCode]: Extract<DomainProblem, { code: C }> } = {
  pool_not_found: { code: 'pool_not_found', poolId: POOL_ID },
  client_not_found: { code: 'client_not_found', clientId: CLIENT_ID },
  scope_not_allowed: { code: 'scope_not_allowed', scope: 'orders/delete' },
  no_active_scope: { code: 'no_active_scope', clientId: CLIENT_ID },
  store_write_failed: { code: 'store_write_failed', reason: 'ENOSPC: no space left on device, write' },
  invalid_key: { code: 'invalid_key', reason: 'must be an RSA key, got ec' },
  invalid_stored_key: { code: 'invalid_stored_key', poolId: POOL_ID, key: 'IdToken', reason: 'does not verify its own signature' },
  key_already_published: { code: 'key_already_published', poolId: POOL_ID, kid: KID },
  trigger_failed: { code: 'trigger_failed', kind: 'threw', reason: 'PreTokenGeneration failed with error no tenant.' },
  sign_in_refused: { code: 'sign_in_refused', reason: 'secret_hash_wrong', clientId: CLIENT_ID },
};
const PROBLEMS: DomainProblem[] = Object.values(SAMPLES);

/** What `/oauth2/token` may answer: Cognito's codes (reference §1.7), and `server_error` for a server fault. */
const TOKEN_ENDPOINT_CODES: ReadonlySet<OAuthErrorCode> = new Set<OAuthErrorCode>([
  'invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope', 'server_error',
]);

/** `error_description` only where nothing else tells the caller what to repair (a damaged stored key). */
const OAUTH: Record<DomainErrorCode, { error: OAuthErrorCode; status: number; error_description?: string }> = {
  pool_not_found: { error: 'invalid_client', status: 400 },
  client_not_found: { error: 'invalid_client', status: 400 },
  scope_not_allowed: { error: 'invalid_scope', status: 400 },
  no_active_scope: { error: 'invalid_scope', status: 400 },
  store_write_failed: { error: 'server_error', status: 500 },
  invalid_key: { error: 'invalid_request', status: 400 },
  invalid_stored_key: {
    error: 'server_error', status: 500, error_description: `the stored signing key IdToken of user pool ${POOL_ID} does not verify its own signature`,
  },
  key_already_published: { error: 'invalid_request', status: 400 },
  trigger_failed: { error: 'invalid_request', status: 400 },
  sign_in_refused: { error: 'invalid_grant', status: 400 },
};

const AWS: Record<DomainErrorCode, { __type: string; message: string; status: number }> = {
  pool_not_found: { __type: 'ResourceNotFoundException', message: `User pool ${POOL_ID} does not exist.`, status: 400 },
  client_not_found: { __type: 'ResourceNotFoundException', message: `User pool client ${CLIENT_ID} does not exist.`, status: 400 },
  scope_not_allowed: { __type: 'InvalidParameterException', message: 'Invalid scope requested: orders/delete', status: 400 },
  no_active_scope: {
    __type: 'InvalidParameterException', message: 'None of the scopes the client may request is defined by a resource server of the pool.', status: 400,
  },
  store_write_failed: { __type: 'InternalErrorException', message: 'The store could not be written; the change was not made.', status: 500 },
  invalid_key: { __type: 'InvalidParameterException', message: 'SigningKey must be an RSA key, got ec.', status: 400 },
  invalid_stored_key: {
    __type: 'InternalErrorException',
    message: `The stored signing key IdToken of user pool ${POOL_ID} does not verify its own signature. Fix the key in the store file or remove the pool.`,
    status: 500,
  },
  key_already_published: { __type: 'InvalidParameterException', message: `The key ${KID} is already published for user pool ${POOL_ID}.`, status: 400 },
  trigger_failed: { __type: 'UserLambdaValidationException', message: 'PreTokenGeneration failed with error no tenant.', status: 400 },
  sign_in_refused: { __type: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${CLIENT_ID}`, status: 400 },
};

const LAMBDA_EXCEPTIONS: Record<TriggerFailureKind, string> = {
  threw: 'UserLambdaValidationException',
  invalid_response: 'InvalidLambdaResponseException',
  timeout: 'UnexpectedLambdaException',
  unavailable: 'UnexpectedLambdaException',
};

const TESTING_MESSAGES: Record<DomainErrorCode, string> = {
  pool_not_found: `cognito-mock has no user pool ${POOL_ID}`,
  client_not_found: `cognito-mock has no app client ${CLIENT_ID}`,
  scope_not_allowed: 'cognito-mock: scope orders/delete is not allowed for this client',
  no_active_scope: `cognito-mock: no scope app client ${CLIENT_ID} may request is defined by a resource server`,
  store_write_failed: 'cognito-mock: the store could not be written, the change was not made (ENOSPC: no space left on device, write)',
  invalid_key: 'cognito-mock: signingKey must be an RSA key, got ec',
  invalid_stored_key: `cognito-mock: the stored signing key IdToken of user pool ${POOL_ID} does not verify its own signature`,
  key_already_published: `cognito-mock: the key ${KID} is already published for user pool ${POOL_ID}`,
  trigger_failed: 'cognito-mock: PreTokenGeneration failed with error no tenant.',
  sign_in_refused: `cognito-mock: sign-in refused (secret_hash_wrong): Unable to verify secret hash for client ${CLIENT_ID}`,
};

describe('the edge mappings', () => {
  it.each(PROBLEMS)('OAuth: $code → one of the token endpoint\'s codes', (problem) => {
    const error = oauthErrorOf(problem);
    expect(error).toBeInstanceOf(OAuthError);
    expect(TOKEN_ENDPOINT_CODES.has(error.code)).toBe(true);
    const description = error.description === undefined ? {} : { error_description: error.description };
    expect({ error: error.code, status: error.status, ...description }).toEqual(OAUTH[problem.code]);
  });

  it.each(PROBLEMS)('AWS: $code → __type and message in Cognito\'s words', (problem) => {
    const error = awsErrorOf(problem);
    expect(error).toBeInstanceOf(AwsApiError);
    expect({ __type: error.type, message: error.message, status: error.status }).toEqual(AWS[problem.code]);
  });

  it.each(Object.entries(LAMBDA_EXCEPTIONS))('AWS: a trigger that failed with kind %s → %s, the reason as the message', (kind, type) => {
    const error = awsErrorOf({ code: 'trigger_failed', kind: kind as TriggerFailureKind, reason: 'Unrecognizable lambda output: x' });
    expect({ type: error.type, message: error.message, status: error.status }).toEqual({ type, message: 'Unrecognizable lambda output: x', status: 400 });
  });

  it.each(PROBLEMS)('testing API: $code → a CognitoMockError with that code', (problem) => {
    const error = testingErrorOf(problem);
    expect(error).toBeInstanceOf(CognitoMockError);
    expect({ name: error.name, code: error.code, type: error.type, message: error.message })
      .toEqual({ name: 'CognitoMockError', code: problem.code, type: AWS[problem.code].__type, message: TESTING_MESSAGES[problem.code] });
  });

  it('testing API: domain errors thrown or rejected become CognitoMockErrors; other errors pass unchanged', async () => {
    const domain = new DomainError(SAMPLES.pool_not_found);
    expect(() => withTestingErrors(() => { throw domain; })).toThrow(CognitoMockError);
    await expect(withTestingErrors(async () => { throw domain; })).rejects.toMatchObject({ code: 'pool_not_found', cause: domain });
    const other = new TypeError('a pre token generation trigger must be a function');
    expect(() => withTestingErrors(() => { throw other; })).toThrow(other);
    expect(withTestingErrors(() => 42)).toBe(42);
  });
});

/** A Koa app with the three edges in front of routes that throw what a request asks for. */
function appThrowing(): Koa {
  const app = new Koa();
  app.silent = true;
  const thrown = (ctx: Koa.Context): unknown => {
    const [, , what, code] = ctx.path.split('/');
    if (what === 'domain') return new DomainError(SAMPLES[code as DomainErrorCode]);
    if (what === 'oauth') return new OAuthError('invalid_grant', 'unknown code');
    if (what === 'aws') return new AwsApiError('TooManyRequestsException', 'Rate exceeded');
    if (what === 'http') return new HttpError(404, 'No route');
    return new Error('boom');
  };
  app.use(errorHandler(stderrLog));
  const oauthErrors = oauthEdge(stderrLog);
  const awsErrors = awsEdge(stderrLog);
  app.use((ctx, next) => {
    if (ctx.path.startsWith('/token/')) return oauthErrors(ctx, () => { throw thrown(ctx); });
    if (ctx.path.startsWith('/api/')) return awsErrors(ctx, () => { throw thrown(ctx); });
    return next();
  });
  return app;
}

describe('the edges in front of endpoints (HTTP)', () => {
  let url: string;
  let close: () => Promise<void>;
  const logged: string[] = [];
  beforeAll(async () => {
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => { logged.push(String(line)); });
    const server = appThrowing().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await close();
  });

  const answer = async (path: string) => {
    const res = await fetch(`${url}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), errorType: res.headers.get('x-amzn-errortype'), body: await res.json() };
  };

  it.each(PROBLEMS)('the token endpoint answers $code as {"error"} and never with __type', async (problem) => {
    const { status, ...body } = OAUTH[problem.code];
    expect(await answer(`/token/domain/${problem.code}`))
      .toEqual({ status, type: 'application/json;charset=UTF-8', errorType: null, body });
  });

  it.each(PROBLEMS)('the AWS API answers $code as {"__type", "message"}', async (problem) => {
    const { status, ...body } = AWS[problem.code];
    expect(await answer(`/api/domain/${problem.code}`))
      .toEqual({ status, type: 'application/x-amz-json-1.1', errorType: body.__type, body });
  });

  it('each edge renders its own protocol\'s errors', async () => {
    expect(await answer('/token/oauth')).toEqual({ status: 400, type: 'application/json;charset=UTF-8', errorType: null, body: { error: 'invalid_grant' } });
    expect(await answer('/api/aws')).toEqual({
      status: 400, type: 'application/x-amz-json-1.1', errorType: 'TooManyRequestsException', body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' },
    });
  });

  it.each([
    ['/token/aws', 'an AWS error at the token endpoint'],
    ['/token/http', 'a plain HTTP error at the token endpoint'],
    ['/token/other', 'an unexpected error at the token endpoint'],
    ['/api/oauth', 'an OAuth error at the AWS API'],
    ['/api/http', 'a plain HTTP error at the AWS API'],
    ['/api/other', 'an unexpected error at the AWS API'],
  ])('%s (%s) is the fixed 500 {"message":"Internal error"}, logged once', async (path) => {
    logged.length = 0;
    expect(await answer(path)).toEqual({ status: 500, type: 'application/json', errorType: null, body: { message: 'Internal error' } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(new RegExp(`^cognito-mock: unexpected error on GET ${path}: `));
  });

  it('outside the edges, plain HTTP errors keep their shape', async () => {
    const app = new Koa();
    app.silent = true;
    app.use(errorHandler(stderrLog));
    app.use(() => { throw new HttpError(404, 'No route for GET /nowhere'); });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/nowhere`);
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 404, body: { message: 'No route for GET /nowhere' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
