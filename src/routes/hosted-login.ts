import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { AppContext } from '../context.js';
import { endLoginSession, LOGIN_SESSION_SECONDS, loginSessionUser, startLoginSession } from '../domain/hosted/login-sessions.js';
import { openChallenge } from '../domain/sign-in/challenge-sessions.js';
import { setNewPassword } from '../domain/sign-in/new-password.js';
import { passwordSignIn } from '../domain/sign-in/password-sign-in.js';
import { appRedirect } from '../hosted/app-redirect.js';
import { type AuthorizeRequest, parseAuthorizeRequest } from '../hosted/authorize-request.js';
import { signedInRedirect } from '../hosted/complete-sign-in.js';
import { cookieOf, setCookie } from '../hosted/cookies.js';
import { errorPage, newPasswordPage, signInPage } from '../hosted/pages.js';
import { missingRequiredAttributes } from '../management/auth-result.js';
import { signInRefused } from '../management/messages.js';
import { sameText } from '../keys/value-hash.js';
import { DomainError } from '../model/domain-error.js';
import { passwordPolicyOf, passwordPolicyViolation } from '../model/password-policy.js';
import type { StoredUser } from '../model/users.js';
import { readForm } from './token.js';

type HostedParts = Pick<AppContext, 'registry' | 'issuerMode' | 'triggers' | 'publicUrl'>;

const SESSION_COOKIE = 'cognito';
const CSRF_COOKIE = 'XSRF-TOKEN';

/** Every managed-login page: never cached, never framed, nothing loaded from elsewhere (cognito-reference-users §6.3 headers). */
const PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'X-XSS-Protection': '1; mode=block',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

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
  const secure = (ctx: Context): boolean => ctx.protocol === 'https' || app.publicUrl(ctx.req.headers).startsWith('https:');

  /** The request's authorize parameters, or the refusal answered (§6.2). */
  function authorizeRequest(ctx: Context): AuthorizeRequest | undefined {
    ctx.set(PAGE_HEADERS);
    ctx.set('x-amz-cognito-request-id', randomUUID());
    const parsed = parseAuthorizeRequest(new URLSearchParams(ctx.querystring), app.registry);
    if (!('kind' in parsed)) return parsed;
    if (parsed.kind === 'page') {
      ctx.redirect(`/error?error=${parsed.error}&client_id=${encodeURIComponent(parsed.clientId)}`);
    } else {
      ctx.redirect(appRedirect(parsed.redirectUri, [['error', parsed.error], ['state', parsed.state]], parsed.responseType === 'token'));
    }
    return undefined;
  }

  async function signedIn(ctx: Context, request: AuthorizeRequest, user: StoredUser, authTime: number, startSession: boolean): Promise<void> {
    if (startSession) {
      const value = await startLoginSession(app.registry, request.pool.UserPool.Id, user.Username, authTime);
      ctx.append('Set-Cookie', setCookie(SESSION_COOKIE, value, { maxAge: LOGIN_SESSION_SECONDS, secure: secure(ctx) }));
    }
    ctx.redirect(await signedInRedirect(app, request, user, authTime, app.publicUrl(ctx.req.headers)));
    ctx.body = '';
  }

  /** A page with a form: a new CSRF token in its `_csrf` field and in the `XSRF-TOKEN` cookie (§6.3). */
  function renderForm(ctx: Context, html: (csrf: string) => string, status = 200): void {
    const csrf = randomUUID();
    ctx.append('Set-Cookie', setCookie(CSRF_COOKIE, csrf, { secure: secure(ctx) }));
    render(ctx, html(csrf), status);
  }

  function render(ctx: Context, html: string, status = 200): void {
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  }

  /** GET /oauth2/authorize (§6.1): to the form, or, with a live session and no `prompt=login`, straight back with a code. */
  async function authorize(ctx: Context): Promise<void> {
    const request = authorizeRequest(ctx);
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
  function loginPage(ctx: Context): void {
    const request = authorizeRequest(ctx);
    if (!request) return;
    renderForm(ctx, (csrf) => signInPage({ query: ctx.querystring, csrf, username: request.loginHint }));
  }

  /** POST /login (§6.3, §9 Q27): the username and password, or the new password of a FORCE_CHANGE_PASSWORD user. */
  async function loginPost(ctx: Context): Promise<void> {
    const request = authorizeRequest(ctx);
    if (!request) return;
    const form = await readForm(ctx);
    const query = ctx.querystring;
    const username = form.get('username') ?? '';
    if (!csrfMatches(cookieOf(ctx.get('cookie'), CSRF_COOKIE), form.get('_csrf'))) {
      return renderForm(ctx, (csrf) => signInPage({ query, csrf, username, error: 'The sign-in page expired. Please sign in again.' }), 403);
    }
    const { pool, client } = request;
    if (form.has('newPassword')) {
      const session = form.get('session') ?? '';
      const newPassword = form.get('newPassword') ?? '';
      const again = (error: string) => renderForm(ctx, (csrf) => newPasswordPage({ query, csrf, username, session, error }));
      if (newPassword !== form.get('confirmNewPassword')) return again('Passwords do not match.');
      const violation = passwordPolicyViolation(passwordPolicyOf(pool.UserPool.Policies), newPassword);
      if (violation !== undefined) return again(`Password does not conform to policy: ${violation}`);
      let user: StoredUser;
      try {
        user = await setNewPassword(app.registry, {
          pool, client, session, username, newPassword,
          attributes: (current) => {
            const missing = missingRequiredAttributes(pool, { Attributes: [...current] });
            if (missing.length > 0) throw new PageError(`The required attributes ${missing.join(', ')} are not set: set them with AdminUpdateUserAttributes.`);
            return [...current];
          },
        });
      } catch (error) {
        if (error instanceof PageError) return again(error.message);
        const text = refusalText(error, client.ClientId);
        return renderForm(ctx, (csrf) => signInPage({ query, csrf, username, error: text }));
      }
      return signedIn(ctx, request, user, Math.floor(app.registry.now()), true);
    }
    let user: StoredUser;
    try {
      user = passwordSignIn(app.registry, pool, client, username, form.get('password') ?? '');
    } catch (error) {
      const text = refusalText(error, client.ClientId);
      return renderForm(ctx, (csrf) => signInPage({ query, csrf, username, error: text }));
    }
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
      const session = await openChallenge(app.registry, pool.UserPool.Id, client, user.Username, 'NEW_PASSWORD_REQUIRED');
      return renderForm(ctx, (csrf) => newPasswordPage({ query, csrf, username: user.Username, session }));
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
function refusalText(error: unknown, clientId: string): string {
  if (!(error instanceof DomainError) || error.problem.code !== 'sign_in_refused') throw error;
  return signInRefused(error.problem.reason, clientId).message;
}

/** A page's own refusal, shown on it. */
class PageError extends Error {}

/** The form's `_csrf` is the `XSRF-TOKEN` cookie the page was served with, compared in constant time. */
function csrfMatches(cookie: string | undefined, field: string | undefined): boolean {
  return cookie !== undefined && field !== undefined && sameText(cookie, field);
}
