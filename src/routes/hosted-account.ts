import type { Context } from 'koa';
import { findUser, usernameAttributes } from '../domain/find-user.js';
import { AwsApiError } from '../errors.js';
import { confirmPage, forgotPasswordPage, resetPasswordPage, signUpPage } from '../hosted/account-pages.js';
import { attributeAnswers } from '../hosted/attribute-fields.js';
import type { AuthorizeRequest } from '../hosted/authorize-request.js';
import { secretHashOf } from '../keys/secret-hash.js';
import type { ManagementAction } from '../management/action.js';
import { missingRequiredAttributes } from '../management/auth-result.js';
import { awsErrorOf } from '../management/aws-error-of.js';
import { confirmForgotPassword } from '../management/confirm-forgot-password.js';
import { confirmSignUp } from '../management/confirm-sign-up.js';
import { forgotPassword } from '../management/forgot-password.js';
import { signUpNotPermitted } from '../management/messages.js';
import { resendConfirmationCode } from '../management/resend-confirmation-code.js';
import { signUp } from '../management/sign-up.js';
import { clientSecretsOf } from '../model/client-secrets.js';
import { DomainError } from '../model/domain-error.js';
import { regionOf } from '../model/ids.js';
import { isRecord } from '../model/problems.js';
import type { StoredPool } from '../model/types.js';
import { EXPIRED_FORM, type HostedParts, hostedPageKit, signUpAllowed } from './hosted-page-kit.js';
import { readForm } from './token.js';
import { noteRequest } from '../http/request-note.js';

/** What an account form's action answered: its output, or the refusal's message for the page. */
type Outcome = { output: Record<string, unknown>; refusal?: undefined } | { output?: undefined; refusal: string };

/**
 * The classic hosted UI's account pages (cognito-reference-users §6.3): `/signup` and `/confirm`
 * (SignUp, ConfirmSignUp, ResendConfirmationCode), `/forgotPassword` and `/confirmForgotPassword`
 * (ForgotPassword, ConfirmForgotPassword). Each runs the API's own operation for the request's app
 * client (the page holds the client's secret, so it sends the SecretHash a client would), and shows
 * the API's refusal on the page. A confirmed sign-up goes back to the app signed in.
 */
