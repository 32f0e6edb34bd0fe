import { DomainError } from '../../model/domain-error.js';
import type { IssuedTokens } from '../issued-tokens.js';
import type { TokenIssuing } from '../token-issuing.js';
import { passwordSignIn } from './password-sign-in.js';
import { refused } from './refusal.js';
import { issueUserTokens } from './user-tokens.js';

/**
 * A sign-in with a password as ADMIN_USER_PASSWORD_AUTH gives it (the same checks and tokens, a
 * session refreshable through the API), whatever the client's ExplicitAuthFlows and secret: the
 * caller is the administrator (the testing API's `signIn`, the console's form). A user with a
 * temporary password is refused: only a NEW_PASSWORD_REQUIRED answer could finish it.
 */
export async function adminSignIn(app: TokenIssuing, clientId: string, username: string, password: string, publicUrl: string): Promise<IssuedTokens> {
  const record = app.registry.client(clientId);
  if (!record) throw new DomainError({ code: 'client_not_found', clientId });
  const { pool, client } = record;
  const user = passwordSignIn(app.registry, pool, client, username, password);
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') throw refused('new_password_required');
  return issueUserTokens(app, { pool, client, user, source: 'TokenGeneration_Authentication', publicUrl });
}
