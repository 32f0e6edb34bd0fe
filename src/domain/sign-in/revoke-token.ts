import type { StoredPool, UserPoolClient } from '../../model/types.js';
import { readRefreshToken } from '../../tokens/refresh-token.js';
import type { TokenIssuing } from '../token-issuing.js';
import { sessionOfToken } from './refresh.js';
import { refused } from './refusal.js';
import { endSession } from './sign-out.js';

/** Three base64url parts: a JWT (an ID or access token), which RevokeToken does not take. */
const JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * RevokeToken and `/oauth2/revoke` (cognito-reference-users §4.10, §6.10): the refresh token's
 * sign-in ends, and with it the access tokens it issued; the user's other sign-ins stay. The
 * client must have revocation on (`EnableTokenRevocation`, default true). An ID or access token is
 * refused as an unsupported type; a token that is not one of this client's live refresh tokens
 * (unknown, another client's, already revoked) changes nothing and is not refused, as the revocation
 * endpoint answers it (RFC 7009 §2.2), so a caller learns nothing of other clients' tokens [I].
 */
export async function revokeRefreshToken(app: TokenIssuing, pool: StoredPool, client: UserPoolClient, token: string): Promise<void> {
  if (client.EnableTokenRevocation === false) throw refused('revocation_disabled', client.ClientId);
  if (!readRefreshToken(token) && JWS.test(token)) throw refused('unsupported_token_type');
  const session = sessionOfToken(app, pool.UserPool.Id, client, token);
  if (session) await endSession(app.registry, pool.UserPool.Id, session);
}
