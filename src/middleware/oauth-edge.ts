import type { Context } from 'koa';
import { OAuthError } from '../errors.js';
import { DomainError } from '../model/domain-error.js';
import type { Log } from '../model/log.js';
import { noteRequest } from '../http/request-note.js';
import { oauthErrorOf } from '../oauth/errors.js';
import { protocolEdge, writeJson } from './error-handler.js';

/**
 * Errors of the OAuth endpoints (`/oauth2/token`): `{"error": code}` (reference §1.7), from an
 * OAuthError or a domain problem (oauth/errors.ts). Anything else, an AWS or plain HTTP error
 * included, is the fixed 500: these endpoints never answer `{"__type"}`.
 */
export function oauthEdge(log: Log) {
  return protocolEdge(log, (ctx: Context, error: unknown) => {
    const oauth = error instanceof DomainError ? oauthErrorOf(error.problem) : error;
    if (!(oauth instanceof OAuthError)) return false;
    noteRequest(ctx, { error: oauth.code, reason: error instanceof DomainError ? error.message : oauth.detail });
    ctx.status = oauth.status;
    const body = oauth.description === undefined ? { error: oauth.code } : { error: oauth.code, error_description: oauth.description };
    writeJson(ctx, body, 'application/json;charset=UTF-8');
    return true;
  });
}
