// Debian's Chromium driven by playwright-core (never a downloaded browser). Without Chromium the browser tests
// skip with a loud message, except in CI, where a missing browser fails the run.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env.KITH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const ARTIFACTS = join(process.cwd(), 'e2e', 'artifacts');

export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium is not installed at ${CHROMIUM}: the browser tests cannot run (apt-get install -y chromium).`;
  if (process.env.CI === 'true') throw new Error(`${message} In CI this is a failure.`);
  console.warn(`\n${'!'.repeat(100)}\n!! SKIPPING BROWSER TESTS: ${message}\n${'!'.repeat(100)}\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 } };

/** Collects what the page complains about: uncaught errors and Content-Security-Policy refusals. */
export function watchPage(page: Page): { errors: string[]; cspViolations: string[] } {
  const seen = { errors: [] as string[], cspViolations: [] as string[] };
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(text)) seen.cspViolations.push(text);
  });
  return seen;
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

export async function newContext(browser: Browser, options: BrowserContextOptions = PHONE): Promise<BrowserContext> {
  return browser.newContext({ ...options, serviceWorkers: 'allow' });
}
