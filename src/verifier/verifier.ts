import {
  type JWSHeaderParameters,
  type FlattenedJWSInput,
  type JWTPayload,
  createRemoteJWKSet,
  errors,
  jwtVerify,
} from 'jose';
import {
  AccessTokenError,
  AlgorithmNotAllowedError,
  ClientIdMismatchError,
  GroupMismatchError,
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
import {
  type AccessTokenVerifierOptions,
  type ResolvedChecks,
  type VerifyOverrides,
  resolveChecks,
  resolveOptions,
} from './options.js';
import { checkScopes } from './scopes.js';

/**
 * The claims of a verified Cognito access token (cognito-reference §2.2). Client-credentials tokens
 * carry `sub` = `client_id`; a pre-token-generation trigger may add more claims.
 *
 * @example
 * const claims: AccessTokenClaims = await verifier.verify(token);
 * console.log(claims.client_id, claims.scope?.split(' '));
 */
export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  token_use: 'access';
  /** Space-separated granted scopes, e.g. `orders/read orders/write`. */
  scope?: string;
  iss: string;
  exp: number;
  client_id: string;
  /** A user's access token: the internal username and groups (cognito-reference-users §5.4). */
  username?: string;
  'cognito:groups'?: string[];
  auth_time?: number;
  iat?: number;
  version?: number;
  jti?: string;
}

/**
 * Verifies Cognito access tokens. Create one per pool and share it: it holds the JWKS cache.
 *
 * @example
 * const claims = await verifier.verify(token, { scopes: ['orders/write'] });
 */
export interface AccessTokenVerifier {
  /**
   * Resolves to the token's claims, or rejects with an {@link AccessTokenError} whose `code` says
   * why. `overrides` replace the construction-time `clientId`, `scopes` and `graceSeconds` for this
   * call only.
   */
  verify(token: string, overrides?: VerifyOverrides): Promise<AccessTokenClaims>;
  /** The accepted `iss` values. */
  readonly issuers: readonly string[];
  /** Where the keys are fetched from. */
  readonly jwksUri: string;
}

/**
 * Creates a verifier for one user pool's access tokens. Checks, in order: a compact JWS; `alg`
 * exactly `RS256`; a `kid` found in the pool's JWKS; the signature; then `iss`, `nbf`, `exp`,
 * `token_use: "access"`, `client_id` and `scope`. The JWKS is fetched on first use, cached, and
 * refetched when a token names an unknown `kid` (at most every 30 s: jose's `createRemoteJWKSet`).
 *
 * @example
 * // Production: real Cognito, nothing else to configure.
 * const verifier = createAccessTokenVerifier({
 *   userPoolId: 'us-east-1_AbCdEf123',
 *   clientId: ['1example23456789'],
 *   scopes: ['orders/read'],
 * });
 * // Tests: the same verifier pointed at cognito-mock.
 * const testVerifier = createAccessTokenVerifier({ ...mock.verifierOptions(poolId), clientId: null });
 * const claims = await verifier.verify(token);
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  return createCognitoVerifier(options, checkAccessClaims);
}

/**
 * A verifier of one kind of Cognito token (internal): the JWS, key and standard-claim checks both
 * kinds share, then `checkClaims` for the kind's own (`token_use`, the client claim, scopes).
 */
