import { isRecord } from '../model/problems.js';
import { invalidTriggerResponse } from './trigger-failure.js';

// The version 3 pre token generation event for client credentials, and how its response changes
// the access token (cognito-reference §7; DefinitelyTyped `pre-token-generation-v3.d.ts`).

/**
 * What a trigger may ask for the access token (`response.claimsAndScopeOverrideDetails.accessTokenGeneration`).
 *
 * @example
 * const generation: AccessTokenGeneration = { claimsToAddOrOverride: { tenant: 'acme' }, scopesToSuppress: ['orders/write'] };
 */
export interface AccessTokenGeneration {
  claimsToAddOrOverride?: Record<string, unknown>;
  claimsToSuppress?: string[];
  scopesToAdd?: string[];
  scopesToSuppress?: string[];
}

/** The groups of the user, as the event carries them and `groupOverrideDetails` replaces them (cognito-reference-users §5.8). */
export interface GroupConfiguration {
  groupsToOverride?: string[];
  iamRolesToOverride?: string[];
  preferredRole?: string | null;
}

/** What a V2/V3 trigger may ask for the ID token (`claimsAndScopeOverrideDetails.idTokenGeneration`). */
export interface IdTokenGeneration {
  claimsToAddOrOverride?: Record<string, unknown>;
  claimsToSuppress?: string[];
}

/** A V2/V3 trigger's answer (`response.claimsAndScopeOverrideDetails`); client credentials use `accessTokenGeneration` only. */
export interface ClaimsAndScopeOverrideDetails {
  idTokenGeneration?: IdTokenGeneration | null;
  accessTokenGeneration?: AccessTokenGeneration | null;
  groupOverrideDetails?: GroupConfiguration | null;
}

/** A V1 trigger's answer (`response.claimsOverrideDetails`): ID token claims, and the groups of both tokens. */
export interface ClaimsOverrideDetails {
  claimsToAddOrOverride?: Record<string, string>;
  claimsToSuppress?: string[];
  groupOverrideDetails?: GroupConfiguration | null;
}

/** Why a token is made: client credentials, or one of the user flows (cognito-reference-users §5.8). */
export type TokenGenerationSource = 'TokenGeneration_ClientCredentials' | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge' | 'TokenGeneration_RefreshTokens' | 'TokenGeneration_HostedAuth';

/**
 * The event a pre token generation trigger receives: the same object Cognito sends a Lambda
 * function. Client credentials: version `3`, `userName` `ClientCredentials`, no attributes, no
 * groups (reference §7). User tokens (cognito-reference-users §5.8): the pool's `LambdaVersion`
 * (`1`, `2` or `3`), the internal username, the user's attributes and groups; `scopes` from
 * version 2 on. A version 1 trigger answers in `response.claimsOverrideDetails`, versions 2 and 3
 * in `response.claimsAndScopeOverrideDetails`. Return the event with `response` filled in.
 *
 * @example
 * export default async function handler(event: PreTokenGenerationEvent) {
 *   event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } } };
 *   return event;
 * }
 */
export interface PreTokenGenerationEvent {
  version: '1' | '2' | '3';
  triggerSource: TokenGenerationSource;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: {
    userAttributes: Record<string, string>;
    groupConfiguration: GroupConfiguration | null;
    /** The scopes the access token is about to carry; absent from version 1 events. */
    scopes?: string[];
    /** The API call's `ClientMetadata`, or the token request's `aws_client_metadata`; `{}` when none. */
    clientMetadata: Record<string, unknown>;
  };
  response: {
    claimsAndScopeOverrideDetails?: ClaimsAndScopeOverrideDetails | null;
    claimsOverrideDetails?: ClaimsOverrideDetails | null;
  };
}

/** The V3_0 event of a client-credentials token (reference §7). */
export interface PreTokenGenerationV3Event extends PreTokenGenerationEvent {
  version: '3';
  triggerSource: 'TokenGeneration_ClientCredentials';
  userName: 'ClientCredentials';
  request: PreTokenGenerationEvent['request'] & { groupConfiguration: null; scopes: string[] };
  response: { claimsAndScopeOverrideDetails: ClaimsAndScopeOverrideDetails | null };
}

export interface ClientCredentialsEventInput {
  region: string;
  userPoolId: string;
  clientId: string;
  scopes: readonly string[];
  clientMetadata: Record<string, unknown> | undefined;
}

/** A fresh event for one token request (the handler may change it freely). */
export function clientCredentialsEvent(input: ClientCredentialsEventInput): PreTokenGenerationV3Event {
  return {
    version: '3',
    triggerSource: 'TokenGeneration_ClientCredentials',
    region: input.region,
    userPoolId: input.userPoolId,
    userName: 'ClientCredentials',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: input.clientId },
    request: { userAttributes: {}, groupConfiguration: null, scopes: [...input.scopes], clientMetadata: { ...input.clientMetadata } },
    response: { claimsAndScopeOverrideDetails: null },
  };
}

