/**
 * Why a token was rejected: a stable, machine-readable value to `switch` on (messages may change,
 * codes do not).
 *
 * | code | meaning | Koa middleware answers |
 * | --- | --- | --- |
 * | `malformed_token` | not a compact JWS with JSON header and claims, or a claim of the wrong type | 401 `invalid_token` |
 * | `alg_not_allowed` | header `alg` is not `RS256` (e.g. `none`, `HS256`) | 401 `invalid_token` |
 * | `unknown_kid` | header has no `kid`, or it is not in the pool's JWKS | 401 `invalid_token` |
 * | `invalid_signature` | the signature does not match the key named by `kid` | 401 `invalid_token` |
 * | `issuer_mismatch` | `iss` is missing or not the pool's issuer | 401 `invalid_token` |
 * | `token_expired` | `exp` is in the past (after `graceSeconds`) | 401 `invalid_token` |
 * | `token_not_yet_valid` | `nbf` is in the future (after `graceSeconds`) | 401 `invalid_token` |
 * | `token_use_mismatch` | `token_use` is not the verifier's (`access`, or `id` for `createIdTokenVerifier`) | 401 `invalid_token` |
 * | `client_id_mismatch` | `client_id` (ID tokens: `aud`) is missing or not an allowed client | 401 `invalid_token` |
 * | `scope_mismatch` | the token's scopes do not satisfy the required scopes | 403 `insufficient_scope` |
 * | `group_mismatch` | `cognito:groups` names none of the required groups | 403 `insufficient_scope` |
 * | `jwks_unavailable` | the pool's JWKS could not be fetched (the token was not judged) | 503 |
 *
 * @example
 * try { await verifier.verify(token); } catch (e) {
 *   if (e instanceof AccessTokenError && e.code === 'token_expired') refreshToken();
 * }
 */
export type AccessTokenErrorCode =
  | 'malformed_token'
  | 'alg_not_allowed'
  | 'unknown_kid'
  | 'invalid_signature'
  | 'issuer_mismatch'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_use_mismatch'
  | 'client_id_mismatch'
  | 'scope_mismatch'
  | 'group_mismatch'
  | 'jwks_unavailable';

/**
 * Base class of every rejection by `verify`. Bad *options* are programmer errors and throw
 * `TypeError` instead, at construction.
 *
 * @example
 * verifier.verify(token).catch((e) => {
 *   if (e instanceof AccessTokenError) console.warn('rejected token:', e.code);
 * });
 */
export abstract class AccessTokenError extends Error {
  abstract readonly code: AccessTokenErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

// ---- The token itself: syntax, algorithm, key, signature ----

/** @example if (e instanceof MalformedTokenError) … // e.code === 'malformed_token' */
export class MalformedTokenError extends AccessTokenError { readonly code = 'malformed_token'; }

/** @example if (e instanceof AlgorithmNotAllowedError) … // e.code === 'alg_not_allowed' */
export class AlgorithmNotAllowedError extends AccessTokenError { readonly code = 'alg_not_allowed'; }

/** @example if (e instanceof UnknownKidError) … // e.code === 'unknown_kid' */
export class UnknownKidError extends AccessTokenError { readonly code = 'unknown_kid'; }

/** @example if (e instanceof InvalidSignatureError) … // e.code === 'invalid_signature' */
export class InvalidSignatureError extends AccessTokenError { readonly code = 'invalid_signature'; }

// ---- Claims (checked only once the signature is good) ----

/**
 * A claim check failed; `claim` names the claim (`iss`, `exp`, `nbf`, `token_use`, `client_id`,
 * `scope`).
 *
 * @example
 * if (e instanceof InvalidClaimError) console.warn(`${e.claim}: ${e.code}`);
 */
export abstract class InvalidClaimError extends AccessTokenError {
  readonly claim: string;
  constructor(claim: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.claim = claim;
  }
}

/** @example if (e instanceof IssuerMismatchError) … // e.code === 'issuer_mismatch' */
export class IssuerMismatchError extends InvalidClaimError { readonly code = 'issuer_mismatch'; }

/** @example if (e instanceof TokenExpiredError) … // e.code === 'token_expired' */
export class TokenExpiredError extends InvalidClaimError { readonly code = 'token_expired'; }

/** @example if (e instanceof TokenNotYetValidError) … // e.code === 'token_not_yet_valid' */
export class TokenNotYetValidError extends InvalidClaimError { readonly code = 'token_not_yet_valid'; }

/** @example if (e instanceof TokenUseMismatchError) … // e.code === 'token_use_mismatch' (an ID token) */
export class TokenUseMismatchError extends InvalidClaimError { readonly code = 'token_use_mismatch'; }

/** @example if (e instanceof ClientIdMismatchError) … // e.code === 'client_id_mismatch' */
export class ClientIdMismatchError extends InvalidClaimError { readonly code = 'client_id_mismatch'; }

/**
 * The token is valid but lacks the scopes required: with GroupMismatchError, the rejections the
 * middleware answers with 403 rather than 401.
 *
 * @example if (e instanceof ScopeMismatchError) … // e.code === 'scope_mismatch'
 */
export class ScopeMismatchError extends InvalidClaimError { readonly code = 'scope_mismatch'; }

/**
 * The token's `cognito:groups` (missing, for an M2M token) names none of the required groups.
 *
 * @example if (e instanceof GroupMismatchError) … // e.code === 'group_mismatch'
 */
export class GroupMismatchError extends InvalidClaimError { readonly code = 'group_mismatch'; }

// ---- Not the token's fault ----

/**
 * The JWKS could not be fetched or parsed (network error, timeout, non-200, not a JWKS). The token
 * was not judged; retrying later may succeed.
 *
 * @example if (e instanceof JwksUnavailableError) … // e.code === 'jwks_unavailable'
 */
export class JwksUnavailableError extends AccessTokenError { readonly code = 'jwks_unavailable'; }
