import type { AwsApiError } from '../errors.js';
import type { DomainErrorCode, DomainProblem } from '../model/domain-error.js';
import {
  clientNotFound, invalidSigningKey, invalidStoredKey, keyAlreadyPublished, noActiveScope, poolNotFound, scopeNotAllowed, storeWriteFailed,
  signInRefused, triggerFailed,
} from './messages.js';

/** One answer per problem code; a code added to DomainProblem without one here fails the typecheck. */
const AWS_ANSWERS: { [C in DomainErrorCode]: (problem: Extract<DomainProblem, { code: C }>) => AwsApiError } = {
  pool_not_found: (p) => poolNotFound(p.poolId),
  client_not_found: (p) => clientNotFound(p.clientId),
  scope_not_allowed: (p) => scopeNotAllowed(p.scope),
  no_active_scope: () => noActiveScope(),
  store_write_failed: () => storeWriteFailed(),
  invalid_key: (p) => invalidSigningKey(p.reason),
  invalid_stored_key: (p) => invalidStoredKey(p.poolId, p.key, p.reason),
  key_already_published: (p) => keyAlreadyPublished(p.kid, p.poolId),
  trigger_failed: (p) => triggerFailed(p.kind, p.reason),
  sign_in_refused: (p) => signInRefused(p.reason, p.clientId),
};

/**
 * A domain problem as the AWS API answers it (the management API, GetClientToken, `/_mock`):
 * `{"__type", "message"}` in Cognito's words (messages.ts).
 */
export function awsErrorOf(problem: DomainProblem): AwsApiError {
  return (AWS_ANSWERS[problem.code] as (problem: DomainProblem) => AwsApiError)(problem);
}
