import type { Context } from 'koa';
import { endLoginSession, loginSessionUser } from '../domain/hosted/login-sessions.js';
import { openChallenge } from '../domain/sign-in/challenge-sessions.js';
import { setNewPassword } from '../domain/sign-in/new-password.js';
import { passwordSignIn } from '../domain/sign-in/password-sign-in.js';
import { confirmPage } from '../hosted/account-pages.js';
import { appRedirect } from '../hosted/app-redirect.js';
import { attributeAnswers, attributeLabel, attributesProblem } from '../hosted/attribute-fields.js';
import type { AuthorizeRequest } from '../hosted/authorize-request.js';
import { cookieOf, setCookie } from '../hosted/cookies.js';
import { errorPage, newPasswordPage } from '../hosted/pages.js';
import { missingRequiredAttributes } from '../management/auth-result.js';
import { signInRefused } from '../management/messages.js';
import { withAttributes } from '../management/user-input.js';
import { DomainError } from '../model/domain-error.js';
import { passwordPolicyOf, passwordPolicyViolation } from '../model/password-policy.js';
import type { StoredUser } from '../model/users.js';
import { type HostedParts, PAGE_HEADERS, SESSION_COOKIE, hostedPageKit } from './hosted-page-kit.js';
import { readForm } from './token.js';
import { noteRequest } from '../http/request-note.js';

/** What each error page code means, for the person reading it (Cognito shows only its one sentence). */
const ERROR_EXPLANATIONS: Readonly<Record<string, string>> = {
  redirect_mismatch: 'The redirect_uri is not one of the app client\'s CallbackURLs (compared exactly: case and a trailing slash matter).',
  invalid_request: 'The request names no app client this server knows, or its user pool has no domain.',
};

/**
 * The managed login (cognito-reference-users §6): `/oauth2/authorize`, the classic `/login` form
 * and its new-password page, `/logout` and the error page. Cookies: `cognito` (the one-hour
 * session, §6.4) and `XSRF-TOKEN` (the form's CSRF token, compared with its `_csrf` field).
 */
