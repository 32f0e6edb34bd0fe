import { createPublicKey, verify } from 'node:crypto';
import type { AccessTokenErrorCode } from '../verifier/errors.js';

// The token decoder's judgement: a pasted JWT decoded, its pool found (from `iss`, else from its
// `kid`), and every check the shared verifier (src/verifier/) makes, in its order and with its
// error codes, so the page says what `createAccessTokenVerifier` would. Unlike the verifier it
// goes on past the first failure: a developer wants to see everything wrong at once. Nothing here
// keeps the token.

/** A key a pool publishes, with what it signs. */
export interface PublishedKey {
  jwk: { kid: string; kty: string; n: string; e: string; alg?: string };
  role: string;
}

/** What the decoder knows of a pool. */
export interface PoolKeyring {
  poolId: string;
  issuer: string;
  keys: readonly PublishedKey[];
  /** Client ids of the pool, with their names. */
  clients: ReadonlyMap<string, string>;
}

export interface TokenCheck {
  name: string;
  /** `true` passed, `false` failed (with the verifier's code), `undefined` not judged or informational. */
  ok: boolean | undefined;
  code?: AccessTokenErrorCode;
  text: string;
}

export interface TokenReport {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  pool?: { poolId: string; foundBy: 'iss' | 'kid' };
  checks: TokenCheck[];
  /** The first failure, as a verifier rejects: its code and text; none when it would accept. */
  rejection?: { code: AccessTokenErrorCode; text: string };
}

/** Decodes and judges `token` against the pools at `now` (epoch seconds, the mock's clock). */
export function inspectToken(token: string, pools: readonly PoolKeyring[], now: number): TokenReport {
  const parts = token.trim().split('.');
  const header = parts.length === 3 ? jsonPart(parts[0]!) : undefined;
  const claims = parts.length === 3 ? jsonPart(parts[1]!) : undefined;
  if (header === undefined || claims === undefined) {
    const check: TokenCheck = { name: 'format', ok: false, code: 'malformed_token', text: 'not a JWT: three base64url parts, the first two JSON objects' };
    return { ...(header && { header }), checks: [check], rejection: { code: 'malformed_token', text: check.text } };
  }
  const checks: TokenCheck[] = [{ name: 'format', ok: true, text: 'a compact JWS with a JSON header and claims' }];
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const byIss = pools.find((pool) => pool.issuer === claims.iss);
  const byKid = kid === undefined ? undefined : pools.find((pool) => pool.keys.some((key) => key.jwk.kid === kid));
  const pool = byIss ?? byKid;

  checks.push(header.alg === 'RS256' ? { name: 'alg', ok: true, text: 'RS256' }
    : { name: 'alg', ok: false, code: 'alg_not_allowed', text: `"alg" is ${JSON.stringify(header.alg)}; Cognito signs with RS256 only` });
  const key = pool?.keys.find((k) => k.jwk.kid === kid);
  if (pool === undefined) {
    checks.push({ name: 'kid', ok: false, code: 'unknown_kid', text: kid === undefined ? 'the header has no kid' : 'no pool of this mock publishes this kid, nor is the iss one of its pools\'' });
  } else if (key === undefined) {
    const elsewhere = byKid && byKid !== pool ? ` (it is a key of ${byKid.poolId})` : '';
    checks.push({ name: 'kid', ok: false, code: 'unknown_kid', text: kid === undefined ? 'the header has no kid' : `the kid is not in ${pool.poolId}'s JWKS${elsewhere}: a rotated-out key retired, or another issuer's` });
  } else {
    checks.push({ name: 'kid', ok: true, text: `${pool.poolId}'s ${key.role}` });
  }
  if (key !== undefined && header.alg === 'RS256') {
    checks.push(signatureOk(parts, key) ? { name: 'signature', ok: true, text: 'verified with the pool\'s public key' }
      : { name: 'signature', ok: false, code: 'invalid_signature', text: 'the signature does not match the key the kid names: the token was changed, or signed with another key' });
  } else {
    checks.push({ name: 'signature', ok: undefined, text: 'not checked: no key of the mock to check it with' });
  }
  if (pool !== undefined) {
    checks.push(claims.iss === pool.issuer ? { name: 'iss', ok: true, text: `${pool.poolId}'s issuer` }
      : { name: 'iss', ok: false, code: 'issuer_mismatch', text: `${JSON.stringify(claims.iss)} is not ${pool.poolId}'s issuer ${pool.issuer}` });
  }
  checks.push(...timeChecks(claims, now));
  checks.push(tokenUseCheck(claims.token_use));
  if (pool !== undefined) checks.push(clientCheck(claims, pool));

  const failed = checks.find((check) => check.ok === false && check.code !== undefined);
  return {
    header, claims, checks,
    ...(pool && { pool: { poolId: pool.poolId, foundBy: byIss ? 'iss' as const : 'kid' as const } }),
    ...(failed && { rejection: { code: failed.code!, text: failed.text } }),
  };
}

