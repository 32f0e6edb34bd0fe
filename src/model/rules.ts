import type { ResourceServer, ResourceServerScope, TimeUnit } from './types.js';
import {
  type Problems, checkBoolean, checkInteger, checkList, checkObject, checkString, isRecord, stringItem,
} from './problems.js';

// Cognito's field rules (cognito-reference §6.5), shared by fixtures and the management API so
// that a fixture the API would reject is rejected at start with the same words.

export const NAME_PATTERN = /^[\w\s+=,.@-]+$/;
export const USER_POOL_ID_RULE = { required: true, min: 1, max: 55, pattern: /^[\w-]+_[0-9a-zA-Z]+$/ };
export const POOL_NAME_RULE = { required: true, min: 1, max: 128, pattern: NAME_PATTERN };
export const CLIENT_ID_RULE = { required: true, min: 1, max: 128, pattern: /^[\w+]+$/ };
export const CLIENT_NAME_RULE = { required: true, min: 1, max: 128, pattern: NAME_PATTERN };
export const CLIENT_SECRET_RULE = { min: 24, max: 64, pattern: /^[\w+]+$/ };
export const IDENTIFIER_RULE = { required: true, min: 1, max: 256, pattern: /^[\x21\x23-\x5B\x5D-\x7E]+$/ };
export const RESOURCE_SERVER_NAME_RULE = { required: true, min: 1, max: 256, pattern: NAME_PATTERN };
export const SCOPE_NAME_RULE = { required: true, min: 1, max: 256, pattern: /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/ };
export const SCOPE_DESCRIPTION_RULE = { required: true, min: 1, max: 256 };
export const OAUTH_SCOPE_RULE = { min: 1, max: 256, pattern: /^[\x21\x23-\x5B\x5D-\x7E]+$/ };
export const DOMAIN_RULE = { required: true, min: 1, max: 63, pattern: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/ };
const URL_RULE = { min: 1, max: 1024 };
/** `ArnType`: what the model accepts as an ARN (a user pool's, an SNS role's, …). */
export const ARN_RULE = { required: true, min: 20, max: 2048, pattern: /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/ };
/** Tag keys 1–128 and values 0–256 characters (`TagKeysType`, `TagValueType`). */
export const TAG_KEY_RULE = { min: 1, max: 128 };
export const TAG_VALUE_RULE = { min: 0, max: 256 };
/** "Maximum number of tags that you can assign to a resource – 50" (developer guide, Tagging). */
export const MAX_TAGS_PER_POOL = 50;

export const MAX_RESOURCE_SERVERS_PER_POOL = 25;
export const MAX_SCOPES_PER_RESOURCE_SERVER = 100;
export const MAX_SCOPES_PER_CLIENT = 50;
export const MAX_CLIENTS_PER_POOL = 1000;

/** Scopes a client may list besides `identifier/scope` of its pool's resource servers. */
export const STANDARD_SCOPES = new Set(['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin']);
const OAUTH_FLOWS = new Set(['code', 'implicit', 'client_credentials']);
const EXPLICIT_AUTH_FLOWS = new Set([
  'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH', 'ALLOW_CLIENT_TOKEN_AUTH',
]);
const TIME_UNITS = new Set<string>(['seconds', 'minutes', 'hours', 'days']);
export const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Domain prefixes may not contain these words (reference §1.1, S15). */
const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'];

export function checkDomainPrefix(p: Problems, obj: Record<string, unknown>, member = 'Domain'): string | undefined {
  const { pattern, ...lengthRule } = DOMAIN_RULE;
  const before = p.list.length;
  const domain = checkString(p, obj, member, lengthRule);
  if (domain === undefined || p.list.length > before) return domain;
  if (!pattern.test(domain)) {
    // CreateUserPoolDomain's own words for a bad prefix (seen on the wire), not the generic model message.
    p.at(member).invalid(`The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ${pattern.source}`,
      `"${domain}" may hold only lower-case letters, digits and hyphens, and cannot start or end with a hyphen`);
  } else if (RESERVED_DOMAIN_WORDS.some((word) => domain.includes(word))) {
    p.at(member).invalid(`Domain cannot contain reserved word: ${RESERVED_DOMAIN_WORDS.find((w) => domain.includes(w))}`);
  }
  return domain;
}

