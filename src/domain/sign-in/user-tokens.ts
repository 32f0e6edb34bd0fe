import { createHash, randomUUID } from 'node:crypto';
import { inCognitoOrder } from '../../tokens/claim-order.js';
import { idTokenClaims } from '../../tokens/id-token.js';
import { accessTokenClaims } from '../../tokens/access-token.js';
import { signJwtAsync, signJwts } from '../../tokens/jwt-signer.js';
import { type TokenGroup, orderedGroups, roleClaims } from '../../tokens/groups-claims.js';
import { API_FLOW_SCOPE } from '../../tokens/user-access-token.js';
import { regionOf } from '../../model/ids.js';
import type { UserTokenTrigger } from '../../triggers/pre-token-generation-triggers.js';
import { type UserTokenClaims, type UserTokenSource, applyUserTriggerResponse, userTokenEvent } from '../../triggers/user-token-event.js';
import { newRefreshToken } from '../../tokens/refresh-token.js';
import { issuerOf } from '../../model/issuer.js';
import { validitySeconds } from '../../model/rules.js';
import type { SignInSession } from '../../model/sign-in-sessions.js';
import type { StoredPool, UserPoolClient } from '../../model/types.js';
import { type StoredUser, subOf } from '../../model/users.js';
import { DomainError } from '../../model/domain-error.js';
import type { PoolKeys } from '../../keys/pool-keys.js';
import { GROUPS, SIGN_IN_SESSIONS } from '../../store/collections.js';
import { accessTokenSeconds } from '../client-credentials-token.js';
import type { IssuedTokens } from '../issued-tokens.js';
import type { TokenIssuing } from '../token-issuing.js';
import { rotationGraceSeconds } from './auth-flows.js';

/** Why tokens are issued: the pre token generation trigger's `triggerSource` (cognito-reference-users §5.8). */
export type { UserTokenSource };

export interface UserTokenRequest {
  pool: StoredPool;
  client: UserPoolClient;
  user: StoredUser;
  source: UserTokenSource;
  /** The base URL the caller reached the mock by (the `local` issuer). */
  publicUrl: string;
  /** A refresh: the session it continues (its `origin_jti` and `auth_time`), and whether it gets a new refresh token (rotation). */
  refresh?: { session: SignInSession; rotate: boolean };
  /**
   * The call's `ClientMetadata`, for the pre token generation trigger: Cognito passes that of
   * (Admin)RespondToAuthChallenge and GetTokensFromRefreshToken, not (Admin)InitiateAuth's (§5.8).
   */
  clientMetadata?: Record<string, string> | undefined;
  /**
   * Managed login (cognito-reference-users §5.3, §5.4, §6.6): the granted OAuth scopes, the
   * authorize request's `nonce`, whether the grant hands out a refresh token (the code grant; the
   * implicit grant does not), and the sign-in's `auth_time`. A refresh of such a sign-in takes its
   * scopes from the session. `originJti`: the new session's id, when the caller must know it first.
   */
  oauth?: { scopes: readonly string[]; nonce?: string | undefined; refreshToken: boolean; authTime: number; originJti?: string };
}

/** One hour, as for access tokens (reference §5). */
const DEFAULT_ID_SECONDS = 3600;
/** 30 days (reference §5). */
const DEFAULT_REFRESH_SECONDS = 30 * 86_400;

export const idTokenSeconds = (client: UserPoolClient): number =>
  client.IdTokenValidity === undefined ? DEFAULT_ID_SECONDS : validitySeconds(client.IdTokenValidity, client.TokenValidityUnits?.IdToken, 'hours');

export const refreshTokenSeconds = (client: UserPoolClient): number =>
  !client.RefreshTokenValidity ? DEFAULT_REFRESH_SECONDS : validitySeconds(client.RefreshTokenValidity, client.TokenValidityUnits?.RefreshToken, 'days');

/**
 * The ID, access and refresh tokens of a signed-in user through the API flows
 * (cognito-reference-users §4.7, §5): the ID token signed with the pool's ID key, the access token
 * with its access key, claims in Cognito's order; both share a new `jti` each, an `event_id`, and
 * the session's `origin_jti`. A sign-in starts a session, kept in the store (on disk when this
 * resolves) under its `origin_jti` with a hash of its refresh token; a refresh continues one
 * (same `origin_jti` and `auth_time`) and, with rotation, replaces its refresh token.
 * The pool's pre token generation trigger, if any, runs before anything is stored: a failing one
 * leaves no session and no new refresh token behind (the caller's refresh token keeps working) [I].
 */
