import { randomUUID } from 'node:crypto';
import { sameText, valueHash as hashOf } from '../../keys/value-hash.js';
import type { AuthorizationCode } from '../../model/hosted-login.js';
import type { StoredPool, UserPoolClient } from '../../model/types.js';
import type { Registry } from '../../registry.js';
import { AUTHORIZATION_CODES, SIGN_IN_SESSIONS } from '../../store/collections.js';
import { refused } from '../sign-in/refusal.js';

/** "one time use code that is valid for five minutes" (cognito-reference-users §6.5). */
const CODE_LIFETIME_MS = 5 * 60_000;

export type CodeGrant = Omit<AuthorizationCode, 'CodeHash' | 'ExpiresAt' | 'RedeemedBy'>;

/** A new code for a signed-in user: a UUID, as Cognito's (§6.5), kept by its hash. */
export async function issueAuthorizationCode(registry: Registry, poolId: string, grant: CodeGrant): Promise<string> {
  const code = randomUUID();
  await registry.putItem(AUTHORIZATION_CODES, poolId, { ...grant, CodeHash: hashOf(code), ExpiresAt: registry.clock() + CODE_LIFETIME_MS });
  return code;
}

/**
 * The grant a code stands for, once (§6.5, §6.6): unknown, expired, used or another client's is
 * `invalid_code`; another `redirect_uri` than the authorize request's `code_redirect_mismatch`; a
 * PKCE verifier whose S256 hash is not the challenge `code_verifier_mismatch`. A code presented
 * again ends the sign-in its first use started, as RFC 6749 §4.1.2 advises [I: Cognito's is not public].
 */
export async function redeemAuthorizationCode(registry: Registry, pool: StoredPool, client: UserPoolClient, presented: PresentedCode,
  originJti: string): Promise<AuthorizationCode> {
  const { code, redirectUri, verifier } = presented;
  const poolId = pool.UserPool.Id;
  const found = registry.item(AUTHORIZATION_CODES, poolId, hashOf(code));
  if (!found || found.ClientId !== client.ClientId || registry.clock() > found.ExpiresAt) throw refused('invalid_code');
  if (found.RedeemedBy !== undefined) {
    const session = registry.item(SIGN_IN_SESSIONS, poolId, found.RedeemedBy);
    if (session && session.RevokedAt === undefined) await registry.putItem(SIGN_IN_SESSIONS, poolId, { ...session, RevokedAt: Math.floor(registry.now()) });
    throw refused('invalid_code');
  }
  if (found.RedirectUri !== redirectUri) throw refused('code_redirect_mismatch');
  if (found.CodeChallenge !== undefined && (verifier === undefined || !sameText(hashOf(verifier), found.CodeChallenge))) throw refused('code_verifier_mismatch');
  // Marked before the tokens are made, with the sign-in they will start: a second request finds it used.
  await registry.putItem(AUTHORIZATION_CODES, poolId, { ...found, RedeemedBy: originJti });
  return found;
}

/** What a token request presents with a code (§6.6). */
export interface PresentedCode {
  code: string;
  redirectUri: string;
  verifier: string | undefined;
}