/** `Scopes` of a resource server: names without `/`, a description each, no duplicates, at most 100. */
export function checkResourceServerScopes(p: Problems, input: Record<string, unknown>): ResourceServerScope[] | undefined {
  const scopes = checkList(p, input, 'Scopes', MAX_SCOPES_PER_RESOURCE_SERVER, (item, at) => {
    if (!isRecord(item)) return at.invalid('Each scope must be an object with ScopeName and ScopeDescription.');
    const ScopeName = checkString(at, item, 'ScopeName', SCOPE_NAME_RULE);
    const ScopeDescription = checkString(at, item, 'ScopeDescription', SCOPE_DESCRIPTION_RULE);
    return ScopeName === undefined || ScopeDescription === undefined ? undefined : { ScopeName, ScopeDescription };
  });
  const seen = new Set<string>();
  scopes?.forEach((scope, i) => {
    if (seen.has(scope.ScopeName)) p.at('Scopes').at(i).invalid(`Duplicate scope names are not allowed: ${scope.ScopeName}`);
    seen.add(scope.ScopeName);
  });
  return scopes;
}

/** The identifier/scope strings a pool's resource servers define. */
export function definedScopes(resourceServers: Record<string, ResourceServer>): Set<string> {
  const scopes = new Set<string>();
  for (const server of Object.values(resourceServers)) {
    for (const scope of server.Scopes ?? []) scopes.add(`${server.Identifier}/${scope.ScopeName}`);
  }
  return scopes;
}

/** Seconds of a validity in its unit (defaults: hours for access and ID tokens, days for refresh: §5). */
export const validitySeconds = (value: number, unit: TimeUnit | undefined, fallback: TimeUnit): number =>
  value * UNIT_SECONDS[unit ?? fallback];

export interface ClientRuleContext {
  resourceServers: Record<string, ResourceServer>;
  /** Whether the client has (or is getting) a secret. */
  hasSecret: boolean;
}

/**
 * The configuration rules that CreateUserPoolClient, UpdateUserPoolClient and fixture clients share:
 * types and patterns, validity ranges, the OAuth gate, the client_credentials rules and scope existence.
 */
export function checkClientConfig(p: Problems, input: Record<string, unknown>, ctx: ClientRuleContext): void {
  checkString(p, input, 'ClientName', CLIENT_NAME_RULE);
  checkTokenValidities(p, input);

  for (const member of ['ReadAttributes', 'WriteAttributes', 'SupportedIdentityProviders']) {
    checkList(p, input, member, 2048, stringItem(member, { min: 1, max: 2048 }));
  }
  const authFlows = checkList(p, input, 'ExplicitAuthFlows', 10, (item, at) => {
    if (typeof item !== 'string' || !EXPLICIT_AUTH_FLOWS.has(item)) {
      return at.invalid(`1 validation error detected: Value '${String(item)}' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy enum value set: [${[...EXPLICIT_AUTH_FLOWS].join(', ')}]`);
    }
    return item;
  });
  if (authFlows?.includes('ALLOW_CLIENT_TOKEN_AUTH')) {
    // GetClientToken's flow "is mutually exclusive with user authentication flows. It must be the
    // only authentication flow that you configure for the app client", and needs a secret (§1.9). Wording [I].
    if (authFlows.some((flow) => flow !== 'ALLOW_CLIENT_TOKEN_AUTH')) {
      p.at('ExplicitAuthFlows').invalid('ALLOW_CLIENT_TOKEN_AUTH can not be selected along with user authentication flows.');
    } else if (!ctx.hasSecret) {
      p.at('ExplicitAuthFlows').invalid('ALLOW_CLIENT_TOKEN_AUTH can not be selected if client does not have a client secret.');
    }
  }
  for (const member of ['CallbackURLs', 'LogoutURLs']) {
    checkList(p, input, member, 100, (item, at) => {
      const url = stringItem(member, URL_RULE)(item, at);
      if (url !== undefined && !isAllowedRedirect(url)) at.invalid(`${member === 'CallbackURLs' ? 'callback' : 'logout'} URL must use HTTPS unless it is localhost: ${url}`);
      return url;
    });
  }
  checkString(p, input, 'DefaultRedirectURI', URL_RULE);
  checkString(p, input, 'PreventUserExistenceErrors', { pattern: /^(LEGACY|ENABLED)$/ });
  checkBoolean(p, input, 'EnableTokenRevocation');
  checkBoolean(p, input, 'EnablePropagateAdditionalUserContextData');
  checkObject(p, input, 'AnalyticsConfiguration');
  checkObject(p, input, 'RefreshTokenRotation');

  // The rules below read these three members, so they run only when all three are well-formed.
  // Counted from here, not read from `p.ok`: the list may hold problems of other members and other
  // objects (a fixture file reports every problem at once).
  const before = p.list.length;
  const oauthClient = checkBoolean(p, input, 'AllowedOAuthFlowsUserPoolClient');
  const flows = checkList(p, input, 'AllowedOAuthFlows', 3, (item, at) => {
    if (typeof item !== 'string' || !OAUTH_FLOWS.has(item)) {
      return at.invalid(`1 validation error detected: Value '${String(item)}' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy enum value set: [code, implicit, client_credentials]`);
    }
    return item;
  });
  const scopes = checkList(p, input, 'AllowedOAuthScopes', MAX_SCOPES_PER_CLIENT, stringItem('AllowedOAuthScopes', OAUTH_SCOPE_RULE));
  if (p.list.length > before) return;

  if (oauthClient && (!flows?.length || !scopes?.length)) {
    p.invalid('AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.');
    return;
  }
  if (flows?.includes('client_credentials')) {
    // "you must add client_credentials as the only allowed OAuth flow" and it needs a secret (§6.5).
    if (flows.length > 1) {
      p.at('AllowedOAuthFlows').add('InvalidOAuthFlowException', 'client_credentials flow can not be selected along with code flow or implicit flow.');
      return;
    }
    if (!ctx.hasSecret) {
      p.at('AllowedOAuthFlows').add('InvalidOAuthFlowException', 'client_credentials flow can not be selected if client does not have a client secret.');
      return;
    }
  }
  const defined = definedScopes(ctx.resourceServers);
  scopes?.forEach((scope, i) => {
    if (!STANDARD_SCOPES.has(scope) && !defined.has(scope)) {
      p.at('AllowedOAuthScopes').at(i).add('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`,
        `scope "${scope}" is not defined by a resource server of this pool`);
    }
  });
}

