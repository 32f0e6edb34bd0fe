import { writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { hasChromium, launchChromium, requireChromiumUnderCi } from '../support/chromium.js';
import { CLIENTS, HOSTILE_NAME, HOSTILE_USERNAME, OTHER_POOL, PASSWORD, POOL, addHostileClient, consoleFixtures } from './support.js';

// The console (README "Console") as a developer's browser meets it: each view with the fixture
// data, the requests view live without a reload, the decoder's verdicts, the mint forms, markup
// in names shown as text, nothing loaded from elsewhere, and the pages without JavaScript.
describe.skipIf(!hasChromium)('the console in Chromium (needs /usr/bin/chromium)', () => {
  requireChromiumUnderCi();
  let mock: CognitoMock;
  let browser: Browser;

  beforeAll(async () => {
    [mock, browser] = await Promise.all([startCognitoMock({ fixtures: consoleFixtures() }), launchChromium()]);
    await addHostileClient(mock);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), mock?.stop()]);
  });

  /** A page that records every origin it loads from, every dialog, and every CSP complaint. */
  interface Watched { page: Page; context: BrowserContext; origins: Set<string>; dialogs: string[]; problems: string[] }
  async function watchedPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    const watched: Watched = { page, context, origins: new Set(), dialogs: [], problems: [] };
    page.on('request', (request) => { watched.origins.add(new URL(request.url()).origin); });
    page.on('dialog', (dialog) => { watched.dialogs.push(dialog.message()); void dialog.dismiss(); });
    page.on('console', (message) => { if (message.type() === 'error') watched.problems.push(message.text()); });
    page.on('pageerror', (error) => { watched.problems.push(error.message); });
    return watched;
  }
  const screenshot = async (page: Page, file: string) => {
    if (process.env.UPDATE_SCREENSHOTS === '1') await writeFile(file, await page.screenshot({ fullPage: true }));
  };
  const wrongSecret = () => fetch(mock.tokenEndpoint, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${CLIENTS.service.id}&client_secret=not-the-secret`,
  });

  it('the overview shows every pool, client, user and group; secrets stay hidden until revealed', async () => {
    const { page, context, origins, dialogs, problems } = await watchedPage();
    await page.goto(`${mock.url}/_mock/console`, { waitUntil: 'networkidle' });
    const pool = page.locator(`#pool-${POOL}`);
    await expect(pool.locator('h2').textContent()).resolves.toContain('console-pool');
    await expect(page.locator(`#pool-${OTHER_POOL} .client-name`).allTextContents()).resolves.toEqual(['other-service']);
    await expect(pool.locator('.client-name').allTextContents()).resolves.toEqual([HOSTILE_NAME, 'billing-service', 'web-app']);
    await expect(pool.locator('.username').allTextContents()).resolves.toEqual([HOSTILE_USERNAME, 'alice', 'dora']);
    await expect(pool.locator('.group-name').allTextContents()).resolves.toEqual(['readers']);
    await expect(pool.locator('.issuer').textContent()).resolves.toBe(mock.issuer(POOL));
    await expect(pool.locator('tr.authorize a').getAttribute('href')).resolves.toContain(`/oauth2/authorize?client_id=${CLIENTS.web.id}`);
    const secret = pool.getByText(CLIENTS.service.secret);
    expect(await secret.isVisible()).toBe(false);
    await pool.locator('tr.client', { hasText: 'billing-service' }).locator('summary').click();
    expect(await secret.isVisible()).toBe(true);
    // The markup in names is text: no element was made of it, no dialog opened.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect([...origins]).toEqual([mock.url]);
    await pool.locator('tr.client', { hasText: 'billing-service' }).locator('summary').click();
    await screenshot(page, 'docs/console-overview.png');
    await context.close();
  });

  it('the requests view shows a refused token request with its reason, live, without a reload', async () => {
    const { page, context, origins, problems } = await watchedPage();
    await page.goto(`${mock.url}/_mock/console/requests`);
    await page.waitForSelector('#live-status.live');
    let loads = 0;
    page.on('load', () => { loads += 1; });
    await wrongSecret();
    const row = page.locator('#requests tbody tr.refused', { hasText: 'the secret does not match client console0service0client0001' });
    await row.first().waitFor();
    await expect(row.first().locator('td.error').textContent()).resolves.toBe('invalid_client');
    await expect(row.first().locator('td.pool').textContent()).resolves.toBe(POOL);
    await expect(row.first().locator('td.status').textContent()).resolves.toBe('400');
    expect(loads).toBe(0);
    // The table keeps the log's user input as text too: a path with markup.
    await fetch(`${mock.url}/%3Cimg%20src=x%20onerror=alert(4)%3E`);
    await page.locator('#requests td.path', { hasText: '/%3Cimg' }).first().waitFor();
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
    expect([...origins]).toEqual([mock.url]);
    // A few everyday requests around the refusal, for the screenshot.
    await fetch(mock.jwksUri(POOL));
    await fetch(mock.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${CLIENTS.service.id}&client_secret=${CLIENTS.service.secret}&scope=orders/read` });
    await page.locator('#requests td.path', { hasText: '.well-known/jwks.json' }).first().waitFor();
    await page.locator('#requests tr.request:not(.refused) td.operation', { hasText: 'client_credentials' }).first().waitFor();
    await screenshot(page, 'docs/console-requests.png');
    await context.close();
  });

  it('the decoder flags a pasted expired token, explains its claims and shows its times', async () => {
    const { page, context, origins, problems } = await watchedPage();
    await page.goto(`${mock.url}/_mock/console/decoder`);
    await page.fill('#token', mock.mintAccessToken({ clientId: CLIENTS.service.id, expired: true }));
    await page.click('#decode');
    await page.waitForSelector('#verdict');
    await expect(page.locator('#verdict').textContent()).resolves.toContain('A verifier would reject it: token_expired');
    await expect(page.locator('#checks tr', { hasText: 'exp' }).first().textContent()).resolves.toMatch(/token_expired.*expired .* ago/s);
    await expect(page.locator('#claims tr[data-claim=client_id]').textContent()).resolves.toContain(CLIENTS.service.id);
    await expect(page.locator('#claims tr[data-claim=scope]').textContent()).resolves.toContain('the granted scopes');
    // console.js shows times in the browser's zone, the ISO UTC time kept in `datetime` and the title.
    const exp = page.locator('#claims tr[data-claim=exp] time');
    const iso = await exp.getAttribute('datetime');
    expect(iso).toMatch(/Z$/);
    await expect(exp.getAttribute('title')).resolves.toBe(iso);
    expect(problems).toEqual([]);
    expect([...origins]).toEqual([mock.url]);
    await screenshot(page, 'docs/console-decoder.png');
    await context.close();
  });

  it('the mint forms give a client-credentials token with the ticked scope, and a user\'s tokens', async () => {
    const { page, context, problems } = await watchedPage();
    await page.goto(`${mock.url}/_mock/console/mint`);
    const form = page.locator('form.client-credentials', { hasText: 'billing-service' });
    await form.getByLabel('orders/read').check();
    await form.locator('button').click();
    await page.waitForSelector('#minted');
    const token = await page.locator('textarea[data-token="access token"]').inputValue();
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({ client_id: CLIENTS.service.id, scope: 'orders/read' });
    await page.locator('#minted form button').first().click();
    await page.waitForSelector('#verdict');
    await expect(page.locator('#verdict').textContent()).resolves.toContain('A verifier of this pool would accept it.');

    await page.goto(`${mock.url}/_mock/console/mint`);
    await page.selectOption('#sign-in-client', CLIENTS.web.id);
    await page.fill('#sign-in-username', 'alice');
    await page.fill('#sign-in-password', PASSWORD);
    await page.click('#sign-in button');
    await page.waitForSelector('#minted');
    const idToken = await page.locator('textarea[data-token="ID token"]').inputValue();
    expect(JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString())).toMatchObject({ 'cognito:username': 'alice', aud: CLIENTS.web.id });
    expect(await page.locator('textarea[data-token="refresh token"]').count()).toBe(1);

    await page.fill('#sign-in-username', 'alice');
    await page.fill('#sign-in-password', 'wrong-password');
    await page.click('#sign-in button');
    await expect(page.locator('#mint-error').textContent()).resolves.toContain('incorrect credentials');
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
    await context.close();
  });

  it('reads whole with JavaScript off: the overview and the requests with their reasons', async () => {
    await wrongSecret();
    const { page, context } = await watchedPage({ javaScriptEnabled: false });
    await page.goto(`${mock.url}/_mock/console/requests`);
    await expect(page.locator('#requests tr.refused td.reason').first().textContent()).resolves.toContain('the secret does not match');
    await expect(page.locator('#live-status').textContent()).resolves.toContain('Reload for new ones');
    await page.goto(`${mock.url}/_mock/console`);
    await page.locator('tr.client', { hasText: 'billing-service' }).locator('summary').click();
    expect(await page.getByText(CLIENTS.service.secret).isVisible()).toBe(true);
    await context.close();
  });

  it('answers 404 with the console off', async () => {
    const off = await startCognitoMock({ fixtures: consoleFixtures(), console: false });
    const { page, context } = await watchedPage();
    try {
      const response = await page.goto(`${off.url}/_mock/console`);
      expect(response?.status()).toBe(404);
    } finally {
      await Promise.all([context.close(), off.stop()]);
    }
  });
});
