import { awsErrorOf } from '../management/aws-error-of.js';
import { DomainError, type DomainErrorCode, type DomainProblem } from '../model/domain-error.js';

/**
 * What went wrong in a testing-API call, stable across releases (README "Testing API"):
 * `pool_not_found`, `client_not_found`, `invalid_key`, `invalid_stored_key` (a damaged store),
 * `key_already_published`, `store_write_failed`, the token problems `scope_not_allowed`, `no_active_scope`, `trigger_failed`, and
 * `sign_in_refused` (a user's sign-in), and `request_refused`: a user or group call the
 * management API would refuse (`type` says which exception, e.g. `UsernameExistsException`), and
 * `hosted_sign_in_failed`: `hostedSignIn`'s flow stopped (the message says where and why).
 */
export type CognitoMockErrorCode = DomainErrorCode | 'request_refused' | 'hosted_sign_in_failed';

/**
 * The error of the testing API's calls (`rotateKeys`, `retireKeys`, `mintAccessToken`, `jwks`):
 * switch on `code`; `message` is for people. Bad arguments (a malformed fault, a trigger that is
 * not a function) are TypeErrors instead, as programming mistakes.
 *
 * @example
 * try {
 *   await mock.rotateKeys('us-east-1_Missing00');
 * } catch (error) {
 *   if (!(error instanceof CognitoMockError) || error.code !== 'pool_not_found') throw error;
 * }
 */
export class CognitoMockError extends Error {
  override readonly name = 'CognitoMockError';
  readonly code: CognitoMockErrorCode;
  /**
   * The exception the management API answers for the same problem (e.g. `ResourceNotFoundException`,
   * `InvalidParameterException`), for tests that compare with what the AWS SDK reports.
   */
  readonly type: string;

  constructor(code: CognitoMockErrorCode, type: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.type = type;
  }
}

/** The testing API's sentence for each problem; a code added to DomainProblem without one here fails the typecheck. */
const MESSAGES: { [C in DomainErrorCode]: (problem: Extract<DomainProblem, { code: C }>) => string } = {
  pool_not_found: (p) => `cognito-mock has no user pool ${p.poolId}`,
  client_not_found: (p) => `cognito-mock has no app client ${p.clientId}`,
  scope_not_allowed: (p) => `cognito-mock: scope ${p.scope} is not allowed for this client`,
  no_active_scope: (p) => `cognito-mock: no scope app client ${p.clientId} may request is defined by a resource server`,
  store_write_failed: (p) => `cognito-mock: the store could not be written, the change was not made (${p.reason})`,
  invalid_key: (p) => `cognito-mock: signingKey ${p.reason}`,
  invalid_stored_key: (p) => `cognito-mock: the stored signing key ${p.key} of user pool ${p.poolId} ${p.reason}`,
  key_already_published: (p) => `cognito-mock: the key ${p.kid} is already published for user pool ${p.poolId}`,
  trigger_failed: (p) => `cognito-mock: ${p.reason}`,
  sign_in_refused: (p) => `cognito-mock: sign-in refused (${p.reason}): ${awsErrorOf(p).message}`,
};

/** A domain problem as the testing API reports it. */
export function testingErrorOf(problem: DomainProblem, options?: { cause?: unknown }): CognitoMockError {
  const message = (MESSAGES[problem.code] as (problem: DomainProblem) => string)(problem);
  return new CognitoMockError(problem.code, awsErrorOf(problem).type, message, options);
}

/** Runs a testing-API call, its domain errors (thrown, or a rejected promise) turned into CognitoMockErrors. */
export function withTestingErrors<T>(call: () => T): T {
  try {
    const result = call();
    return (result instanceof Promise ? result.catch(rethrow) : result) as T;
  } catch (error) {
    return rethrow(error);
  }
}

function rethrow(error: unknown): never {
  throw error instanceof DomainError ? testingErrorOf(error.problem, { cause: error }) : error;
}