export function createCognitoVerifier<Claims>(
  options: AccessTokenVerifierOptions,
  checkClaims: (payload: JWTPayload, checks: ResolvedChecks) => Claims,
): { verify(token: string, overrides?: VerifyOverrides): Promise<Claims>; issuers: readonly string[]; jwksUri: string } {
  const { issuers, jwksUri, clock, checks } = resolveOptions(options);
  const jwks = createRemoteJWKSet(jwksUri);

  // Runs only after jose has checked `alg` against ['RS256'], so an `alg: none` or HS256 token never
  // triggers a JWKS fetch.
  async function keyFor(header: JWSHeaderParameters, token: FlattenedJWSInput) {
    // Cognito always names its key (reference §2.1); without a kid jose would pick any key that fits.
    if (typeof header.kid !== 'string' || header.kid === '') throw new UnknownKidError('token header has no kid');
    try {
      return await jwks(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw new UnknownKidError(`kid ${JSON.stringify(header.kid)} is not in the JWKS at ${jwksUri.href}`, { cause: error });
      }
      throw new JwksUnavailableError(`could not get the JWKS from ${jwksUri.href}`, { cause: error });
    }
  }

  async function verify(token: string, overrides?: VerifyOverrides): Promise<Claims> {
    const effective = overrides === undefined ? checks : resolveChecks(overrides, checks);
    if (typeof token !== 'string') throw new MalformedTokenError('token must be a string');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keyFor, {
        algorithms: ['RS256'],
        issuer: issuers,
        requiredClaims: ['exp'],
        currentDate: new Date(clock()),
        clockTolerance: effective.graceSeconds,
      }));
    } catch (error) {
      throw translate(error);
    }
    return checkClaims(payload, effective);
  }

  return { verify, issuers, jwksUri: jwksUri.href };
}

/** token_use, client_id, scope and groups: the checks jose does not know (aws-jwt-verify's order, reference §8.2). */
function checkAccessClaims(payload: JWTPayload, checks: ResolvedChecks): AccessTokenClaims {
  if (payload.token_use !== 'access') {
    throw new TokenUseMismatchError('token_use', `Token use not allowed: ${String(payload.token_use)}. Expected: access`);
  }
  const clientId = payload.client_id;
  if (checks.clientIds !== null && (typeof clientId !== 'string' || !checks.clientIds.has(clientId))) {
    throw new ClientIdMismatchError('client_id',
      `Client ID not allowed: ${String(clientId)}. Expected: ${[...checks.clientIds].join(', ')}`);
  }
  if (typeof clientId !== 'string' || typeof payload.sub !== 'string') {
    throw new MalformedTokenError('an access token must carry string "client_id" and "sub" claims');
  }
  if (payload.scope !== undefined && typeof payload.scope !== 'string') throw new MalformedTokenError('"scope" claim must be a string');
  if (checks.scopes !== null) {
    const problem = checkScopes(payload.scope, checks.scopes);
    if (problem !== undefined) throw new ScopeMismatchError('scope', problem);
  }
  checkGroups(payload, checks);
  return payload as AccessTokenClaims;
}

/**
 * `cognito:groups` names at least one required group, as aws-jwt-verify's `groups` option checks
 * (cognito-reference-users §5.7); a token without the claim has none.
 */
export function checkGroups(payload: JWTPayload, checks: ResolvedChecks): void {
  if (checks.groups === null) return;
  const groups = payload['cognito:groups'];
  if (groups !== undefined && (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string'))) {
    throw new MalformedTokenError('"cognito:groups" claim must be an array of strings');
  }
  if (!(groups ?? []).some((group: string) => checks.groups!.has(group))) {
    throw new GroupMismatchError('cognito:groups', `Cognito group not allowed: ${JSON.stringify(groups ?? [])}. Expected: ${[...checks.groups].join(', ')}`);
  }
}

/** jose's errors → ours. Anything that is not a token problem (a bug) passes through unchanged. */
function translate(error: unknown): unknown {
  if (error instanceof AccessTokenError) return error;
  const cause = { cause: error };
  if (error instanceof errors.JOSEAlgNotAllowed) return new AlgorithmNotAllowedError('"alg" must be RS256', cause);
  if (error instanceof errors.JWSSignatureVerificationFailed) return new InvalidSignatureError('signature verification failed', cause);
  if (error instanceof errors.JWTExpired) {
    return new TokenExpiredError('exp', `Token expired at ${isoDate(error.payload.exp)}`, cause);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new IssuerMismatchError('iss', `Issuer not allowed: ${String(error.payload.iss)}`, cause);
    if (error.claim === 'nbf' && error.reason === 'check_failed') {
      return new TokenNotYetValidError('nbf', `Token not valid before ${isoDate(error.payload.nbf)}`, cause);
    }
    return new MalformedTokenError(error.message, cause);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new MalformedTokenError(error.message, cause);
  }
  return error;
}

const isoDate = (seconds: unknown): string => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : String(seconds));
