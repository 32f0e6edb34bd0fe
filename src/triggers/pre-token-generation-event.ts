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

/**
 * The event a V3_0 pre token generation trigger receives for a client-credentials token: the same
 * object Cognito sends a Lambda function (reference §7). Return it with `response` filled in.
 *
 * @example
 * export default async function handler(event: PreTokenGenerationV3Event) {
 *   event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } } };
 *   return event;
 * }
 */
export interface PreTokenGenerationV3Event {
  version: '3';
  triggerSource: 'TokenGeneration_ClientCredentials';
  region: string;
  userPoolId: string;
  userName: 'ClientCredentials';
  callerContext: { awsSdkVersion: string; clientId: string };
  request: {
    userAttributes: Record<string, string>;
    groupConfiguration: null;
    /** The scopes the token is about to carry. */
    scopes: string[];
    /** `aws_client_metadata` of the token request, or `ClientMetadata` of GetClientToken; `{}` when none. */
    clientMetadata: Record<string, unknown>;
  };
  response: {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration?: AccessTokenGeneration | null;
      idTokenGeneration?: unknown;
      groupOverrideDetails?: unknown;
    } | null;
  };
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
 * Applies a trigger's answer to the claims Cognito would issue: protected claims untouched; other
 * claims added, overridden or suppressed (suppression wins over an override of the same claim [I]);
 * `scope` = the granted scopes plus `scopesToAdd`, minus `scopesToSuppress` (again suppression wins),
 * and left out when none remain [I]. Added claims follow Cognito's, in the order given. Anything
 * that is not the event with a well-formed `response` is an invalid response.
 */
export function applyTriggerResponse(claims: Record<string, unknown>, scopes: readonly string[], result: unknown): Record<string, unknown> {
  if (!isRecord(result) || !isRecord(result.response)) throw invalidTriggerResponse('the handler must return the event with its response');
  const details = result.response.claimsAndScopeOverrideDetails;
  if (details === null || details === undefined) return claims;
  if (!isRecord(details)) throw invalidTriggerResponse('claimsAndScopeOverrideDetails must be an object or null');
  const generation = details.accessTokenGeneration;
  if (generation === null || generation === undefined) return claims;
  if (!isRecord(generation)) throw invalidTriggerResponse('accessTokenGeneration must be an object or null');

  const add = generation.claimsToAddOrOverride ?? {};
  if (!isRecord(add)) throw invalidTriggerResponse('claimsToAddOrOverride must be an object');
  for (const [name, value] of Object.entries(add)) {
    if (!isJsonValue(value, 0)) throw invalidTriggerResponse(`claim ${name} must be a string, number, boolean, array or JSON object`);
  }
  const suppress = new Set(stringList(generation, 'claimsToSuppress', false));
  const scopesToAdd = stringList(generation, 'scopesToAdd', true);
  const scopesToSuppress = new Set(stringList(generation, 'scopesToSuppress', true));

  const out: Record<string, unknown> = { ...claims };
  for (const [name, value] of Object.entries(add)) if (!PROTECTED_CLAIMS.has(name)) out[name] = value;
  for (const name of suppress) if (!PROTECTED_CLAIMS.has(name)) delete out[name];
  const finalScopes = [...new Set([...scopes, ...scopesToAdd])].filter((scope) => !scopesToSuppress.has(scope));
  if (finalScopes.length > 0) out.scope = finalScopes.join(' ');
  else delete out.scope;
  return out;
}

function stringList(obj: Record<string, unknown>, member: string, scopes: boolean): string[] {
  const value = obj[member];
  if (value === undefined || value === null) return [];
  // A scope holds no whitespace: the claim is a space-separated list.
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '' && (!scopes || !/\s/.test(item)))) {
    throw invalidTriggerResponse(`${member} must be a list of ${scopes ? 'scope names without spaces' : 'claim names'}`);
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
