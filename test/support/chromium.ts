import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

// Debian's Chromium, driven by playwright-core: no downloaded browser build, so the tests run wherever the distribution
// package is installed (.ci/run installs it).
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Under CI a missing browser is a broken machine, not a reason to skip: call at describe time. */
export function requireChromiumUnderCi(): void {
  if (process.env.CI === 'true' && !hasChromium) throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: install Debian's chromium package`);
}

// No network beyond the test's own servers: the background services would otherwise reach out to Google at start.
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
