import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { AppContext } from '../context.js';
import { userOfAccessToken } from '../domain/sign-in/token-user.js';
import { attributesForScopes, readableAttributes } from '../domain/sign-in/user-tokens.js';
import { hashMapOrder } from '../model/attribute-order.js';
import { DomainError } from '../model/domain-error.js';
import { type UserAttribute, subOf } from '../model/users.js';
import { TOKEN_HEADERS } from './token.js';

type UserInfoParts = Pick<AppContext, 'registry' | 'issuerMode' | 'triggers' | 'publicUrl'>;

const BAD_REQUEST = 'error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"';
const BAD_TOKEN = 'error="invalid_token", error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."';

/**
 * GET and POST /oauth2/userInfo (cognito-reference-users §6.9): the user of a Bearer access token
 * granted `openid`. With `openid` alone, every attribute the client may read; with `profile`,
 * `email` or `phone`, those scopes' attributes. Members in Java HashMap order, `*_verified` as the
 * strings Cognito sends, and `username`. Errors carry no body, only `WWW-Authenticate`: 400 without
 * a Bearer token, 401 for a token refused (an API-flow token has no `openid`, as in Cognito).
 */
export function userInfoEndpoint(app: UserInfoParts) {
  return async function userInfo(ctx: Context): Promise<void> {
    ctx.set(TOKEN_HEADERS);
    ctx.set('x-amz-cognito-request-id', randomUUID());
    const token = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('authorization'))?.[1];
    if (token === undefined) return fail(ctx, 400, BAD_REQUEST);
    let found: Awaited<ReturnType<typeof userOfAccessToken>>;
    try {
      found = await userOfAccessToken(app, token, app.publicUrl(ctx.req.headers), 'openid');
    } catch (error) {
      if (error instanceof DomainError) return fail(ctx, 401, BAD_TOKEN);
      throw error;
    }
    const { user, client, scopes } = found;
    const shown = attributesForScopes(readableAttributes(client, user), scopes);
    const members: UserAttribute[] = [...shown.filter((a) => a.Name !== 'sub'), { Name: 'sub', Value: subOf(user) }, { Name: 'username', Value: user.Username }];
    ctx.type = 'application/json;charset=UTF-8';
    ctx.body = JSON.stringify(Object.fromEntries(hashMapOrder(members, (a) => a.Name).map((a) => [a.Name, a.Value])));
  };
}

function fail(ctx: Context, status: number, challenge: string): void {
  ctx.status = status;
  ctx.set('WWW-Authenticate', challenge);
  ctx.body = '';
}
