import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoMock, startCognitoMock } from '../../src/testing/index.js';
import { hasChromium, launchChromium, requireChromiumUnderCi } from '../support/chromium.js';
import { type SpaServer, startSpaServer } from './spa-server.js';
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

  // Cognito's discovery document and userInfo endpoint answer cross-origin reads with `Access-Control-Allow-Origin: *`
  // (cognito-reference-users §6); the mock's do not, so the browser context adds the header a real pool would send.
  async function withCognitoCors(context: BrowserContext): Promise<void> {
    await context.route((url) => url.origin === mock.url && (url.pathname.endsWith('/.well-known/openid-configuration')
      || url.pathname.toLowerCase() === '/oauth2/userinfo'), async (route) => {
      const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'authorization', 'access-control-allow-methods': 'GET' };
      if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      const response = await route.fetch();
      return route.fulfill({ response, headers: { ...response.headers(), ...cors } });
    });
  }

  async function spaContext(): Promise<BrowserContext> {
    const context = await browser.newContext();
    await withCognitoCors(context);
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
});
