/**
 * `cognito-mock/verifier`: verifies Cognito access and ID tokens (from real Cognito or from
 * cognito-mock) and protects Koa routes with access tokens. Built on jose.
 *
 * @example
 * import { createAccessTokenVerifier, requireAccessToken } from 'cognito-mock/verifier';
 * const verifier = createAccessTokenVerifier({ userPoolId: 'us-east-1_AbCdEf123', clientId: null });
 * router.get('/orders', requireAccessToken({ verifier, scopes: ['orders/read'] }), listOrders);
 */
export { createAccessTokenVerifier } from './verifier.js';
export type { AccessTokenClaims, AccessTokenVerifier } from './verifier.js';
export { createIdTokenVerifier } from './id-token-verifier.js';
export type { IdTokenClaims, IdTokenVerifier, IdTokenVerifierOptions, IdTokenVerifyOverrides } from './id-token-verifier.js';
export type { AccessTokenVerifierOptions, ScopeRequirement, VerifyOverrides } from './options.js';
export { tokenScopes } from './scopes.js';
export { requireAccessToken } from './koa.js';
export type { AccessTokenRejection, AccessTokenState, RequireAccessTokenOptions } from './koa.js';
export {
  AccessTokenError,
  AlgorithmNotAllowedError,
  ClientIdMismatchError,
  GroupMismatchError,
  InvalidClaimError,
  InvalidSignatureError,
  IssuerMismatchError,
  JwksUnavailableError,
  MalformedTokenError,
  ScopeMismatchError,
  TokenExpiredError,
  TokenNotYetValidError,
  TokenUseMismatchError,
  UnknownKidError,
} from './errors.js';
export type { AccessTokenErrorCode } from './errors.js';
