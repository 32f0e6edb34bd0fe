/**
 * What went wrong, in the domain's own terms: no protocol's codes, shapes or wording. Domain code
 * (registry, store, keys, token issuing, triggers) throws a DomainError; each protocol edge turns
 * it into its own answer, once: the OAuth endpoints an `{"error": …}` body (or an `error=`
 * redirect), the AWS API and `/_mock` `{"__type", "message"}` in Cognito's words, the testing API a
 * typed error with the same `code`.
 */
export type DomainProblem =
  | { code: 'pool_not_found'; poolId: string }
  | { code: 'client_not_found'; clientId: string }
  /** A scope the client may not request. */
  | { code: 'scope_not_allowed'; scope: string }
  /** None of the scopes the client may request is defined by a resource server of its pool any more. */
  | { code: 'no_active_scope'; clientId: string }
  /** The disk refused a write; memory was put back, the change was not made. */
  | { code: 'store_write_failed'; reason: string }
  /** A key that is not a usable signing key (not PEM or JWK, not RSA, under 2048 bits). */
  | { code: 'invalid_key'; reason: string }
  /**
   * A pool's stored key that does not import or does not verify its own signature (a damaged or
   * hand-edited store): a fault of the server's state, not of the request. `key` names it as the
   * fixtures and the store do: `AccessToken`, `IdToken`, `previous[0]` (a rotated-out key).
   */
  | { code: 'invalid_stored_key'; poolId: string; key: string; reason: string }
  /** A key rotation with a key the pool already publishes. */
  | { code: 'key_already_published'; poolId: string; kid: string }
  /** A pre token generation trigger gave no usable answer. */
  | { code: 'trigger_failed'; kind: TriggerFailureKind; reason: string };

export type DomainErrorCode = DomainProblem['code'];

/**
 * Why a pre token generation trigger gave no usable answer:
 * - `threw`: the handler threw or rejected;
 * - `invalid_response`: it returned something that is not the event with a valid `response`;
 * - `timeout`: it did not answer within the trigger timeout (Cognito waits 5 s for a trigger);
 * - `unavailable`: the module could not be loaded or has no handler function.
 */
export type TriggerFailureKind = 'threw' | 'invalid_response' | 'timeout' | 'unavailable';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly problem: DomainProblem;

  constructor(problem: DomainProblem, options?: { cause?: unknown }) {
    super(describe(problem), options);
    this.problem = problem;
  }

  get code(): DomainErrorCode {
    return this.problem.code;
  }
}

/** A sentence for logs and the testing API; never a secret (problems carry ids and reasons only). */
function describe(problem: DomainProblem): string {
  switch (problem.code) {
    case 'pool_not_found': return `no user pool ${problem.poolId}`;
    case 'client_not_found': return `no app client ${problem.clientId}`;
    case 'scope_not_allowed': return `scope ${problem.scope} is not allowed for this client`;
    case 'no_active_scope': return `no scope client ${problem.clientId} may request is defined by a resource server`;
    case 'store_write_failed': return `the store could not be written: ${problem.reason}`;
    case 'invalid_key': return `the key ${problem.reason}`;
    case 'invalid_stored_key': return `the stored signing key ${problem.key} of user pool ${problem.poolId} ${problem.reason}`;
    case 'key_already_published': return `the key ${problem.kid} is already published for user pool ${problem.poolId}`;
    case 'trigger_failed': return problem.reason;
  }
}
