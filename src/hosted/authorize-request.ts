import type { StoredPool, UserPoolClient } from '../model/types.js';
import type { Registry } from '../registry.js';

/** An authorize request that managed login can serve (cognito-reference-users §6.1). */
export interface AuthorizeRequest {
  pool: StoredPool;
  client: UserPoolClient;
  responseType: 'code' | 'token';
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  prompt?: string;
  loginHint?: string;
}

/**
 * Where an unusable request ends (§6.2): the error page, when no redirect to the app can be trusted
 * (unknown client, a `redirect_uri` not registered), else back to the app with `error=`.
 */
export type AuthorizeRefusal =
  | { kind: 'page'; error: 'invalid_request' | 'redirect_mismatch'; clientId: string; reason: string }
  | { kind: 'redirect'; redirectUri: string; responseType: string | undefined; state: string | undefined; error: string; reason: string };

/** Scopes every pool knows besides its resource servers' (§6.1). */
const BUILT_IN_SCOPES = new Set(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']);
/** Need `openid` beside them (§6.1). */
const OPENID_ONLY = new Set(['email', 'phone', 'profile']);
/** RFC 6749 §3.3 scope-token characters. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * The authorize (and `/login`) parameters checked in the mock's order (§6.2): the client, then the
 * redirect URI (both refused on the error page), then the rest (refused back to the app): the
 * response type and the client's flows and identity providers, PKCE (`S256` only), the scopes.
 */
export function parseAuthorizeRequest(query: URLSearchParams, registry: Registry): AuthorizeRequest | AuthorizeRefusal {
  const clientId = query.get('client_id') ?? '';
  const record = clientId === '' ? undefined : registry.client(clientId);
  if (!record) return { kind: 'page', error: 'invalid_request', clientId, reason: clientId === '' ? 'client_id is missing' : `no app client ${clientId}` };
  const { pool, client } = record;
  if (!pool.UserPool.Domain) return { kind: 'page', error: 'invalid_request', clientId, reason: `user pool ${pool.UserPool.Id} has no domain (CreateUserPoolDomain)` };
  const redirectUri = query.get('redirect_uri') ?? '';
  // Compared exactly: case and a trailing slash matter (§6.1).
  if (!client.CallbackURLs?.includes(redirectUri)) {
    return { kind: 'page', error: 'redirect_mismatch', clientId, reason: redirectUri === '' ? 'redirect_uri is missing' : `${redirectUri} is not one of the client's CallbackURLs` };
  }
  const responseType = query.get('response_type') ?? undefined;
  const state = query.get('state') ?? undefined;
  const refuse = (error: string, reason: string): AuthorizeRefusal => ({ kind: 'redirect', redirectUri, responseType, state, error, reason });
  if (responseType !== 'code' && responseType !== 'token') return refuse('invalid_request', `response_type must be code or token`);
  const flow = responseType === 'code' ? 'code' : 'implicit';
  if (client.AllowedOAuthFlowsUserPoolClient !== true || !client.AllowedOAuthFlows?.includes(flow)) return refuse('unauthorized_client', `the client does not allow the ${flow} flow`);
  const provider = query.get('identity_provider') ?? 'COGNITO';
  if (!client.SupportedIdentityProviders?.includes('COGNITO') || provider !== 'COGNITO') {
    return refuse('invalid_request', provider === 'COGNITO' ? 'COGNITO is not among the client\'s SupportedIdentityProviders' : `identity provider ${provider} is not emulated`);
  }
  const method = query.get('code_challenge_method') ?? undefined;
  const challenge = query.get('code_challenge') ?? undefined;
  // Cognito "supports only S256" (§6.1): `plain`, and a challenge without a method (plain by RFC 7636), are refused.
  if (responseType === 'code' && (method !== undefined || challenge !== undefined)) {
    if (method !== 'S256') return refuse('invalid_request', 'code_challenge_method must be S256');
    if (challenge === undefined || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return refuse('invalid_request', 'code_challenge must be a base64url SHA-256');
  }
  const scopes = grantedScopes(client, registry.activeScopes(pool.UserPool.Id), query.get('scope') ?? undefined);
  if (typeof scopes === 'string') return refuse('invalid_scope', scopes);
  const request: AuthorizeRequest = { pool, client, responseType, redirectUri, scopes };
  for (const [member, parameter] of [['state', 'state'], ['nonce', 'nonce'], ['prompt', 'prompt'], ['loginHint', 'login_hint']] as const) {
    const value = query.get(parameter);
    if (value !== null && value !== '') request[member] = value;
  }
  if (responseType === 'code' && challenge !== undefined) request.codeChallenge = challenge;
  return request;
}

/**
 * The scopes granted (§6.1, §9 Q11): none asked means all the client's; a scope the client is not
 * allowed is ignored; `email`, `phone`, `profile` only with `openid`. A scope that is malformed or
 * that no pool defines, or nothing left to grant, is the text of an `invalid_scope`.
 */
function grantedScopes(client: UserPoolClient, active: ReadonlySet<string>, asked: string | undefined): string[] | string {
  const allowed = client.AllowedOAuthScopes ?? [];
  const requested = asked === undefined || asked.trim() === '' ? allowed : [...new Set(asked.split(' ').filter((s) => s !== ''))];
  const unknown = requested.find((scope) => !SCOPE_TOKEN.test(scope) || !(BUILT_IN_SCOPES.has(scope) || active.has(scope)));
  if (unknown !== undefined) return `scope ${unknown} does not exist`;
  const granted = requested.filter((scope) => allowed.includes(scope) && (BUILT_IN_SCOPES.has(scope) || active.has(scope)));
  const withOpenid = granted.includes('openid') ? granted : granted.filter((scope) => !OPENID_ONLY.has(scope));
  return withOpenid.length > 0 ? withOpenid : 'none of the requested scopes is allowed for the client';
}