/**
 * The token validities and their units (§5): model types and limits, then the documented ranges.
 * Shared by the client rules above and the store's check of stored clients (store/collections.ts),
 * so a hand-edited store is held to the ranges the API enforces.
 */
export function checkTokenValidities(p: Problems, input: Record<string, unknown>): void {
  const access = modelInteger(p, input, 'AccessTokenValidity', 1, 86400);
  const id = modelInteger(p, input, 'IdTokenValidity', 1, 86400);
  const refresh = modelInteger(p, input, 'RefreshTokenValidity', 0, 315360000);
  checkInteger(p, input, 'AuthSessionValidity', 3, 15);
  const units = checkObject(p, input, 'TokenValidityUnits');
  for (const [unit, value] of Object.entries(units ?? {})) {
    if (!['AccessToken', 'IdToken', 'RefreshToken'].includes(unit)) {
      p.at('TokenValidityUnits').at(unit).invalid(`Unknown token validity unit member: ${unit}`);
    } else if (typeof value !== 'string' || !TIME_UNITS.has(value)) {
      p.at('TokenValidityUnits').at(unit).invalid(
        `1 validation error detected: Value '${String(value)}' at 'tokenValidityUnits.${unit.charAt(0).toLowerCase()}${unit.slice(1)}' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]`);
    }
  }
  const unitOf = (member: string): TimeUnit | undefined => {
    const unit = units?.[member];
    return typeof unit === 'string' && TIME_UNITS.has(unit) ? (unit as TimeUnit) : undefined;
  };
  // Documented ranges: access and ID 5 minutes – 1 day, refresh 60 minutes – 10 years (§5).
  const outOfRange = (value: number | undefined, unit: TimeUnit | undefined, fallback: TimeUnit, min: number, max: number) =>
    value !== undefined && (validitySeconds(value, unit, fallback) < min || validitySeconds(value, unit, fallback) > max);
  if (outOfRange(access, unitOf('AccessToken'), 'hours', 300, 86400)) p.at('AccessTokenValidity').invalid('Invalid range for token validity.');
  if (outOfRange(id, unitOf('IdToken'), 'hours', 300, 86400)) p.at('IdTokenValidity').invalid('Invalid range for token validity.');
  if (refresh !== undefined && refresh !== 0 && outOfRange(refresh, unitOf('RefreshToken'), 'days', 3600, 315360000)) {
    p.at('RefreshTokenValidity').invalid('Invalid range for token validity.');
  }
}

/** `checkInteger`, but undefined when the value broke the model constraint, so no range message follows it. */
function modelInteger(p: Problems, input: Record<string, unknown>, member: string, min: number, max: number): number | undefined {
  const before = p.list.length;
  const value = checkInteger(p, input, member, min, max);
  return p.list.length === before ? value : undefined;
}

/** Callback and logout URLs must be HTTPS, except for local hosts; native apps may use their own scheme (§6.5). */
function isAllowedRedirect(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}
