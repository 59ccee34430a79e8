// Debian's Chromium for the web benchmark (never a downloaded browser), started with the same flags as the browser
// tests: by chrome-launcher for Lighthouse, which needs a debugging port, and by playwright-core for the page
// timings. Each browser is tracked until closed, so that a failure or Ctrl-C does not leave one running: Chromium
// started by chrome-launcher runs in a process group of its own and would outlive this process.
import { existsSync } from 'node:fs';
import { launch as launchChrome, type LaunchedChrome } from 'chrome-launcher';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.KITH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const open = new Set<() => Promise<void>>();

function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium, or set KITH_CHROMIUM)`);
}

/** Tracks `close` until it has run once; returns the tracked closer. */
function track(close: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  const once = () => {
    open.delete(once);
    return (done ??= close());
  };
  open.add(once);
  return once;
}

export interface DebuggableChrome {
  port: number;
  close(): Promise<void>;
}

/** Chromium with a remote-debugging port, for Lighthouse. SIGINT is left to the bench run, which closes it. */
export async function launchDebuggableChrome(): Promise<DebuggableChrome> {
  requireChromium();
  const chrome: LaunchedChrome = await launchChrome({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, handleSIGINT: false, logLevel: 'silent' });
  return { port: chrome.port, close: track(async () => chrome.kill()) };
}

/** Chromium driven by playwright-core. */
export async function launchPlaywrightChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  requireChromium();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  return { browser, close: track(() => browser.close()) };
}

/** Closes every browser still open (on failure or interruption). */
export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...open].map((close) => close().catch((e: unknown) => console.error(`closing a browser: ${String(e)}`))));
}
