// Headless Chromium for tests that look at a rendered page. Debian's `chromium` package, driven by
// playwright-core (no bundled browser download). Tests skip, saying why, when it is not installed.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

export function skipNoteWithoutChromium(what: string): void {
  if (!HAS_CHROMIUM) {
    console.warn(`[skipped] ${what}: no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens `html` in a fresh page with every network request aborted and recorded, along with any
 * request the page's Content-Security-Policy refused (those never reach the router).
 */
export async function openOffline(browser: Browser, html: string, viewport: { width: number; height: number }): Promise<{ page: Page; attempted: string[] }> {
  const context = await browser.newContext({ viewport, offline: true });
  const page = await context.newPage();
  const attempted: string[] = [];
  await page.route('**/*', (route) => {
    attempted.push(route.request().url());
    return route.abort();
  });
  page.on('console', (message) => {
    if (/Refused to (load|connect|execute)/.test(message.text())) attempted.push(message.text());
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, attempted };
}
