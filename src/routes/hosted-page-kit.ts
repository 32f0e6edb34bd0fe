import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { AppContext } from '../context.js';
import { LOGIN_SESSION_SECONDS, startLoginSession } from '../domain/hosted/login-sessions.js';
import { appRedirect } from '../hosted/app-redirect.js';
import { type AuthorizeRequest, parseAuthorizeRequest } from '../hosted/authorize-request.js';
import { signedInRedirect } from '../hosted/complete-sign-in.js';
import { cookieOf, setCookie } from '../hosted/cookies.js';
import { signInPage } from '../hosted/pages.js';
import { noteRequest } from '../http/request-note.js';
import { sameText } from '../keys/value-hash.js';
import type { HostedFaultPage } from '../model/fault.js';
import { isRecord } from '../model/problems.js';
import type { StoredPool } from '../model/types.js';
import type { StoredUser } from '../model/users.js';

export type HostedParts = Pick<AppContext, 'registry' | 'issuerMode' | 'triggers' | 'publicUrl' | 'faults' | 'log'>;

export const SESSION_COOKIE = 'cognito';
const CSRF_COOKIE = 'XSRF-TOKEN';

/** Every managed-login page: never cached, never framed, nothing loaded from elsewhere (cognito-reference-users §6.3 headers). */
export const PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'X-XSS-Protection': '1; mode=block',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

/**
 * What every managed-login page does alike (§6.1–6.4): read and check the authorize query it
 * carries, serve forms with a CSRF token, and send a signed-in user back to the app.
 */
export function hostedPageKit(app: HostedParts) {
  const secure = (ctx: Context): boolean => ctx.protocol === 'https' || app.publicUrl(ctx.req.headers).startsWith('https:');

  /**
   * The request's authorize parameters, or the refusal answered (§6.2): the error page, or back to
   * the app with `error=`, which is also where an injected fault of this page sends the browser.
   */
  async function authorizeRequest(ctx: Context, page: HostedFaultPage): Promise<AuthorizeRequest | undefined> {
    ctx.set(PAGE_HEADERS);
    ctx.set('x-amz-cognito-request-id', randomUUID());
    const parsed = parseAuthorizeRequest(new URLSearchParams(ctx.querystring), app.registry);
    noteRequest(ctx, { operation: page, clientId: 'kind' in parsed ? undefined : parsed.client.ClientId, poolId: 'kind' in parsed ? undefined : parsed.pool.UserPool.Id });
    if (!('kind' in parsed)) {
      const fault = app.faults.hostedActive ? await app.faults.applyHosted(page, parsed.client.ClientId) : undefined;
      if (fault === undefined) return parsed;
      noteRequest(ctx, { error: fault, reason: 'injected fault' });
      ctx.redirect(appRedirect(parsed.redirectUri, [['error', fault], ['state', parsed.state]], parsed.responseType === 'token'));
      return undefined;
    }
    noteRequest(ctx, { error: parsed.error, reason: parsed.reason });
    if (parsed.kind === 'page') {
      ctx.redirect(`/error?error=${parsed.error}&client_id=${encodeURIComponent(parsed.clientId)}`);
    } else {
      ctx.redirect(appRedirect(parsed.redirectUri, [['error', parsed.error], ['state', parsed.state]], parsed.responseType === 'token'));
    }
    return undefined;
  }

  /** Back to the app signed in; a sign-in through a form starts the one-hour session (§6.4). */
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

  /** The posted form's `_csrf` is the `XSRF-TOKEN` cookie its page was served with, compared in constant time. */
  function csrfMatches(ctx: Context, form: ReadonlyMap<string, string>): boolean {
    const cookie = cookieOf(ctx.get('cookie'), CSRF_COOKIE);
    const field = form.get('_csrf');
    const matches = cookie !== undefined && field !== undefined && sameText(cookie, field);
    if (!matches) noteRequest(ctx, { error: 'csrf_mismatch', reason: cookie === undefined ? 'no XSRF-TOKEN cookie came with the form' : 'the form\'s _csrf is not its page\'s XSRF-TOKEN cookie' });
    return matches;
  }

  /** The sign-in form again for this request, with a username, an error or a notice (§6.3). */
  function signInForm(ctx: Context, request: AuthorizeRequest, extra: { username?: string | undefined; error?: string; notice?: string }, status = 200): void {
    renderForm(ctx, (csrf) => signInPage({ query: ctx.querystring, csrf, signUp: signUpAllowed(request.pool), ...extra }), status);
  }

  return { secure, authorizeRequest, signedIn, renderForm, render, csrfMatches, signInForm };
}

/** What a page shows when its form came without the token of the page it was served on. */
export const EXPIRED_FORM = 'The page expired. Please try again.';

/** Whether the pool's users may sign themselves up: not with `AllowAdminCreateUserOnly` (cognito-reference-users §2.9). */
export function signUpAllowed(pool: StoredPool): boolean {
  const config = pool.UserPool.AdminCreateUserConfig;
  return !(isRecord(config) && config.AllowAdminCreateUserOnly === true);
}
