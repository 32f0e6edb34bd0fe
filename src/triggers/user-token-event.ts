import { isRecord } from '../model/problems.js';
import {
  type GroupConfiguration, type PreTokenGenerationEvent, PROTECTED_CLAIMS, type TokenGenerationSource, applyAccessTokenGeneration, applyClaimChanges, objectMember,
  responseDetails, stringList,
} from './pre-token-generation-event.js';
import type { TriggerVersion } from './pre-token-generation-triggers.js';
import { invalidTriggerResponse } from './trigger-failure.js';

// The pre token generation event of a user's tokens, and how each version's answer changes the ID
// and access tokens (cognito-reference-users §5.8; DefinitelyTyped `pre-token-generation*.d.ts`).

export type UserTokenSource = Exclude<TokenGenerationSource, 'TokenGeneration_ClientCredentials'>;

export interface UserTokenEventInput {
  version: TriggerVersion;
  source: UserTokenSource;
  region: string;
  userPoolId: string;
  clientId: string;
  /** The internal username. */
  username: string;
  /** Every attribute of the user, `sub` included (not only those the client may read), and its status. */
  userAttributes: Record<string, string>;
  groups: Required<Pick<GroupConfiguration, 'groupsToOverride' | 'iamRolesToOverride'>> & { preferredRole: string | null };
  /** The access token's scopes (V2/V3 events only). */
  scopes: readonly string[];
  clientMetadata: Record<string, string> | undefined;
}

const EVENT_VERSIONS = { V1_0: '1', V2_0: '2', V3_0: '3' } as const;

/**
 * A fresh event for one sign-in or refresh. `awsSdkVersion` is the fixed text Cognito sends when it
 * cannot tell the caller's SDK (as for client credentials) [I]. Version 1 carries no `scopes` and
 * answers in `claimsOverrideDetails`; versions 2 and 3 in `claimsAndScopeOverrideDetails` (§5.8).
 */
export function userTokenEvent(input: UserTokenEventInput): PreTokenGenerationEvent {
  const v1 = input.version === 'V1_0';
  return {
    version: EVENT_VERSIONS[input.version],
    triggerSource: input.source,
    region: input.region,
    userPoolId: input.userPoolId,
    userName: input.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: input.clientId },
    request: {
      userAttributes: { ...input.userAttributes },
      groupConfiguration: {
        groupsToOverride: [...input.groups.groupsToOverride],
        iamRolesToOverride: [...input.groups.iamRolesToOverride],
        preferredRole: input.groups.preferredRole,
      },
      ...(v1 ? {} : { scopes: [...input.scopes] }),
      clientMetadata: { ...input.clientMetadata },
    },
    response: v1 ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  };
}

/**
 * Claims of an ID token a trigger cannot add, change or suppress: Cognito's list (§5.8: acr, amr,
 * aud, at_hash, auth_time, azp, cognito:username, exp, iat, identities, iss, jti, nbf, nonce,
 * origin_jti, sub, token_use) and those client credentials protect too. Asking is ignored, not an
 * error, as for client credentials [I].
 */
export const PROTECTED_ID_CLAIMS: ReadonlySet<string> = new Set([...PROTECTED_CLAIMS, 'cognito:username']);

/** An access token's: the client-credentials list (which keeps `client_id`, `scope`, `version`) and `cognito:username`. */
export const PROTECTED_USER_ACCESS_CLAIMS: ReadonlySet<string> = PROTECTED_ID_CLAIMS;

export interface UserTokenClaims {
  id: Record<string, unknown>;
  access: Record<string, unknown>;
}

/**
 * A trigger's answer applied to a user's ID and access claims (§5.8). V1: `claimsOverrideDetails`
 * changes the ID token's claims only. V2/V3: `idTokenGeneration` the ID token's,
 * `accessTokenGeneration` the access token's claims and scopes. Every version: `groupOverrideDetails`,
 * when given, replaces `cognito:groups` in both tokens and `cognito:roles` and
 * `cognito:preferred_role` in the ID token; null or `{}` there removes them (§5.8: "an empty or null
 * groupOverrideDetails suppresses the groups"). Anything else is an invalid response.
 */
export function applyUserTriggerResponse(version: TriggerVersion, claims: UserTokenClaims, scopes: readonly string[], result: unknown): UserTokenClaims {
  const v1 = version === 'V1_0';
  const details = responseDetails(result, v1 ? 'claimsOverrideDetails' : 'claimsAndScopeOverrideDetails');
  if (details === undefined) return claims;
  let id = applyClaimChanges(claims.id, v1 ? details : objectMember(details, 'idTokenGeneration'), PROTECTED_ID_CLAIMS, v1);
  let access = v1 ? claims.access
    : applyAccessTokenGeneration(claims.access, scopes, objectMember(details, 'accessTokenGeneration'), PROTECTED_USER_ACCESS_CLAIMS);
  // An undefined member is as good as absent [I]; null asks for no groups (§5.8).
  if (details.groupOverrideDetails !== undefined) {
    const groups = groupOverride(details.groupOverrideDetails);
    id = withList(id, 'cognito:groups', groups.groupsToOverride);
    id = withList(id, 'cognito:roles', groups.iamRolesToOverride);
    id = withValue(id, 'cognito:preferred_role', groups.preferredRole);
    access = withList(access, 'cognito:groups', groups.groupsToOverride);
  }
  return { id, access };
}

function groupOverride(value: unknown): { groupsToOverride: string[]; iamRolesToOverride: string[]; preferredRole: string | undefined } {
  if (value === null) return { groupsToOverride: [], iamRolesToOverride: [], preferredRole: undefined };
  if (!isRecord(value)) throw invalidTriggerResponse('groupOverrideDetails must be an object or null');
  const preferredRole = value.preferredRole ?? undefined;
  if (preferredRole !== undefined && (typeof preferredRole !== 'string' || preferredRole === '')) {
    throw invalidTriggerResponse('preferredRole must be a role ARN or null');
  }
  return { groupsToOverride: stringList(value, 'groupsToOverride', false), iamRolesToOverride: stringList(value, 'iamRolesToOverride', false), preferredRole };
}

/** The claim set to a non-empty list (in place when present, else after the others), or removed. */
const withList = (claims: Record<string, unknown>, name: string, list: string[]): Record<string, unknown> =>
  withValue(claims, name, list.length > 0 ? [...new Set(list)] : undefined);

function withValue(claims: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const out = { ...claims };
  if (value === undefined) delete out[name];
  else out[name] = value;
  return out;
}