export function hostedAccountRoutes(app: HostedParts) {
  const { authorizeRequest, signedIn, renderForm, csrfMatches, signInForm } = hostedPageKit(app);

  /** The operation as the API runs it for this client, refusals worded as the API words them. */
  async function run(ctx: Context, request: AuthorizeRequest, action: ManagementAction, username: string, input: Record<string, unknown>): Promise<Outcome> {
    const { client, pool } = request;
    const secret = clientSecretsOf(client)[0]?.ClientSecretValue;
    const full = { ClientId: client.ClientId, Username: username, ...input, ...(secret === undefined ? {} : { SecretHash: secretHashOf(secret, username, client.ClientId) }) };
    try {
      const output = await action(full, {
        registry: app.registry, issuerMode: app.issuerMode, triggers: app.triggers, log: app.log,
        region: regionOf(pool.UserPool.Id), publicUrl: app.publicUrl(ctx.req.headers),
      });
      return { output: output as Record<string, unknown> };
    } catch (error) {
      const aws = error instanceof DomainError ? awsErrorOf(error.problem) : error;
      if (aws instanceof AwsApiError && aws.status < 500) {
        noteRequest(ctx, { error: aws.type, reason: error instanceof DomainError ? error.message : aws.message });
        return { refusal: aws.message };
      }
      throw error;
    }
  }

  /** A posted account form, its authorize query checked, and whether its CSRF token is the page's (§6.3). */
  async function postedForm(ctx: Context): Promise<{ request: AuthorizeRequest; form: ReadonlyMap<string, string>; fresh: boolean } | undefined> {
    const request = await authorizeRequest(ctx, 'login');
    if (!request) return undefined;
    const form = await readForm(ctx);
    return { request, form, fresh: csrfMatches(ctx, form) };
  }

  const signUpForm = (ctx: Context, pool: StoredPool, extra: { error?: string; username?: string; values?: ReturnType<typeof attributeAnswers> } = {}, status = 200) =>
    renderForm(ctx, (csrf) => signUpPage({
      query: ctx.querystring, csrf, usernameLabel: usernameLabel(pool), required: signUpAttributes(pool), ...extra,
    }), status);

  /** GET /signup: the form, unless the pool lets only administrators create users. */
  async function signUpGet(ctx: Context): Promise<void> {
    const request = await authorizeRequest(ctx, 'login');
    if (!request) return;
    if (!signUpAllowed(request.pool)) return signInForm(ctx, request, { error: signUpNotPermitted().message });
    signUpForm(ctx, request.pool);
  }

  /** POST /signup: SignUp; then the code's page, or the sign-in form when no code is sent (an administrator confirms). */
  async function signUpPost(ctx: Context): Promise<void> {
    const posted = await postedForm(ctx);
    if (!posted) return;
    const { request, form } = posted;
    const username = (form.get('username') ?? '').trim();
    const values = attributeAnswers(form);
    if (!posted.fresh) return signUpForm(ctx, request.pool, { error: EXPIRED_FORM, username, values }, 403);
    const outcome = await run(ctx, request, signUp, username, { Password: form.get('password') ?? '', UserAttributes: values });
    if (outcome.refusal !== undefined) return signUpForm(ctx, request.pool, { error: outcome.refusal, username, values });
    const destination = destinationOf(outcome.output);
    if (destination === undefined) {
      return signInForm(ctx, request, { username, notice: 'Your account was created. An administrator must confirm it before you can sign in.' });
    }
    renderForm(ctx, (csrf) => confirmPage({ query: ctx.querystring, csrf, username, destination }));
  }

  /** GET /confirm: the code's page for `username` (the sign-in form sends unconfirmed users here). */
  async function confirmGet(ctx: Context): Promise<void> {
    const request = await authorizeRequest(ctx, 'login');
    if (!request) return;
    const username = new URLSearchParams(ctx.querystring).get('username') ?? '';
    renderForm(ctx, (csrf) => confirmPage({ query: ctx.querystring, csrf, username }));
  }

  /** POST /confirm: ConfirmSignUp, then back to the app signed in; or, with `resend`, a new code. */
  async function confirmPost(ctx: Context): Promise<void> {
    const posted = await postedForm(ctx);
    if (!posted) return;
    const { request, form } = posted;
    const username = form.get('username') ?? '';
    const again = (extra: { error?: string; notice?: string; destination?: string | undefined }, status = 200) =>
      renderForm(ctx, (csrf) => confirmPage({ query: ctx.querystring, csrf, username, ...extra }), status);
    if (!posted.fresh) return again({ error: EXPIRED_FORM }, 403);
    if (form.has('resend')) {
      const outcome = await run(ctx, request, resendConfirmationCode, username, {});
      if (outcome.refusal !== undefined) return again({ error: outcome.refusal });
      const destination = destinationOf(outcome.output);
      return again({ notice: 'A new code is on its way.', destination });
    }
    const outcome = await run(ctx, request, confirmSignUp, username, { ConfirmationCode: form.get('confirmation_code') ?? '' });
    if (outcome.refusal !== undefined) return again({ error: outcome.refusal });
    const user = findUser(app.registry, request.pool, username);
    // Confirmed through the page: the code proved the user, who goes back to the app signed in.
    if (!user?.Enabled) return signInForm(ctx, request, { username, notice: 'Your account is confirmed. Sign in to continue.' });
    return signedIn(ctx, request, user, Math.floor(app.registry.now()), true);
  }

  /** GET /forgotPassword. */
  async function forgotGet(ctx: Context): Promise<void> {
    const request = await authorizeRequest(ctx, 'login');
    if (!request) return;
    renderForm(ctx, (csrf) => forgotPasswordPage({ query: ctx.querystring, csrf }));
  }

  /** POST /forgotPassword: ForgotPassword, then the page that takes the code. */
  async function forgotPost(ctx: Context): Promise<void> {
    const posted = await postedForm(ctx);
    if (!posted) return;
    const { request, form } = posted;
    const username = (form.get('username') ?? '').trim();
    const again = (error: string, status = 200) => renderForm(ctx, (csrf) => forgotPasswordPage({ query: ctx.querystring, csrf, username, error }), status);
    if (!posted.fresh) return again(EXPIRED_FORM, 403);
    const outcome = await run(ctx, request, forgotPassword, username, {});
    if (outcome.refusal !== undefined) return again(outcome.refusal);
    renderForm(ctx, (csrf) => resetPasswordPage({ query: ctx.querystring, csrf, username, destination: destinationOf(outcome.output) }));
  }

  /** POST /confirmForgotPassword: ConfirmForgotPassword, then the sign-in form for the new password. */
  async function resetPost(ctx: Context): Promise<void> {
    const posted = await postedForm(ctx);
    if (!posted) return;
    const { request, form } = posted;
    const username = form.get('username') ?? '';
    const again = (error: string, status = 200) => renderForm(ctx, (csrf) => resetPasswordPage({ query: ctx.querystring, csrf, username, error }), status);
    if (!posted.fresh) return again(EXPIRED_FORM, 403);
    const password = form.get('password') ?? '';
    if (password !== form.get('confirmPassword')) return again('Passwords do not match.');
    const outcome = await run(ctx, request, confirmForgotPassword, username, { ConfirmationCode: form.get('code') ?? '', Password: password });
    if (outcome.refusal !== undefined) return again(outcome.refusal);
    signInForm(ctx, request, { username, notice: 'Your password has been reset. Sign in with your new password.' });
  }

  return { signUpGet, signUpPost, confirmGet, confirmPost, forgotGet, forgotPost, resetPost };
}

/** `CodeDeliveryDetails.Destination` of an answer, if a code was sent. */
function destinationOf(output: Record<string, unknown>): string | undefined {
  const details = output.CodeDeliveryDetails;
  return isRecord(details) && typeof details.Destination === 'string' ? details.Destination : undefined;
}

/** The required attributes sign-up asks for; the username field already gives the one users sign in with. */
function signUpAttributes(pool: StoredPool): string[] {
  const signIn = usernameAttributes(pool);
  return missingRequiredAttributes(pool, { Attributes: [] }).filter((name) => !signIn.includes(name));
}

/** "Email" or "Phone number" in a pool whose users sign in with one (§2.1), else "Username". */
function usernameLabel(pool: StoredPool): string {
  const signIn = usernameAttributes(pool);
  if (signIn.length === 0) return 'Username';
  return signIn.map((name) => (name === 'email' ? 'Email' : 'Phone number')).join(' or ');
}
