import type { Context, Next } from 'koa';
import { type HostCheck, hostName } from '../http/allowed-hosts.js';
import { writeJson } from './error-handler.js';

/** What a refusal tells the caller to change. */
const REMEDY = 'a web page could rebind this name to the mock (DNS rebinding). To reach cognito-mock by it, '
  + 'add it to --allowed-hosts (COGNITO_MOCK_ALLOWED_HOSTS) or make it the --public-url host.';

/**
 * The first middleware: a request whose `Host` the check refuses (DNS rebinding, see
 * http/allowed-hosts.ts) gets a 403 in its endpoint's protocol shape before anything reads it.
 * The check is a cached Map lookup, so the token path pays one.
 */
export function requireAllowedHost(allowed: HostCheck) {
  return function allowedHost(ctx: Context, next: Next): Promise<void> | void {
    if (allowed(ctx.req.headers.host)) return next();
    const host = ctx.req.headers.host;
    const message = hostName(host!) === undefined
      ? `Host ${shown(host)} is not a host name with an optional port.`
      : `Host ${shown(host)} is not allowed: ${REMEDY}`;
    ctx.status = 403;
    if (ctx.path === '/oauth2/token') {
      writeJson(ctx, { error: 'invalid_request', error_description: message }, 'application/json;charset=UTF-8');
    } else if (ctx.path === '/' || ctx.path === '/_mock' || ctx.path.startsWith('/_mock/')) {
      // Cognito's own 403 for a request refused in front of the service (a web ACL's).
      ctx.set('x-amzn-ErrorType', 'ForbiddenException');
      writeJson(ctx, { __type: 'ForbiddenException', message }, 'application/x-amz-json-1.1');
    } else {
      writeJson(ctx, { message }, 'application/json');
    }
  };
}

/** The header as the answer quotes it: JSON-escaped and cut short, since the sender chose it. */
export const shown = (host: string | undefined): string => JSON.stringify(String(host).slice(0, 100));
