/**
 * Which scopes a request needs. The token's `scope` claim is split on spaces and compared member by
 * member, never as a substring, so `orders/read-all` or `orders/readx` never satisfy `orders/read`.
 *
 * - `['a', 'b']` or `{ allOf: ['a', 'b'] }`: the token must carry **every** listed scope (the safe
 *   default for a route that needs several rights);
 * - `{ anyOf: ['a', 'b'] }`: **at least one** of them (what aws-jwt-verify's `scope` option does).
 *
 * @example
 * const read: ScopeRequirement = ['orders/read'];
 * const readOrAdmin: ScopeRequirement = { anyOf: ['orders/read', 'orders/admin'] };
 */
export type ScopeRequirement = readonly string[] | { readonly allOf: readonly string[] } | { readonly anyOf: readonly string[] };

/**
 * The normalised form of a {@link ScopeRequirement} (internal).
 *
 * @example
 * const rule: ScopeRule = { mode: 'anyOf', scopes: ['orders/read', 'orders/admin'] };
 */
export interface ScopeRule {
  mode: 'allOf' | 'anyOf';
  scopes: readonly string[];
}

/**
 * Checks that may be set at construction and overridden per `verify` call.
 *
 * @example
 * await verifier.verify(token, { scopes: ['orders/write'], clientId: BILLING_CLIENT_ID });
 */
export interface VerifyOverrides {
  /**
   * The app client ids allowed to call, matched against the `client_id` claim. `null` accepts any
   * client of the pool: pass it explicitly, and only if you know every client may call.
   */
  clientId?: string | readonly string[] | null;
  /** The scopes required (see {@link ScopeRequirement}); omit or `null` for no scope check. */
  scopes?: ScopeRequirement | null;
  /**
   * The groups allowed to call, matched against the `cognito:groups` claim as aws-jwt-verify's
   * `groups` does: the token must carry at least one of them. Omit or `null` for no group check;
   * an M2M token (no groups) then never passes.
   */
  groups?: string | readonly string[] | null;
  /** Clock skew allowed on `exp` and `nbf`, in seconds. Default 0. */
  graceSeconds?: number;
}

/**
 * Options of {@link createAccessTokenVerifier}. Only `userPoolId` and `clientId` are needed in
 * production: issuer and JWKS URL default to real Cognito's.
 *
 * @example
 * const options: AccessTokenVerifierOptions = {
 *   userPoolId: 'us-east-1_AbCdEf123',
 *   clientId: ['1example23456789'],
 *   scopes: ['orders/read'],
 * };
 */
export interface AccessTokenVerifierOptions {
  /** The pool id, `<region>_<id>`; the region in it picks Cognito's issuer and JWKS URL. */
  userPoolId: string;
  /**
   * Required: the allowed app client id(s), or `null` to accept any client of the pool. Omitting it
   * is a type error and throws a `TypeError`, so the check is never skipped by accident.
   */
  clientId: string | readonly string[] | null;
  /** The scopes every verified token must carry; omit or `null` for none. Overridable per call. */
  scopes?: ScopeRequirement | null;
  /** Groups of which every verified token must name one in `cognito:groups` (any-of); omit or `null` for none. Overridable per call. */
  groups?: string | readonly string[] | null;
  /**
   * Accepted `iss` value(s). Default: both issuers Cognito uses for the pool,
   * `https://cognito-idp.<region>.amazonaws.com/<pool>` (ORIGINAL) and
   * `https://issuer-cognito-idp.<region>.amazonaws.com/<pool>` (UPDATED). Set it to point at
   * cognito-mock in `local` issuer mode.
   */
  issuer?: string | readonly string[];
  /**
   * Where to fetch the pool's keys. Default: `<first issuer>/.well-known/jwks.json`. Set it to point
   * at cognito-mock in `aws` issuer mode.
   */
  jwksUri?: string;
  /** Clock skew allowed on `exp` and `nbf`, in seconds. Default 0. */
  graceSeconds?: number;
  /** Time source in milliseconds since the epoch; default `Date.now`. Drives `exp`/`nbf` checks. */
  clock?: () => number;
}

/**
 * The options after checking: what the verifier runs on (internal).
 *
 * @example
 * const { issuers, jwksUri, checks } = resolveOptions({ userPoolId, clientId: null });
 */
export interface ResolvedOptions {
  issuers: string[];
  jwksUri: URL;
  clock: () => number;
  checks: ResolvedChecks;
}

/**
 * The per-call checks after checking (internal): client ids as a set, scopes as a rule.
 *
 * @example
 * const checks: ResolvedChecks = { clientIds: new Set(['abc']), scopes: null, groups: null, graceSeconds: 0 };
 */
export interface ResolvedChecks {
  clientIds: ReadonlySet<string> | null;
  scopes: ScopeRule | null;
  groups: ReadonlySet<string> | null;
  graceSeconds: number;
}

// aws-jwt-verify 5.2.1's pattern (cognito-reference §2.4): the region is everything before `_`.
const USER_POOL_ID = /^(?<region>(?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-)?[a-z]+-\d)_[a-zA-Z0-9]+$/;
// Cognito's model pattern for pool ids (reference §2.4): enough when issuer and JWKS URL are given.
const ANY_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

/**
 * Checks construction options; bad ones are programmer errors and throw `TypeError` (like jose).
 *
 * @example
 * resolveOptions({ userPoolId: 'us-east-1_AbCdEf123', clientId: null }).jwksUri.href
 * // 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/.well-known/jwks.json'
 */
