import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { CALLBACK, CLIENTS, PASSWORD, POOL, TEMPORARY_PASSWORD, hostedFixtures } from './support.js';
import { Jar, get, submit } from './support-flow.js';

// The classic hosted UI's account pages (cognito-reference-users §6.3), driven as a CI job without
// a browser drives them: sign-up and its confirmation code, a forgotten password, a required
// attribute asked for on the new-password page. Codes come from the testing API, as the mock sends
// no email.

const REQUIRED_EMAIL_AND_NAME = {
  AutoVerifiedAttributes: ['email'],
  SchemaAttributes: [
    { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
    { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
  ],
};

let mock: CognitoMock;
beforeAll(async () => {
  mock = await startCognitoMock({ fixtures: hostedFixtures({}, REQUIRED_EMAIL_AND_NAME) });
});
afterAll(() => mock.stop());

const query = (clientId: string = CLIENTS.spa.id, extra: Record<string, string> = {}) =>
  new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'openid email profile', state: 'st-9', ...extra }).toString();

/** A page of the managed login, its HTML and the jar that carries its CSRF cookie. */
async function open(path: string, q = query(), jar = new Jar()) {
  const res = await get(`${mock.url}${path}?${q}`, jar);
  expect(res.status).toBe(200);
  return { html: await res.text(), jar };
}

async function post(html: string, fields: Record<string, string>, jar: Jar) {
  const res = await submit(mock.url, html, fields, jar);
  return { res, html: res.status === 200 || res.status === 403 ? await res.text() : '' };
}

const textOf = (html: string, id: string) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];

