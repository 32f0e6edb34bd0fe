import { OAuthError, type OAuthErrorCode } from '../errors.js';
import { DomainError, type DomainErrorCode, type DomainProblem } from '../model/domain-error.js';

/**
 * The token endpoint's code for each problem; a code added to DomainProblem without one here fails
 * the typecheck. Cognito answers every token-endpoint error with 400 (reference §1.7):
 * - a client that is gone, or whose pool is, failed authentication: `invalid_client`;
 * - a scope the client may not have, or none left to grant: `invalid_scope` (§1.5);
 * - a trigger that failed: `invalid_request`, as Cognito's hosted UI reports trigger failures of
 *   OAuth flows (`error=invalid_request`, reference-users §6.2), the code for a request it cannot complete;
 * - a key the caller gave (only the `/_mock` and testing APIs take one): `invalid_request`;
 * - a user's sign-in or refresh token refused: `invalid_grant` (reference-users §6.7);
 * - a store that cannot be written: `server_error`, 500. No token request writes the store yet; this
 *   is what Cognito's authorize endpoint answers for an unexpected server error (reference-users
 *   §6.2) and what an injected `server_error` fault answers here [I];
 * - a stored key of the pool that does not load (a damaged store): `server_error`, 500, for the same
 *   reason (the request is fine, the server's state is not), with an `error_description` naming
 *   the pool and the key, since nothing else tells the caller which pool to repair.
 */
const OAUTH_CODES: Record<DomainErrorCode, OAuthErrorCode> = {
  pool_not_found: 'invalid_client',
  client_not_found: 'invalid_client',
  scope_not_allowed: 'invalid_scope',
  no_active_scope: 'invalid_scope',
  store_write_failed: 'server_error',
  invalid_key: 'invalid_request',
  invalid_stored_key: 'server_error',
  key_already_published: 'invalid_request',
  trigger_failed: 'invalid_request',
  sign_in_refused: 'invalid_grant',
};

const SERVER_FAULTS: ReadonlySet<DomainErrorCode> = new Set(['store_write_failed', 'invalid_stored_key']);

/** A domain problem as the OAuth endpoints answer it: `{"error": code}` (the problem's code kept as the detail, for logs). */
export function oauthErrorOf(problem: DomainProblem): OAuthError {
  // A code redeemed with another redirect URI than its authorize request's (reference-users §6.6).
  if (problem.code === 'sign_in_refused' && problem.reason === 'code_redirect_mismatch') return new OAuthError('unauthorized_client', 'invalid_redirect');
  const description = problem.code === 'invalid_stored_key' ? new DomainError(problem).message : undefined;
  return new OAuthError(OAUTH_CODES[problem.code], problem.code, SERVER_FAULTS.has(problem.code) ? 500 : 400, description);
}