function jsonPart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

function signatureOk(parts: string[], key: PublishedKey): boolean {
  try {
    const publicKey = createPublicKey({ key: { kty: key.jwk.kty, n: key.jwk.n, e: key.jwk.e }, format: 'jwk' });
    return verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2]!, 'base64url'));
  } catch {
    return false;
  }
}

/** `nbf` and `exp` as jose judges them for the verifier (no grace): expired when `exp <= now`. */
function timeChecks(claims: Record<string, unknown>, now: number): TokenCheck[] {
  const checks: TokenCheck[] = [];
  if (claims.nbf !== undefined) {
    if (typeof claims.nbf !== 'number') checks.push({ name: 'nbf', ok: false, code: 'malformed_token', text: '"nbf" is not a number' });
    else if (claims.nbf > now) checks.push({ name: 'nbf', ok: false, code: 'token_not_yet_valid', text: `not valid for another ${span(claims.nbf - now)}` });
    else checks.push({ name: 'nbf', ok: true, text: 'already valid' });
  }
  if (typeof claims.exp !== 'number') checks.push({ name: 'exp', ok: false, code: 'malformed_token', text: '"exp" is missing or not a number' });
  else if (claims.exp <= now) checks.push({ name: 'exp', ok: false, code: 'token_expired', text: `expired ${span(now - claims.exp)} ago` });
  else checks.push({ name: 'exp', ok: true, text: `valid for another ${span(claims.exp - now)}` });
  if (typeof claims.iat === 'number' && claims.iat > now) checks.push({ name: 'iat', ok: undefined, text: `issued ${span(claims.iat - now)} in the future (verifiers do not check iat)` });
  return checks;
}

function tokenUseCheck(use: unknown): TokenCheck {
  if (use === 'access') return { name: 'token_use', ok: true, text: 'an access token: createAccessTokenVerifier takes it, createIdTokenVerifier says token_use_mismatch' };
  if (use === 'id') return { name: 'token_use', ok: true, text: 'an ID token: createIdTokenVerifier takes it, createAccessTokenVerifier says token_use_mismatch' };
  return { name: 'token_use', ok: false, code: 'token_use_mismatch', text: `token_use is ${JSON.stringify(use)}: neither "access" nor "id"` };
}

/** Informational: a verifier built with `clientId` refuses other clients (client_id_mismatch). */
function clientCheck(claims: Record<string, unknown>, pool: PoolKeyring): TokenCheck {
  const member = claims.token_use === 'id' ? 'aud' : 'client_id';
  const clientId = claims[member];
  const name = typeof clientId === 'string' ? pool.clients.get(clientId) : undefined;
  if (name !== undefined) return { name: member, ok: true, text: `the client ${name} (${String(clientId)}) of ${pool.poolId}` };
  return { name: member, ok: undefined, text: `${JSON.stringify(clientId)} names no client of ${pool.poolId} (a verifier with clientId set says client_id_mismatch)` };
}

/** A duration in words, coarse: "3 minutes", "2 hours", "5 days". */
export function span(seconds: number): string {
  const units: [number, string][] = [[86_400, 'day'], [3_600, 'hour'], [60, 'minute'], [1, 'second']];
  for (const [size, unit] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1 || size === 1) return `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return `${seconds} seconds`;
}