describe('sign-up through the hosted UI', () => {
  it('links to sign-up and to the forgotten password from the sign-in form, with the authorize query kept', async () => {
    const { html } = await open('/login');
    const q = query().replace(/&/g, '&amp;');
    expect(html).toContain(`href="/signup?${q}"`);
    expect(html).toContain(`href="/forgotPassword?${q}"`);
  });

  it('signs sam up, refuses a wrong code, sends a new one, and goes back to the app signed in with the right one', async () => {
    const { html, jar } = await open('/signup');
    expect(html).toContain('name="requiredAttributes[email]"');
    expect(html).toContain('name="requiredAttributes[name]"');

    const weak = await post(html, { username: 'sam', password: 'alllowercase', 'requiredAttributes[email]': 'sam@example.com', 'requiredAttributes[name]': 'Sam' }, jar);
    expect(textOf(weak.html, 'signUpErrorMessage')).toMatch(/^Password did not conform with policy: /);
    expect(weak.html).toContain('value="sam@example.com"');

    const signedUp = await post(weak.html, { username: 'sam', password: PASSWORD, 'requiredAttributes[email]': 'sam@example.com', 'requiredAttributes[name]': 'Sam' }, jar);
    expect(signedUp.res.status).toBe(200);
    expect(signedUp.html).toContain('name="cognitoConfirmForm"');
    expect(signedUp.html).toMatch(/We have sent a code to s\*\*\*@e\*\*\*/);
    const first = mock.latestCode(POOL, 'sam')!;
    expect(first.kind).toBe('signup');

    const wrong = await post(signedUp.html, { confirmation_code: first.code === '000000' ? '111111' : '000000' }, jar);
    expect(textOf(wrong.html, 'confirmErrorMessage')).toBe('Invalid verification code provided, please try again.');

    const resent = await post(wrong.html, { resend: 'Resend Code' }, jar);
    expect(textOf(resent.html, 'confirmNoticeMessage')).toBe('A new code is on its way.');
    const second = mock.latestCode(POOL, 'sam')!;

    const confirmed = await post(resent.html, { confirmation_code: second.code }, jar);
    expect(confirmed.res.status).toBe(302);
    const back = new URL(confirmed.res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe('st-9');
    expect(jar.cookies.has('cognito')).toBe(true);
    const tokens = await exchange(back.searchParams.get('code')!);
    expect(decodeJwt(tokens.id_token!)).toMatchObject({ 'cognito:username': 'sam', email: 'sam@example.com', email_verified: true, name: 'Sam' });
  });

  it('signs up through a client with a secret: the page sends the SecretHash a client would', async () => {
    const q = query(CLIENTS.web.id, { scope: 'openid' });
    const { html, jar } = await open('/signup', q);
    const signedUp = await post(html, { username: 'wes', password: PASSWORD, 'requiredAttributes[email]': 'wes@example.com', 'requiredAttributes[name]': 'Wes' }, jar);
    expect(signedUp.html).toContain('name="cognitoConfirmForm"');
    expect(mock.latestCode(POOL, 'wes')?.kind).toBe('signup');
  });

  it('says an existing username as the API does, and keeps the form', async () => {
    const { html, jar } = await open('/signup');
    const taken = await post(html, { username: 'alice', password: PASSWORD, 'requiredAttributes[email]': 'a2@example.com', 'requiredAttributes[name]': 'A' }, jar);
    expect(textOf(taken.html, 'signUpErrorMessage')).toBe('User already exists');
  });

  it('asks an unconfirmed user for the code instead of the password', async () => {
    const { html, jar } = await open('/login');
    const answer = await post(html, { username: 'uma', password: 'anything-at-all' }, jar);
    expect(answer.html).toContain('name="cognitoConfirmForm"');
    expect(textOf(answer.html, 'confirmErrorMessage')).toBe('User is not confirmed.');
  });

  it('refuses a form posted without its page\'s CSRF token', async () => {
    const { html } = await open('/signup');
    const stale = await post(html, { username: 'eve', password: PASSWORD }, new Jar());
    expect(stale.res.status).toBe(403);
    await expect(mock.signIn({ clientId: CLIENTS.spa.id, username: 'eve', password: PASSWORD })).rejects.toMatchObject({ code: 'sign_in_refused' });
  });
});

describe('a forgotten password through the hosted UI', () => {
  it('sends alice a reset code, refuses a mismatch and a wrong code, then lets her sign in with the new password', async () => {
    const { html, jar } = await open('/forgotPassword');
    const asked = await post(html, { username: 'alice' }, jar);
    expect(asked.html).toContain('name="cognitoConfirmForgotPasswordForm"');
    expect(asked.html).toMatch(/We have sent a password reset code to a\*\*\*@e\*\*\*/);
    const { code } = mock.latestCode(POOL, 'alice')!;

    const mismatch = await post(asked.html, { code, password: 'New-Passw0rd-1', confirmPassword: 'New-Passw0rd-2' }, jar);
    expect(textOf(mismatch.html, 'resetPasswordErrorMessage')).toBe('Passwords do not match.');
    const wrong = await post(mismatch.html, { code: code === '000000' ? '111111' : '000000', password: 'New-Passw0rd-1', confirmPassword: 'New-Passw0rd-1' }, jar);
    expect(textOf(wrong.html, 'resetPasswordErrorMessage')).toBe('Invalid verification code provided, please try again.');

    const reset = await post(wrong.html, { code, password: 'New-Passw0rd-1', confirmPassword: 'New-Passw0rd-1' }, jar);
    expect(textOf(reset.html, 'loginNoticeMessage')).toBe('Your password has been reset. Sign in with your new password.');
    const old = await post(reset.html, { username: 'alice', password: PASSWORD }, jar);
    expect(textOf(old.html, 'loginErrorMessage')).toBe('Incorrect username or password.');
    const signedIn = await post(old.html, { username: 'alice', password: 'New-Passw0rd-1' }, jar);
    expect(signedIn.res.status).toBe(302);
    expect(new URL(signedIn.res.headers.get('location')!).searchParams.has('code')).toBe(true);
  });

  it('names an unknown user as the API does for a client without PreventUserExistenceErrors', async () => {
    const { html, jar } = await open('/forgotPassword');
    const unknown = await post(html, { username: 'nobody' }, jar);
    expect(textOf(unknown.html, 'forgotPasswordErrorMessage')).toBe('Username/client id combination not found.');
  });
});

describe('the new-password page with a required attribute the user lacks', () => {
  it('asks nora for her name beside the new password, and stores it', async () => {
    const { html, jar } = await open('/login');
    const page = await post(html, { username: 'nora', password: TEMPORARY_PASSWORD }, jar);
    expect(page.html).toContain('name="cognitoNewPasswordForm"');
    expect(page.html).toContain('name="requiredAttributes[name]"');
    expect(page.html).not.toContain('name="requiredAttributes[email]"');
    const without = await post(page.html, { newPassword: 'Nora-Passw0rd-1', confirmNewPassword: 'Nora-Passw0rd-1' }, jar);
    expect(textOf(without.html, 'newPasswordErrorMessage')).toBe('Please enter Name.');
    const done = await post(without.html, { newPassword: 'Nora-Passw0rd-1', confirmNewPassword: 'Nora-Passw0rd-1', 'requiredAttributes[name]': 'Nora' }, jar);
    expect(done.res.status).toBe(302);
    const nora = await mock.signIn({ clientId: CLIENTS.spa.id, username: 'nora', password: 'Nora-Passw0rd-1' });
    expect(decodeJwt(nora.idToken)).toMatchObject({ name: 'Nora', email: 'nora@example.com' });
  });
});

describe('a pool where only administrators create users', () => {
  it('shows no sign-up link, and /signup says sign-up is not permitted', async () => {
    const adminOnly = await startCognitoMock({ fixtures: hostedFixtures({}, { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } }) });
    try {
      const login = await (await fetch(`${adminOnly.url}/login?${query()}`)).text();
      expect(login).not.toContain('/signup?');
      const signUp = await (await fetch(`${adminOnly.url}/signup?${query()}`)).text();
      expect(textOf(signUp, 'loginErrorMessage')).toBe('SignUp is not permitted for this user pool.');
    } finally {
      await adminOnly.stop();
    }
  });
});

async function exchange(code: string): Promise<Record<string, string>> {
  const res = await fetch(`${mock.url}/oauth2/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENTS.spa.id, code, redirect_uri: CALLBACK }),
  });
  expect(res.status).toBe(200);
  return await res.json() as Record<string, string>;
}