export async function issueUserTokens(app: TokenIssuing, request: UserTokenRequest): Promise<IssuedTokens> {
  const { pool, client, user } = request;
  const poolId = pool.UserPool.Id;
  const registry = app.registry;
  const now = registry.now();
  const iat = Math.floor(now);
  const session = request.refresh?.session;
  const scopes = request.oauth?.scopes ?? session?.Scopes;
  const originJti = session?.OriginJti ?? request.oauth?.originJti ?? randomUUID();
  const authTime = session?.AuthTime ?? request.oauth?.authTime ?? iat;
  // Managed-login tokens carry no `event_id` since 2022 (§9 Q17).
  const eventId = scopes === undefined ? randomUUID() : undefined;
  // Revocation off: no `origin_jti` in the tokens (clients then never call RevokeToken); the session keeps its id.
  const claimedJti = client.EnableTokenRevocation === false ? undefined : originJti;
  const issuer = issuerOf(app.issuerMode, request.publicUrl, pool.UserPool);
  const groups = tokenGroups(app, poolId, user);
  const sub = subOf(user);
  const idSeconds = idTokenSeconds(client);
  const accessSeconds = accessTokenSeconds(client);
  // Managed login issues an ID token only with `openid`, its attributes by scope (§5.3).
  const withIdToken = scopes === undefined || scopes.includes('openid');
  const idClaims = !withIdToken ? {} : idTokenClaims({
    sub, username: user.Username, clientId: client.ClientId, issuer, authTime, iat, expiresIn: idSeconds, originJti: claimedJti, groups,
    ...(eventId === undefined ? {} : { eventId }), ...(request.oauth?.nonce === undefined ? {} : { nonce: request.oauth.nonce }),
    attributes: scopes === undefined ? readableAttributes(client, user) : attributesForScopes(readableAttributes(client, user), scopes),
  });
  const accessClaims = accessTokenClaims({
    subject: { kind: 'user', sub, username: user.Username, flow: scopes === undefined ? 'api' : 'hosted', authTime, originJti: claimedJti, groups,
      ...(eventId === undefined ? {} : { eventId }) },
    clientId: client.ClientId, scopes: scopes ?? [], issuer, iat, expiresIn: accessSeconds,
  });
  const trigger = app.triggers.userTriggerFor(pool.UserPool);
  const claims = trigger === undefined ? { id: idClaims, access: accessClaims }
    : await customized(app, trigger, request, groups, scopes ?? [API_FLOW_SCOPE], { id: idClaims, access: accessClaims });

  let refreshToken: string | undefined;
  if (!session || request.refresh?.rotate) {
    const fresh = newRefreshToken(originJti);
    if (request.oauth?.refreshToken !== false) refreshToken = fresh.token;
    await registry.putItem(SIGN_IN_SESSIONS, poolId, session
      ? { ...session, TokenHash: fresh.hash, PreviousTokenHash: session.TokenHash, PreviousValidUntil: now + rotationGraceSeconds(client) }
      : { OriginJti: originJti, Username: user.Username, ClientId: client.ClientId, AuthTime: authTime, ExpiresAt: iat + refreshTokenSeconds(client), TokenHash: fresh.hash,
        ...(scopes === undefined ? {} : { Scopes: [...scopes] }) });
  }
  // Keys read last: a key rotated meanwhile signs these tokens; a pool deleted meanwhile took its clients along.
  const keys = registry.keys(poolId);
  if (!keys) throw new DomainError({ code: 'client_not_found', clientId: client.ClientId });
  const { idToken, accessToken } = await signedTokens(keys, claims, withIdToken, scopes === undefined);
  return {
    ...(idToken === undefined ? {} : { idToken }),
    accessToken,
    ...(refreshToken === undefined ? {} : { refreshToken }),
    expiresIn: accessSeconds,
  };
}

