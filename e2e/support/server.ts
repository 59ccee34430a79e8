// A real Kith server for the browser tests: the built web app and the API on a free port, on a fresh SQLite
// database in a temporary folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer } from '../../src/server.js';
import { launchChromium } from './browser.js';
import { defaultWebRoot } from '../../src/http/web-app.js';

export interface TestServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(options: { warmCardReader?: boolean } = {}): Promise<TestServer> {
  const webRoot = defaultWebRoot();
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error(`the web app is not built at ${webRoot}: run npm run build (npm ci does it)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'kith-e2e-'));
  const { app, runtime, url } = await startServer({ dataDir, databaseUrl: undefined, port: 0, host: '127.0.0.1', secureCookies: false, webRoot }, { logger: false, warmCardReader: options.warmCardReader ?? false });
  return {
    url,
    dataDir,
    async close() {
      await app.close();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A test file's server and browser: started before its tests, closed after them. Read them as `suite.server` and
 * `suite.browser` inside tests (they exist once beforeAll has run).
 */
export function useServerAndBrowser(options: { warmCardReader?: boolean } = {}): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(options), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the test server is not started yet: read suite.server inside a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet: read suite.browser inside a test');
      return browser;
    },
  };
}
