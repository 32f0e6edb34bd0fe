import { issueClientCredentialsToken } from '../domain/client-credentials-token.js';
import type { TokenIssuing } from '../domain/token-issuing.js';
import { adminSignIn } from '../domain/sign-in/admin-sign-in.js';
import { DomainError } from '../model/domain-error.js';
import type { MintResult } from './mint-view.js';

// What the mint forms run: the domain's own token paths, called in-process as the testing API
// calls them, so a console token is one the app would get. Problems come back as the page's words.

/** A client-credentials access token for the client, with the ticked scopes (none: all it allows). */
export async function mintClientCredentials(app: TokenIssuing, clientId: string, scopes: readonly string[], publicUrl: string): Promise<MintResult> {
  const title = `Client credentials for ${clientId}`;
  return attempt(title, async () => {
    const record = app.registry.client(clientId);
    if (!record) throw new DomainError({ code: 'client_not_found', clientId });
    const issued = await issueClientCredentialsToken(record, scopes.length === 0 ? undefined : scopes.join(' '), undefined, app, publicUrl);
    return { 'access token': issued.accessToken };
  });
}

/** A user's tokens, as ADMIN_USER_PASSWORD_AUTH gives them (domain/sign-in/admin-sign-in.ts). */
export async function mintSignIn(app: TokenIssuing, clientId: string, username: string, password: string, publicUrl: string): Promise<MintResult> {
  return attempt(`Sign-in of ${username}`, async () => {
    const tokens = await adminSignIn(app, clientId, username, password, publicUrl);
    return { 'ID token': tokens.idToken!, 'access token': tokens.accessToken, 'refresh token': tokens.refreshToken! };
  });
}

async function attempt(title: string, mint: () => Promise<Record<string, string>>): Promise<MintResult> {
  try {
    return { title, tokens: await mint() };
  } catch (error) {
    // A domain problem is the user's to fix (wrong password, a scope the client lacks); anything else is a bug.
    if (error instanceof DomainError) return { title, error: error.message };
    throw error;
  }
}
