import type { TokenIssuing } from '../domain/token-issuing.js';
import { issueAuthorizationCode } from '../domain/hosted/authorization-codes.js';
import { issueHostedTokens } from '../domain/hosted/hosted-tokens.js';
import { DomainError } from '../model/domain-error.js';
import type { StoredUser } from '../model/users.js';
import { appRedirect } from './app-redirect.js';
import type { AuthorizeRequest } from './authorize-request.js';

/**
 * Where a signed-in user goes (cognito-reference-users §6.1, §6.8): back to the app with a code
 * and `state`, or with the implicit grant's tokens in the fragment (`id_token` first when `openid`
 * was granted, then `access_token, expires_in, token_type=Bearer, state`). A failing pre token
 * generation trigger sends `error_description`, `state` and `error=invalid_request`, in Cognito's order.
 */
export async function signedInRedirect(app: TokenIssuing, request: AuthorizeRequest, user: StoredUser, authTime: number, publicUrl: string): Promise<string> {
  const { pool, client, redirectUri, scopes, nonce, state } = request;
  if (request.responseType === 'code') {
    const code = await issueAuthorizationCode(app.registry, pool.UserPool.Id, {
      ClientId: client.ClientId, Username: user.Username, RedirectUri: redirectUri, Scopes: scopes, AuthTime: authTime,
      ...(nonce === undefined ? {} : { Nonce: nonce }), ...(request.codeChallenge === undefined ? {} : { CodeChallenge: request.codeChallenge }),
    });
    return appRedirect(redirectUri, [['code', code], ['state', state]], false);
  }
  try {
    const tokens = await issueHostedTokens(app, { pool, client, user, scopes, nonce, authTime, publicUrl }, false);
    return appRedirect(redirectUri, [['id_token', tokens.idToken], ['access_token', tokens.accessToken], ['expires_in', String(tokens.expiresIn)],
      ['token_type', 'Bearer'], ['state', state]], true);
  } catch (error) {
    if (!(error instanceof DomainError) || error.problem.code !== 'trigger_failed') throw error;
    return appRedirect(redirectUri, [['error_description', `PreTokenGeneration failed with error ${error.problem.reason}.`], ['state', state],
      ['error', 'invalid_request']], true);
  }
}
