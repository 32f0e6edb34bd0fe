import { randomUUID } from 'node:crypto';
import type { StoredPool, UserPoolClient } from '../../model/types.js';
import type { StoredUser } from '../../model/users.js';
import { USERS } from '../../store/collections.js';
import type { IssuedTokens } from '../issued-tokens.js';
import type { TokenIssuing } from '../token-issuing.js';
import { refused } from '../sign-in/refusal.js';
import { issueUserTokens } from '../sign-in/user-tokens.js';
import { type PresentedCode, redeemAuthorizationCode } from './authorization-codes.js';

export interface HostedSignIn {
  pool: StoredPool;
  client: UserPoolClient;
  user: StoredUser;
  scopes: readonly string[];
  nonce?: string | undefined;
  authTime: number;
  publicUrl: string;
}

/**
 * The tokens of a managed-login sign-in (cognito-reference-users §6.6, §6.8): the granted scopes,
 * `nonce` and `at_hash` in the ID token, the trigger's source `TokenGeneration_HostedAuth`; a
 * refresh token for the code grant, none for the implicit grant.
 */
export function issueHostedTokens(app: TokenIssuing, signIn: HostedSignIn, refreshToken: boolean, originJti?: string): Promise<IssuedTokens> {
  const { pool, client, user, scopes, nonce, authTime, publicUrl } = signIn;
  return issueUserTokens(app, {
    pool, client, user, source: 'TokenGeneration_HostedAuth', publicUrl,
    oauth: { scopes, nonce, refreshToken, authTime, ...(originJti === undefined ? {} : { originJti }) },
  });
}

/** `grant_type=authorization_code` (§6.6): the code's grant, once, for its client, redirect URI and PKCE verifier. */
export async function exchangeAuthorizationCode(app: TokenIssuing, pool: StoredPool, client: UserPoolClient, presented: PresentedCode,
  publicUrl: string): Promise<IssuedTokens> {
  const originJti = randomUUID();
  const grant = await redeemAuthorizationCode(app.registry, pool, client, presented, originJti);
  const user = app.registry.item(USERS, pool.UserPool.Id, grant.Username);
  // A user deleted or disabled since the sign-in gets no tokens [I].
  if (!user?.Enabled) throw refused('invalid_code');
  return issueHostedTokens(app, { pool, client, user, scopes: grant.Scopes, nonce: grant.Nonce, authTime: grant.AuthTime, publicUrl }, true, originJti);
}
