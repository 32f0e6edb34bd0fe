import type { JWTPayload } from 'jose';
import { ClientIdMismatchError, MalformedTokenError, TokenUseMismatchError } from './errors.js';
import type { AccessTokenVerifierOptions, ResolvedChecks, VerifyOverrides } from './options.js';
import { checkGroups, createCognitoVerifier } from './verifier.js';

/**
 * The claims of a verified Cognito ID token (cognito-reference-users §5.3): the user's `sub`,
 * names, groups and the attributes its client may read (`email`, `custom:*`, …).
 *
 * @example
 * const claims: IdTokenClaims = await idVerifier.verify(idToken);
 * console.log(claims['cognito:username'], claims.email, claims['cognito:groups']);
 */
export interface IdTokenClaims extends JWTPayload {
  sub: string;
  token_use: 'id';
  /** The app client the user signed in to. */
  aud: string;
  iss: string;
  exp: number;
  'cognito:username': string;
  'cognito:groups'?: string[];
  email?: string;
  email_verified?: boolean;
  auth_time?: number;
  origin_jti?: string;
  event_id?: string;
}

/** Per-call checks of an ID token: as for access tokens, without scopes (ID tokens carry none). */
export type IdTokenVerifyOverrides = Omit<VerifyOverrides, 'scopes'>;

/**
 * Options of {@link createIdTokenVerifier}: those of access tokens, without scopes. `clientId` is
 * matched against `aud`.
 *
 * @example
 * const options: IdTokenVerifierOptions = { userPoolId: 'us-east-1_AbCdEf123', clientId: '1example23456789', groups: 'admins' };
 */
export type IdTokenVerifierOptions = Omit<AccessTokenVerifierOptions, 'scopes'>;

/**
 * Verifies Cognito ID tokens. Create one per pool and share it: it holds the JWKS cache.
 *
 * @example
 * const claims = await idVerifier.verify(idToken, { groups: ['admins'] });
 */
export interface IdTokenVerifier {
  /** Resolves to the token's claims, or rejects with an AccessTokenError whose `code` says why. */
  verify(token: string, overrides?: IdTokenVerifyOverrides): Promise<IdTokenClaims>;
  readonly issuers: readonly string[];
  readonly jwksUri: string;
}

/**
 * Creates a verifier for one user pool's ID tokens, as aws-jwt-verify's `tokenUse: 'id'` does
 * (cognito-reference-users §5.7): the same JWS, key, `iss`, `nbf` and `exp` checks as access
 * tokens, then `token_use: "id"`, `aud` one of `clientId`, and `groups`.
 *
 * @example
 * const idVerifier = createIdTokenVerifier({ userPoolId: 'us-east-1_AbCdEf123', clientId: '1example23456789' });
 * // Tests: pointed at cognito-mock.
 * const testVerifier = createIdTokenVerifier({ ...mock.verifierOptions(poolId), clientId });
 */
export function createIdTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  // Scopes never apply: an ID token has no `scope` claim.
  const { verify, issuers, jwksUri } = createCognitoVerifier({ ...options, scopes: null }, checkIdClaims);
  return { verify: (token, overrides) => verify(token, overrides === undefined ? undefined : { ...overrides, scopes: null }), issuers, jwksUri };
}

function checkIdClaims(payload: JWTPayload, checks: ResolvedChecks): IdTokenClaims {
  if (payload.token_use !== 'id') {
    throw new TokenUseMismatchError('token_use', `Token use not allowed: ${String(payload.token_use)}. Expected: id`);
  }
  const audience = payload.aud;
  if (checks.clientIds !== null && (typeof audience !== 'string' || !checks.clientIds.has(audience))) {
    throw new ClientIdMismatchError('aud', `Client ID not allowed: ${String(audience)}. Expected: ${[...checks.clientIds].join(', ')}`);
  }
  if (typeof audience !== 'string' || typeof payload.sub !== 'string') {
    throw new MalformedTokenError('an ID token must carry string "aud" and "sub" claims');
  }
  checkGroups(payload, checks);
  return payload as IdTokenClaims;
}
