import { randomUUID } from 'node:crypto';
import { inCognitoOrder } from './claim-order.js';
import { type TokenGroup, orderedGroups } from './groups-claims.js';

/** The only scope of an access token from the API flows (InitiateAuth and friends, §5.4). */
export const API_FLOW_SCOPE = 'aws.cognito.signin.user.admin';

/** A signed-in user as the subject of an access token. */
export interface UserSubject {
  kind: 'user';
  sub: string;
  /** The internal username (`username`). */
  username: string;
  /**
   * `api`: InitiateAuth / AdminInitiateAuth / RespondToAuthChallenge; scope is API_FLOW_SCOPE, no
   * `version`, an `event_id`. `hosted`: managed login; the granted scopes, `version: 2`, no `event_id`.
   */
  flow: 'api' | 'hosted';
  /** Epoch seconds of the original sign-in; a refresh keeps it. */
  authTime: number;
  /** Absent when the client has token revocation off (`EnableTokenRevocation: false`): such tokens carry none (§4.10). */
  originJti?: string | undefined;
  /** Equals the ID token's; API flows only. */
  eventId?: string;
  groups?: readonly TokenGroup[];
  /** `<region>_<uuid>`, with device tracking. */
  deviceKey?: string;
}

export interface UserAccessTokenInput {
  subject: UserSubject;
  clientId: string;
  /** Managed login's granted scopes; ignored for the API flows. */
  scopes: readonly string[];
  issuer: string;
  iat: number;
  expiresIn: number;
}

/**
 * A user's access token claims (cognito-reference-users §5.4) in Cognito's order (§5.2): e.g. `sub,
 * iss, client_id, origin_jti, event_id, token_use, scope, auth_time, exp, iat, jti, username` from
 * the API flows. No `aud` (verifiers compare `client_id`).
 */
export function userAccessClaims(input: UserAccessTokenInput): Record<string, unknown> {
  const user = input.subject;
  const groups = orderedGroups(user.groups ?? []);
  const claims: Record<string, unknown> = {};
  if (groups.length > 0) claims['cognito:groups'] = groups.map((g) => g.name);
  claims.sub = user.sub;
  if (user.deviceKey !== undefined) claims.device_key = user.deviceKey;
  claims.iss = input.issuer;
  if (user.originJti !== undefined) claims.origin_jti = user.originJti;
  if (user.flow === 'api' && user.eventId !== undefined) claims.event_id = user.eventId;
  claims.token_use = 'access';
  claims.scope = user.flow === 'api' ? API_FLOW_SCOPE : input.scopes.join(' ');
  claims.auth_time = user.authTime;
  claims.exp = input.iat + input.expiresIn;
  claims.iat = input.iat;
  // After iat and jti: they share buckets with version and client_id (M2M and 2018 samples, §5.2).
  if (user.flow === 'hosted') claims.version = 2;
  claims.jti = randomUUID();
  claims.client_id = input.clientId;
  claims.username = user.username;
  return inCognitoOrder(claims);
}