export function hostedLoginRoutes(app: HostedParts) {
  const { secure, authorizeRequest, signedIn, renderForm, render, csrfMatches, signInForm } = hostedPageKit(app);

  /** GET /oauth2/authorize (§6.1): to the form, or, with a live session and no `prompt=login`, straight back with a code. */
  async function authorize(ctx: Context): Promise<void> {
    const request = await authorizeRequest(ctx, 'authorize');
    if (!request) return;
    const session = request.prompt === 'login' ? undefined : loginSessionUser(app.registry, request.pool.UserPool.Id, cookieOf(ctx.get('cookie'), SESSION_COOKIE));
    if (session) return signedIn(ctx, request, session.user, session.authTime, false);
    // OIDC Core §3.1.2.6: `prompt=none` never shows a page.
    if (request.prompt === 'none') {
      ctx.redirect(appRedirect(request.redirectUri, [['error', 'login_required'], ['state', request.state]], request.responseType === 'token'));
      return;
    }
    ctx.redirect(`/login?${ctx.querystring}`);
  }

  /** GET /login (§6.3): the form, the username filled from `login_hint`. */
  async function loginPage(ctx: Context): Promise<void> {
    const request = await authorizeRequest(ctx, 'login');
    if (!request) return;
    signInForm(ctx, request, { username: request.loginHint });
  }

  /** POST /login (§6.3, §9 Q27): the username and password, or the new password of a FORCE_CHANGE_PASSWORD user. */
  async function loginPost(ctx: Context): Promise<void> {
    const request = await authorizeRequest(ctx, 'login');
    if (!request) return;
    const form = await readForm(ctx);
    const username = form.get('username') ?? '';
    if (!csrfMatches(ctx, form)) {
      return signInForm(ctx, request, { username, error: 'The sign-in page expired. Please sign in again.' }, 403);
    }
    if (form.has('newPassword')) return newPasswordPost(ctx, request, form);
    const { pool, client } = request;
    let user: StoredUser;
    try {
      user = passwordSignIn(app.registry, pool, client, username, form.get('password') ?? '');
    } catch (error) {
      const text = refusalText(ctx, error, client.ClientId);
      // An unconfirmed user is asked for the code, as the API's refusal suggests (UNCONFIRMED is told before the password, §4.3).
      if (error instanceof DomainError && error.problem.code === 'sign_in_refused' && error.problem.reason === 'user_not_confirmed') {
        return renderForm(ctx, (csrf) => confirmPage({ query: ctx.querystring, csrf, username, error: text }));
      }
      return signInForm(ctx, request, { username, error: text });
    }
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
      const session = await openChallenge(app.registry, pool.UserPool.Id, client, user.Username, 'NEW_PASSWORD_REQUIRED');
      const required = missingRequiredAttributes(pool, user);
      return renderForm(ctx, (csrf) => newPasswordPage({ query: ctx.querystring, csrf, username: user.Username, session, required }));
    }
    return signedIn(ctx, request, user, Math.floor(app.registry.now()), true);
  }

  /**
   * The new-password page's answer (§4.5, §9 Q27): the password twice, and a value for each
   * required attribute the user lacks, as NEW_PASSWORD_REQUIRED takes `userAttributes.<name>`.
   */
  async function newPasswordPost(ctx: Context, request: AuthorizeRequest, form: ReadonlyMap<string, string>): Promise<void> {
    const { pool, client } = request;
    const query = ctx.querystring;
    const username = form.get('username') ?? '';
    const session = form.get('session') ?? '';
    const newPassword = form.get('newPassword') ?? '';
    const given = attributeAnswers(form);
    const again = (error: string, required: string[]) =>
      renderForm(ctx, (csrf) => newPasswordPage({ query, csrf, username, session, error, required, values: given }));
    const pending = given.map((attribute) => attribute.Name);
    if (newPassword !== form.get('confirmNewPassword')) return again('Passwords do not match.', pending);
    const violation = passwordPolicyViolation(passwordPolicyOf(pool.UserPool.Policies), newPassword);
    if (violation !== undefined) return again(`Password does not conform to policy: ${violation}`, pending);
    const invalid = attributesProblem(pool, given);
    if (invalid !== undefined) return again(invalid, pending);
    let user: StoredUser;
    try {
      user = await setNewPassword(app.registry, {
        pool, client, session, username, newPassword,
        attributes: (current) => {
          const attributes = withAttributes(current, given);
          const missing = missingRequiredAttributes(pool, { Attributes: attributes });
          if (missing.length > 0) throw new PageError(`Please enter ${missing.map(attributeLabel).join(', ')}.`, [...new Set([...pending, ...missing])]);
          return attributes;
        },
      });
    } catch (error) {
      if (error instanceof PageError) return again(error.message, error.fields);
      const text = refusalText(ctx, error, client.ClientId);
      return signInForm(ctx, request, { username, error: text });
    }
    return signedIn(ctx, request, user, Math.floor(app.registry.now()), true);
  }

  /**
   * GET /logout (§6.11): `client_id` + a registered `logout_uri` ends the session and returns
   * there; otherwise `redirect_uri` + `response_type` end it and sign in again through `/login`.
   */
  async function logout(ctx: Context): Promise<void> {
    ctx.set(PAGE_HEADERS);
    const query = new URLSearchParams(ctx.querystring);
    const clientId = query.get('client_id') ?? '';
    const record = clientId === '' ? undefined : app.registry.client(clientId);
    if (!record) return render(ctx, errorPage('invalid_request', ERROR_EXPLANATIONS.invalid_request), 400);
    const logoutUri = query.get('logout_uri');
    const registered = logoutUri !== null && record.client.LogoutURLs?.includes(logoutUri) === true;
    const redirectUri = query.get('redirect_uri');
    if (!registered && redirectUri === null) {
      // What Cognito's page says when `logout_uri` is not registered and nothing else is given (§6.11).
      return render(ctx, errorPage('Required String parameter \'redirect_uri\' is not present',
        logoutUri === null ? 'Give logout_uri (one of the client\'s LogoutURLs).' : `${logoutUri} is not one of the client's LogoutURLs.`), 400);
    }
    if (!registered && !record.client.CallbackURLs?.includes(redirectUri ?? '')) {
      return render(ctx, errorPage('redirect_mismatch', ERROR_EXPLANATIONS.redirect_mismatch), 400);
    }
    await endLoginSession(app.registry, record.pool.UserPool.Id, cookieOf(ctx.get('cookie'), SESSION_COOKIE));
    ctx.append('Set-Cookie', setCookie(SESSION_COOKIE, '', { maxAge: 0, secure: secure(ctx) }));
    if (registered) {
      ctx.redirect(logoutUri);
      return;
    }
    // Form 2: sign in again, with every client scope when none is named (§6.11).
    const again = new URLSearchParams();
    for (const name of ['client_id', 'redirect_uri', 'response_type', 'state', 'scope']) {
      const value = query.get(name);
      if (value !== null) again.set(name, value);
    }
    if (!again.has('scope')) again.set('scope', (record.client.AllowedOAuthScopes ?? []).join(' '));
    ctx.redirect(`/login?${again.toString().replace(/\+/g, '%20')}`);
  }

  /** GET /error (§6.2). */
  function error(ctx: Context): void {
    ctx.set(PAGE_HEADERS);
    const code = new URLSearchParams(ctx.querystring).get('error') ?? 'invalid_request';
    render(ctx, errorPage(code, ERROR_EXPLANATIONS[code]), 400);
  }

  return { authorize, loginPage, loginPost, logout, error };
}

/** A refused sign-in in the API's words ("Incorrect username or password.", §6.3); anything else is rethrown. */
function refusalText(ctx: Context, error: unknown, clientId: string): string {
  if (!(error instanceof DomainError) || error.problem.code !== 'sign_in_refused') throw error;
  const refusal = signInRefused(error.problem.reason, clientId);
  noteRequest(ctx, { error: refusal.type, reason: error.message });
  return refusal.message;
}

/** A page's own refusal, shown on it with the fields to fill. */
class PageError extends Error {
  constructor(message: string, readonly fields: string[]) {
    super(message);
  }
}