/**
 * The access token and, when asked, the ID token. API flows sign both at once (two signatures
 * on two cores); managed login's ID token carries the access token's `at_hash` (OIDC Core
 * §3.1.3.6, first among its claims, §5.2), so it waits for it.
 */
async function signedTokens(keys: PoolKeys, claims: UserTokenClaims, withIdToken: boolean, apiFlow: boolean): Promise<{ idToken?: string; accessToken: string }> {
  if (!withIdToken) return { accessToken: await signJwtAsync(keys.access, claims.access) };
  if (apiFlow) {
    const [idToken, accessToken] = await signJwts([[keys.id, claims.id], [keys.access, claims.access]]);
    return { idToken: idToken!, accessToken: accessToken! };
  }
  const accessToken = await signJwtAsync(keys.access, claims.access);
  return { idToken: await signJwtAsync(keys.id, inCognitoOrder({ at_hash: atHash(accessToken), ...claims.id })), accessToken };
}

/** The left half of the access token's SHA-256, base64url (RS256's hash). */
const atHash = (accessToken: string): string => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/** The trigger's event for these tokens, and its answer applied to their claims (cognito-reference-users §5.8). */
function customized(app: TokenIssuing, trigger: UserTokenTrigger, request: UserTokenRequest, groups: readonly TokenGroup[],
  scopes: readonly string[], claims: UserTokenClaims): Promise<UserTokenClaims> {
  const { pool, client, user } = request;
  const poolId = pool.UserPool.Id;
  const ordered = orderedGroups(groups);
  const { roles, preferredRole } = roleClaims(ordered);
  const event = userTokenEvent({
    version: trigger.version, source: request.source, region: regionOf(poolId), userPoolId: poolId, clientId: client.ClientId,
    username: user.Username, userAttributes: eventAttributes(user), scopes, clientMetadata: request.clientMetadata,
    groups: { groupsToOverride: ordered.map((g) => g.name), iamRolesToOverride: roles, preferredRole: preferredRole ?? null },
  });
  return app.triggers.run(trigger.ref, event, (answer) => applyUserTriggerResponse(trigger.version, claims, scopes, answer));
}

/** `request.userAttributes`: `sub`, the user's status (`cognito:user_status`), then every attribute as stored. */
function eventAttributes(user: StoredUser): Record<string, string> {
  // fromEntries: an attribute named `__proto__` is an entry like any other.
  return Object.fromEntries([['sub', subOf(user)], ['cognito:user_status', user.UserStatus],
    ...user.Attributes.filter((a) => a.Name !== 'sub').map((a) => [a.Name, a.Value])]);
}

/** The user's groups as the claims need them (sign-in, the testing API); a name whose group is gone is left out. */
export function tokenGroups(app: TokenIssuing, poolId: string, user: StoredUser): TokenGroup[] {
  const groups: TokenGroup[] = [];
  for (const name of user.Groups ?? []) {
    const group = app.registry.item(GROUPS, poolId, name);
    if (!group) continue;
    groups.push({ name, ...(group.Precedence === undefined ? {} : { precedence: group.Precedence }), ...(group.RoleArn === undefined ? {} : { roleArn: group.RoleArn }) });
  }
  return groups;
}

/** The attributes the client may read (`ReadAttributes`; all when it names none), for the ID token and GetUser. */
/**
 * What managed login shows of a user's attributes by OIDC scope (cognito-reference-users §5.3,
 * §6.9): with `openid` alone every readable attribute; with `profile`, `email` or `phone`, those
 * scopes' attributes (`profile` adds the custom ones).
 */
export function attributesForScopes<T extends { Name: string }>(readable: readonly T[], scopes: readonly string[]): readonly T[] {
  if (!scopes.some((scope) => scope in SCOPE_ATTRIBUTES)) return readable;
  return readable.filter((a) => scopes.some((scope) => SCOPE_ATTRIBUTES[scope]?.includes(a.Name)) || (scopes.includes('profile') && a.Name.startsWith('custom:')));
}

const SCOPE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  profile: ['name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
    'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

export function readableAttributes(client: UserPoolClient | undefined, user: StoredUser) {
  const readable = client?.ReadAttributes;
  return readable === undefined || readable.length === 0 ? user.Attributes : user.Attributes.filter((a) => readable.includes(a.Name));
}
