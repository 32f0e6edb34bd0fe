import { writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { hasChromium, launchChromium, requireChromiumUnderCi } from '../support/chromium.js';
import { type SpaServer, startSpaServer } from './spa-server.js';
import { pkce } from './support-flow.js';
import { CALLBACK, CLIENTS, PASSWORD, POOL, TEMPORARY_PASSWORD, hostedFixtures } from './support.js';

// The hosted login (cognito-reference-users §6) as an oidc-client-ts SPA meets it in a real browser.
describe.skipIf(!hasChromium)('hosted login in Chromium (needs /usr/bin/chromium)', () => {
  requireChromiumUnderCi();
  let mock: CognitoMock;
  let spa: SpaServer;
  let browser: Browser;

  beforeAll(async () => {
    [spa, browser] = await Promise.all([startSpaServer(), launchChromium()]);
    mock = await startCognitoMock({
      fixtures: hostedFixtures({ callbackUrls: [`${spa.origin}/callback`], logoutUrls: [`${spa.origin}/signed-out`] }),
      issuer: 'local',
    });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), spa?.close(), mock?.stop()]);
  });

  async function spaContext(): Promise<BrowserContext> {
    const context = await browser.newContext();
    context.setDefaultTimeout(8_000);
    return context;
  }

  const spaHome = () => `${spa.origin}/?authority=${encodeURIComponent(`${mock.url}/${POOL}`)}&client_id=${CLIENTS.spa.id}`;

  it('signinRedirect goes to the pool\'s /oauth2/authorize with a PKCE S256 challenge', async () => {
    const context = await spaContext();
    const page = await context.newPage();
    await page.goto(spaHome());
    await page.waitForSelector('#status:text("ready")');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().startsWith(`${mock.url}/oauth2/authorize?`)),
      page.click('#signIn'),
    ]);
    const query = new URL(request.url()).searchParams;
    expect(Object.fromEntries(query)).toMatchObject({
      client_id: CLIENTS.spa.id, response_type: 'code', redirect_uri: `${spa.origin}/callback`,
      scope: 'openid email profile', code_challenge_method: 'S256',
    });
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await context.close();
  });
  async function signInOnTheForm(page: Page, username: string, password: string): Promise<void> {
    await page.waitForSelector('form[name=cognitoSignInForm]');
    await page.fill('#signInFormUsername', username);
    await page.fill('#signInFormPassword', password);
    await page.click('input[name=signInSubmitButton]');
  }

  /** The SPA's "Sign in" (signinRedirect): the browser lands on the mock's /login form. */
  async function signInFromTheSpa(page: Page): Promise<void> {
    await page.goto(spaHome());
    await page.waitForSelector('#status:text("ready")');
    await page.click('#signIn');
    await page.waitForURL((url) => url.origin === mock.url && url.pathname === '/login');
  }

  it('signs alice in through the mock\'s page, shows her claims and userInfo, signs her out, and asks again', async () => {
    const context = await spaContext();
    const page = await context.newPage();
    await signInFromTheSpa(page);
    await signInOnTheForm(page, 'alice', PASSWORD);
    await page.waitForURL((url) => url.href.startsWith(`${spa.origin}/callback`));
    await page.waitForSelector('#status:text("signed in as alice@example.com")');
    expect(JSON.parse(await page.textContent('#claims') ?? '')).toMatchObject({ email: 'alice@example.com', 'cognito:username': 'alice' });
    expect(JSON.parse(await page.textContent('#userInfo') ?? '')).toMatchObject({ email: 'alice@example.com', username: 'alice' });

    await page.click('#signOut');
    await page.waitForURL(`${spa.origin}/signed-out`);
    await page.waitForSelector('#status:text("signed out")');
    // /logout cleared the session cookie: the next sign-in meets the form, not a silent redirect (§6).
    await signInFromTheSpa(page);
    expect(await page.isVisible('#signInFormUsername')).toBe(true);
    await context.close();
  });

  it('a wrong password renders the form again, 200, with the error and the username kept', async () => {
    const context = await spaContext();
    const page = await context.newPage();
    await signInFromTheSpa(page);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
      signInOnTheForm(page, 'alice', 'Wrong-Horse-9'),
    ]);
    expect(response.status()).toBe(200);
    await page.waitForSelector('#loginErrorMessage');
    expect(await page.textContent('#loginErrorMessage')).toContain('Incorrect username or password.');
    expect(await page.inputValue('#signInFormUsername')).toBe('alice');
    await context.close();
  });

  it('nora sets a new password on the new-password page; a mismatched confirmation is refused', async () => {
    const context = await spaContext();
    const page = await context.newPage();
    await signInFromTheSpa(page);
    await signInOnTheForm(page, 'nora', TEMPORARY_PASSWORD);
    await page.waitForSelector('form[name=cognitoNewPasswordForm]');
    await page.fill('#newPassword', 'Brand-New-Pass-7');
    await page.fill('#confirmNewPassword', 'Brand-New-Pass-8');
    await page.click('input[name=newPasswordSubmitButton]');
    await page.waitForSelector('#newPasswordErrorMessage');
    expect(await page.textContent('#newPasswordErrorMessage')).toMatch(/do not match/i);

    await page.fill('#newPassword', 'Brand-New-Pass-7');
    await page.fill('#confirmNewPassword', 'Brand-New-Pass-7');
    await page.click('input[name=newPasswordSubmitButton]');
    await page.waitForURL((url) => url.href.startsWith(`${spa.origin}/callback`));
    await page.waitForSelector('#status:text("signed in as nora@example.com")');
    await context.close();
  });

  it('fran resets a forgotten password from the form\'s link and signs in with the new one', async () => {
    await mock.createUser(POOL, { username: 'fran', password: PASSWORD, attributes: { email: 'fran@example.com', email_verified: 'true' } });
    const context = await spaContext();
    const page = await context.newPage();
    await signInFromTheSpa(page);
    await page.click('text=Forgot your password?');
    await page.fill('#forgotPasswordUsername', 'fran');
    await page.click('input[name=reset_my_password]');
    await page.waitForSelector('form[name=cognitoConfirmForgotPasswordForm]');
    expect(await page.textContent('main')).toContain('f***@e***');
    await page.fill('#forgotPasswordCode', mock.latestCode(POOL, 'fran')!.code);
    await page.fill('#newPassword', 'Fran-New-Pass-3');
    await page.fill('#confirmNewPassword', 'Fran-New-Pass-3');
    await page.click('input[name=change_password]');
    await page.waitForSelector('#loginNoticeMessage');
    await signInOnTheForm(page, 'fran', 'Fran-New-Pass-3');
    await page.waitForURL((url) => url.href.startsWith(`${spa.origin}/callback`));
    await page.waitForSelector('#status:text("signed in as fran@example.com")');
    await context.close();
  });

  it('the sign-in page works with JavaScript off: the form posts and the browser lands on the callback with code and state', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // The callback's app is not running: answer its URL here, so only the mock is on the network.
    const callbackOrigin = new URL(CALLBACK).origin;
    await page.route((url) => url.origin === callbackOrigin, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback' }));
    const { challenge } = pkce();
    const query = new URLSearchParams({ response_type: 'code', client_id: CLIENTS.spa.id, redirect_uri: CALLBACK, scope: 'openid',
      state: 's1', code_challenge: challenge, code_challenge_method: 'S256' });
    await page.goto(`${mock.url}/oauth2/authorize?${query}`);
    await signInOnTheForm(page, 'alice', PASSWORD);
    await page.waitForURL((url) => url.origin === callbackOrigin);
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(CALLBACK);
    expect(landed.searchParams.get('state')).toBe('s1');
    expect(landed.searchParams.get('code')).toMatch(/^\S+$/);
    await context.close();
  });

  it('the sign-in page loads nothing from outside the mock (and is the docs screenshot under UPDATE_SCREENSHOTS=1)', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 640 } });
    const page = await context.newPage();
    const origins = new Set<string>();
    page.on('request', (request) => { origins.add(new URL(request.url()).origin); });
    const query = new URLSearchParams({ response_type: 'code', client_id: CLIENTS.spa.id, redirect_uri: CALLBACK, scope: 'openid', state: 's1' });
    await page.goto(`${mock.url}/oauth2/authorize?${query}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('form[name=cognitoSignInForm]');
    expect([...origins]).toEqual([mock.url]);
    if (process.env.UPDATE_SCREENSHOTS === '1') await writeFile('docs/hosted-login.png', await page.screenshot());
    await context.close();
  });
});