export function resolveOptions(options: AccessTokenVerifierOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { userPoolId } = options;
  if (typeof userPoolId !== 'string' || !ANY_POOL_ID.test(userPoolId)) {
    throw new TypeError(`"userPoolId" must be a Cognito user pool id like us-east-1_AbCdEf123, got ${describe(userPoolId)}`);
  }
  if (options.clientId === undefined) {
    throw new TypeError('"clientId" must be given: the allowed app client id(s), or null to accept any client of the pool');
  }
  const issuers = options.issuer === undefined ? cognitoIssuers(userPoolId) : resolveIssuers(options.issuer);
  const jwksUri = parseUrl('jwksUri', options.jwksUri ?? `${issuers[0]}/.well-known/jwks.json`);
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function') throw new TypeError('"clock" must be a function returning milliseconds');
  return { issuers, jwksUri, clock, checks: resolveChecks(options) };
}

/**
 * Merges per-call overrides over the construction-time checks (throws `TypeError` for bad ones).
 *
 * @example
 * resolveChecks({ scopes: ['orders/write'] }, base).scopes // { mode: 'allOf', scopes: ['orders/write'] }
 */
export function resolveChecks(overrides: VerifyOverrides, base?: ResolvedChecks): ResolvedChecks {
  return {
    clientIds: overrides.clientId === undefined ? (base?.clientIds ?? null) : resolveClientIds(overrides.clientId),
    scopes: overrides.scopes === undefined ? (base?.scopes ?? null) : resolveScopes(overrides.scopes),
    groups: overrides.groups === undefined ? (base?.groups ?? null) : resolveGroups(overrides.groups),
    graceSeconds: overrides.graceSeconds === undefined ? (base?.graceSeconds ?? 0) : resolveGrace(overrides.graceSeconds),
  };
}

function cognitoIssuers(userPoolId: string): string[] {
  const region = USER_POOL_ID.exec(userPoolId)?.groups?.region;
  if (region === undefined) {
    throw new TypeError(`"userPoolId" ${userPoolId} names no AWS region; give "issuer" (and "jwksUri") explicitly`);
  }
  // Both issuer types of the pool (reference §3.3), as aws-jwt-verify 5.2 accepts (reference §8.1).
  return [
    `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
    `https://issuer-cognito-idp.${region}.amazonaws.com/${userPoolId}`,
  ];
}

function resolveIssuers(issuer: string | readonly string[]): string[] {
  const list = typeof issuer === 'string' ? [issuer] : issuer;
  if (!Array.isArray(list) || list.length === 0 || !list.every((i) => typeof i === 'string' && i !== '')) {
    throw new TypeError(`"issuer" must be a non-empty string or array of them, got ${describe(issuer)}`);
  }
  return [...list];
}

function resolveClientIds(clientId: string | readonly string[] | null): ReadonlySet<string> | null {
  if (clientId === null) return null;
  const list = typeof clientId === 'string' ? [clientId] : clientId;
  if (!Array.isArray(list) || list.length === 0 || !list.every((c) => typeof c === 'string' && c !== '')) {
    throw new TypeError(`"clientId" must be a client id, a non-empty array of them, or null, got ${describe(clientId)}`);
  }
  return new Set(list);
}

function resolveScopes(requirement: ScopeRequirement | null): ScopeRule | null {
  if (requirement === null) return null;
  let rule: ScopeRule | undefined;
  if (Array.isArray(requirement)) rule = { mode: 'allOf', scopes: requirement };
  else if (typeof requirement === 'object' && 'allOf' in requirement) rule = { mode: 'allOf', scopes: requirement.allOf };
  else if (typeof requirement === 'object' && 'anyOf' in requirement) rule = { mode: 'anyOf', scopes: requirement.anyOf };
  // An empty list is almost always a bug (a scope list built from missing config), so it is refused.
  if (!rule || !Array.isArray(rule.scopes) || rule.scopes.length === 0
    || !rule.scopes.every((s) => typeof s === 'string' && /^[\x21-\x7e]+$/.test(s) && !s.includes('"') && !s.includes('\\'))) {
    throw new TypeError(`"scopes" must be a non-empty array of scope names, { allOf: [...] } or { anyOf: [...] }, got ${describe(requirement)}`);
  }
  return { mode: rule.mode, scopes: [...rule.scopes] };
}

function resolveGroups(groups: string | readonly string[] | null): ReadonlySet<string> | null {
  if (groups === null) return null;
  const list = typeof groups === 'string' ? [groups] : groups;
  if (!Array.isArray(list) || list.length === 0 || !list.every((g) => typeof g === 'string' && g !== '')) {
    throw new TypeError(`"groups" must be a group name, a non-empty array of them, or null, got ${describe(groups)}`);
  }
  return new Set(list);
}

function resolveGrace(graceSeconds: number): number {
  if (typeof graceSeconds !== 'number' || !Number.isFinite(graceSeconds) || graceSeconds < 0) {
    throw new TypeError(`"graceSeconds" must be a non-negative number of seconds, got ${describe(graceSeconds)}`);
  }
  return graceSeconds;
}

function parseUrl(name: string, value: unknown): URL {
  if (typeof value !== 'string' || !URL.canParse(value)) throw new TypeError(`"${name}" must be an http(s) URL, got ${describe(value)}`);
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`"${name}" must be an http(s) URL, got ${describe(value)}`);
  return url;
}

const describe = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value));
