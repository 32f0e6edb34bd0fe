import { randomUUID } from 'node:crypto';
import { inCognitoOrder } from './claim-order.js';
import { type TokenGroup, orderedGroups, roleClaims } from './groups-claims.js';

/** A user attribute the app client may read (the caller filters by `ReadAttributes` and, for managed login, scopes). */
export interface TokenAttribute {
  Name: string;
  Value: string;
}

export interface IdTokenInput {
  /** The user's `sub`. */
  sub: string;
  /** The internal username (`cognito:username`). */
  username: string;
  /** The app client (`aud`). */
  clientId: string;
  issuer: string;
  /** Epoch seconds of the original sign-in; a refresh keeps it. */
  authTime: number;
  /** Issue time, epoch seconds. */
  iat: number;
  /** Lifetime in seconds (`IdTokenValidity`). */
  expiresIn: number;
  /** Shared by every token of one sign-in and its refreshes (revocation). */
  /** Absent when the client has token revocation off (`EnableTokenRevocation: false`): such tokens carry none (§4.10). */
  originJti?: string | undefined;
  /** API flows only (absent from managed-login tokens, §9 Q17); equals the access token's. */
  eventId?: string;
  groups?: readonly TokenGroup[];
  attributes?: readonly TokenAttribute[];
  /** Managed login: OIDC `at_hash` of the access token, and the authorize request's `nonce`. */
  atHash?: string;
  nonce?: string;
}

const VERIFIED_FLAGS = new Set(['email_verified', 'phone_number_verified']);

/**
 * An ID token's claims (cognito-reference-users §5.3) in Cognito's order (§5.2). Inserted as the
 * samples require inside shared buckets: group and role claims, `sub` and the verified flags (2017:
 * email_verified before event_id), the fixed claims, then the other attributes (2022: jti before
 * email).
 */
export function idTokenClaims(input: IdTokenInput): Record<string, unknown> {
  const groups = orderedGroups(input.groups ?? []);
  const { roles, preferredRole } = roleClaims(groups);
  const claims: Record<string, unknown> = {};
  if (groups.length > 0) claims['cognito:groups'] = groups.map((g) => g.name);
  if (roles.length > 0) claims['cognito:roles'] = roles;
  if (preferredRole !== undefined) claims['cognito:preferred_role'] = preferredRole;
  if (input.atHash !== undefined) claims.at_hash = input.atHash;
  claims.sub = input.sub;
  const attributes = input.attributes ?? [];
  for (const { Name, Value } of attributes) if (VERIFIED_FLAGS.has(Name)) claims[Name] = Value === 'true';
  claims.iss = input.issuer;
  claims['cognito:username'] = input.username;
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  if (input.originJti !== undefined) claims.origin_jti = input.originJti;
  claims.aud = input.clientId;
  if (input.eventId !== undefined) claims.event_id = input.eventId;
  claims.token_use = 'id';
  claims.auth_time = input.authTime;
  claims.exp = input.iat + input.expiresIn;
  claims.iat = input.iat;
  claims.jti = randomUUID();
  for (const { Name, Value } of attributes) {
    // `sub` is a claim of its own; a client-supplied attribute may not override the fixed claims.
    if (Name === 'sub' || Object.hasOwn(claims, Name)) continue;
    claims[Name] = attributeClaim(Name, Value);
  }
  return inCognitoOrder(claims);
}

/**
 * An attribute as its claim (the verified flags, JSON booleans (§5.3), are written earlier): `updated_at` a number and
 * `address` an OIDC address object (§9 Q10, unverified); everything else, `custom:*` included, the
 * string it is stored as.
 */
function attributeClaim(name: string, value: string): unknown {
  switch (name) {
    case 'updated_at': {
      const seconds = Number(value);
      return Number.isFinite(seconds) ? seconds : value;
    }
    case 'address':
      return { formatted: value };
    default:
      return value;
  }
}
