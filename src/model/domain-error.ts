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
  | { code: 'trigger_failed'; kind: TriggerFailureKind; reason: string }
  /** A user's sign-in, refresh or session refused (see SignInRefusal); `clientId` for the refusals that name it. */
  | { code: 'sign_in_refused'; reason: SignInRefusal; clientId?: string };

export type DomainErrorCode = DomainProblem['code'];

/**
 * Why a user's sign-in, refresh or token was refused (cognito-reference-users §4.11), in the
 * domain's terms; each protocol words it (the API: Cognito's exception and text):
 * - `incorrect_credentials`: wrong password or proof, or an unknown user where the client hides
 *   which (`PreventUserExistenceErrors: ENABLED`); `user_not_found`: an unknown user otherwise;
 * - `user_disabled`, `user_not_confirmed`, `password_reset_required`, `temporary_password_expired`:
 *   the user's state forbids it;
 * - `secret_hash_missing`, `secret_hash_wrong`: a client with a secret and no or a wrong SECRET_HASH;
 * - `user_password_flow_not_enabled`, `flow_not_enabled`: the client's ExplicitAuthFlows lack the flow
 *   (Cognito words the user-password one apart); `flow_not_supported`: the operation never takes it;
 * - `invalid_refresh_token`, `refresh_token_revoked`, `refresh_token_expired`: a refresh token that is
 *   unknown or of another client, signed out, or past its validity;
 * - `session_expired`: a challenge's session that is unknown or too old;
 * - `timestamp_malformed`, `invalid_srp_a`: an SRP message that is not well-formed;
 * - `invalid_access_token`, `access_token_expired`, `access_token_revoked`: an access token a
 *   token-authorised call cannot accept; `access_token_scope_missing`: one without `aws.cognito.signin.user.admin`;
 * - `revocation_disabled`: RevokeToken for a client with `EnableTokenRevocation: false`;
 *   `unsupported_token_type`: an ID or access token given to be revoked;
 * - `new_password_required`: a sign-in that only a NEW_PASSWORD_REQUIRED answer can finish, where none can be given;
 * - `invalid_code`: an authorization code unknown, used, expired or of another client;
 *   `code_redirect_mismatch`: redeemed with another `redirect_uri`; `code_verifier_mismatch`: PKCE's verifier wrong or missing.
 */
export type SignInRefusal =
  | 'incorrect_credentials' | 'user_not_found' | 'user_disabled' | 'user_not_confirmed' | 'password_reset_required'
  | 'temporary_password_expired' | 'secret_hash_missing' | 'secret_hash_wrong' | 'user_password_flow_not_enabled'
  | 'flow_not_enabled' | 'flow_not_supported' | 'invalid_refresh_token' | 'refresh_token_revoked' | 'refresh_token_expired'
  | 'session_expired' | 'timestamp_malformed' | 'invalid_srp_a' | 'invalid_access_token' | 'access_token_expired'
  | 'access_token_revoked' | 'access_token_scope_missing' | 'revocation_disabled' | 'unsupported_token_type'
  | 'new_password_required' | 'invalid_code' | 'code_redirect_mismatch' | 'code_verifier_mismatch';

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
    case 'sign_in_refused': return `sign-in refused: ${problem.reason.replaceAll('_', ' ')}`;
  }
}