/**
 * Claims a trigger cannot add, change or suppress: Cognito's documented list (reference §7: acr,
 * amr, aud, at_hash, auth_time, azp, exp, iat, identities, iss, jti, nbf, nonce, origin_jti, sub,
 * token_use), plus the claims that identify the client and the token format, `client_id` and
 * `version`, and `scope`, which changes only through scopesToAdd/scopesToSuppress [I]. Asking for
 * them is ignored, not an error [I: no public source says which].
 */
export const PROTECTED_CLAIMS: ReadonlySet<string> = new Set([
  'acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'client_id', 'exp', 'iat', 'identities', 'iss', 'jti', 'nbf',
  'nonce', 'origin_jti', 'scope', 'sub', 'token_use', 'version',
]);

/**
 * Applies a trigger's answer to the claims of a client-credentials token (see `applyAccessTokenGeneration`).
 * Anything that is not the event with a well-formed `response` is an invalid response.
 */
export function applyTriggerResponse(claims: Record<string, unknown>, scopes: readonly string[], result: unknown): Record<string, unknown> {
  const details = responseDetails(result, 'claimsAndScopeOverrideDetails');
  if (details === undefined) return claims;
  return applyAccessTokenGeneration(claims, scopes, objectMember(details, 'accessTokenGeneration'), PROTECTED_CLAIMS);
}

/** `result.response[member]` of a trigger's answer, or undefined when null or absent; throws an invalid response for anything but the event. */
export function responseDetails(result: unknown, member: string): Record<string, unknown> | undefined {
  if (!isRecord(result) || !isRecord(result.response)) throw invalidTriggerResponse('the handler must return the event with its response');
  return objectMember(result.response, member);
}

/** `obj[member]`: an object, or undefined when null or absent. */
export function objectMember(obj: Record<string, unknown>, member: string): Record<string, unknown> | undefined {
  const value = obj[member];
  if (value === null || value === undefined) return undefined;
  if (!isRecord(value)) throw invalidTriggerResponse(`${member} must be an object or null`);
  return value;
}

/**
 * `claimsToAddOrOverride` and `claimsToSuppress` of a token's generation applied to its claims:
 * protected claims untouched; other claims added, overridden or suppressed (suppression wins over
 * an override of the same claim, cognito-reference-users §5.8). Added claims follow Cognito's, in
 * the order given. `stringsOnly`: version 1, whose claims are a map of strings (§5.8).
 */
export function applyClaimChanges(claims: Record<string, unknown>, generation: Record<string, unknown> | undefined,
  protectedClaims: ReadonlySet<string>, stringsOnly = false): Record<string, unknown> {
  if (generation === undefined) return claims;
  const add = generation.claimsToAddOrOverride ?? {};
  if (!isRecord(add)) throw invalidTriggerResponse('claimsToAddOrOverride must be an object');
  for (const [name, value] of Object.entries(add)) {
    if (stringsOnly ? typeof value !== 'string' : !isJsonValue(value, 0)) {
      throw invalidTriggerResponse(`claim ${name} must be ${stringsOnly ? 'a string' : 'a string, number, boolean, array or JSON object'}`);
    }
  }
  const suppress = new Set(stringList(generation, 'claimsToSuppress', false));
  const out: Record<string, unknown> = { ...claims };
  for (const [name, value] of Object.entries(add)) if (!protectedClaims.has(name)) out[name] = value;
  for (const name of suppress) if (!protectedClaims.has(name)) delete out[name];
  return out;
}

/**
 * An access token's generation applied to its claims: claims as `applyClaimChanges`; `scope` = the
 * granted scopes plus `scopesToAdd`, minus `scopesToSuppress` (again suppression wins), and left out
 * when none remain [I].
 */
export function applyAccessTokenGeneration(claims: Record<string, unknown>, scopes: readonly string[],
  generation: Record<string, unknown> | undefined, protectedClaims: ReadonlySet<string>): Record<string, unknown> {
  if (generation === undefined) return claims;
  const scopesToAdd = stringList(generation, 'scopesToAdd', true);
  const scopesToSuppress = new Set(stringList(generation, 'scopesToSuppress', true));
  const out = applyClaimChanges(claims, generation, protectedClaims);
  const finalScopes = [...new Set([...scopes, ...scopesToAdd])].filter((scope) => !scopesToSuppress.has(scope));
  if (finalScopes.length > 0) out.scope = finalScopes.join(' ');
  else delete out.scope;
  return out;
}

/** A list of strings (claim names, scopes, group names, role ARNs) of a trigger's answer; absent or null: none. */
export function stringList(obj: Record<string, unknown>, member: string, scopes: boolean): string[] {
  const value = obj[member];
  if (value === undefined || value === null) return [];
  // A scope holds no whitespace: the claim is a space-separated list.
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '' && (!scopes || !/\s/.test(item)))) {
    throw invalidTriggerResponse(`${member} must be a list of ${scopes ? 'scope names without spaces' : 'names'}`);
  }
  return value as string[];
}

/** String, finite number, boolean, null, or arrays and objects of them (what a JWT claim can hold). */
function isJsonValue(value: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (isRecord(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    return Object.values(value).every((item) => isJsonValue(item, depth + 1));
  }
  return false;
}
