// Web figure W3: how long after navigation the People screen shows its first page of people. Each run is a first
// visit: a new browser context (empty cache, no service worker) holding the session cookie opens /people, and the
// page itself records the time: a script added before any of the app's own notes performance.now() (milliseconds
// since navigation start) when the first [data-person-row] is in the document with a non-empty box, and again at
// the next animation frame, the one that paints it. That frame time is the figure. Wall time in Node from goto to
// learning of that frame is kept as a cross-check; it also counts Playwright's round trips. The baseline, alternating with the runs on the same server, is the API call the
// screen waits for, GET /api/v1/people?limit=50 with the same cookie, timed from Node: what remains is the
// browser's share (HTML, JavaScript, the other API calls, rendering).
import { performance } from 'node:perf_hooks';
import type { BrowserContext } from 'playwright-core';
import { launchPlaywrightChromium } from './browsers.js';
import { median } from './stats.js';
import { SESSION_COOKIE } from './web-session.js';

export interface FirstPageRun {
  /** In the page: navigation start → the animation frame after the first row appeared. */
  firstRowFrameMs: number;
  /** In the page: navigation start → the first row in the document. */
  firstRowInDomMs: number;
  /** Wall time in Node from page.goto to learning of that frame. */
  wallMs: number;
  /** Navigation start → end of the HTML, of the last script, and start/end of GET /api/v1/people. */
  htmlEndMs: number;
  scriptsEndMs: number;
  peopleRequestStartMs: number;
  peopleRequestEndMs: number;
}

export interface FirstPageFigures {
  runs: FirstPageRun[];
  apiMs: number[];
  median: FirstPageRun;
  maxFirstRowMs: number;
  apiMedianMs: number;
  /** Scripts the /people navigation loaded (paths under the web root), for the bundle list. */
  scriptsLoaded: string[];
  /** How many people the screen says there are (the seeded total, when the API counted them). */
  shownTotal: string | null;
}

export interface FirstPageOptions {
  baseUrl: string;
  token: string;
  cookie: string;
  runs: number;
  log?: (line: string) => void;
}

const ROW = '[data-person-row]';

// Runs in the page before the app's scripts. Plain JavaScript: the bench is compiled without the DOM's types.
const WATCH_FIRST_ROW = `(() => {
  let painted;
  globalThis.__kithFirstRowPainted = new Promise((resolve) => { painted = resolve; });
  const seen = () => {
    const row = document.querySelector('${ROW}');
    if (!row) return false;
    const box = row.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    globalThis.__kithFirstRowInDom = performance.now();
    requestAnimationFrame(() => { globalThis.__kithFirstRowFrame = performance.now(); painted(); });
    return true;
  };
  new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); }).observe(document, { childList: true, subtree: true, attributes: true });
})();`;

const READ_TIMINGS = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource').map((e) => ({ name: e.name, type: e.initiatorType, start: e.startTime, end: e.responseEnd }));
  return { frame: globalThis.__kithFirstRowFrame, inDom: globalThis.__kithFirstRowInDom, htmlEnd: nav ? nav.responseEnd : NaN, resources };
})()`;

interface PageTimings {
  frame: number;
  inDom: number;
  htmlEnd: number;
  resources: { name: string; type: string; start: number; end: number }[];
}

async function timeApi(baseUrl: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/people?limit=50`, { headers: { cookie, accept: 'application/json' } });
  const body = (await response.json()) as { items?: unknown[] };
  const elapsed = performance.now() - started;
  if (response.status !== 200 || !body.items?.length) throw new Error(`GET /api/v1/people?limit=50 answered ${response.status} with ${body.items?.length ?? 0} people`);
  return elapsed;
}

async function visit(context: BrowserContext, baseUrl: string): Promise<{ run: FirstPageRun; scripts: string[]; shownTotal: string | null }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  const started = performance.now();
  await page.goto(`${baseUrl}/people`, { waitUntil: 'commit' });
  // The page's own promise, resolved in the frame that paints the row: Playwright's locator wait polls at up to
  // 500 ms intervals, too coarse for the wall time, and its polling by animation frame needs eval, which the
  // Content-Security-Policy refuses.
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      page.evaluate('globalThis.__kithFirstRowPainted'),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), 30_000))),
    ]);
  } catch (error) {
    throw new Error(`no person row on ${page.url()} within 30 s${errors.length ? ` (${errors.join('; ')})` : ''}: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  const wallMs = performance.now() - started;
  if (!(await page.locator(ROW).first().isVisible())) throw new Error('the first person row is in the page but Playwright does not see it as visible');
  const t = (await page.evaluate(READ_TIMINGS)) as PageTimings;
  const shownTotal = await page.locator('p[aria-live="polite"]').first().textContent({ timeout: 2000 }).catch(() => null);
  await page.close();
  const origin = new URL(baseUrl).origin;
  const scripts = t.resources.filter((r) => r.type === 'script' || r.name.endsWith('.js')).filter((r) => r.name.startsWith(origin));
  const people = t.resources.find((r) => new URL(r.name).pathname === '/api/v1/people');
  return {
    run: {
      firstRowFrameMs: t.frame,
      firstRowInDomMs: t.inDom,
      wallMs,
      htmlEndMs: t.htmlEnd,
      scriptsEndMs: Math.max(...scripts.map((s) => s.end)),
      peopleRequestStartMs: people?.start ?? Number.NaN,
      peopleRequestEndMs: people?.end ?? Number.NaN,
    },
    scripts: scripts.map((s) => new URL(s.name).pathname.replace(/^\//, '')),
    shownTotal: shownTotal?.trim() ?? null,
  };
}

async function freshContextVisit(newContext: () => Promise<BrowserContext>, baseUrl: string) {
  const context = await newContext();
  try {
    return await visit(context, baseUrl);
  } finally {
    await context.close();
  }
}

export async function benchFirstPage(options: FirstPageOptions): Promise<FirstPageFigures> {
  const log = options.log ?? (() => {});
  const { browser, close } = await launchPlaywrightChromium();
  try {
    const newContext = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      await context.addCookies([{ name: SESSION_COOKIE, value: options.token, url: options.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
      await context.addInitScript(WATCH_FIRST_ROW);
      return context;
    };
    // One unmeasured visit and API call: the server's code paths and the file cache are then warm for both sides.
    const warm = await freshContextVisit(newContext, options.baseUrl);
    await timeApi(options.baseUrl, options.cookie);
    const runs: FirstPageRun[] = [];
    const apiMs: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const apiFirst = i % 2 === 1;
      if (apiFirst) apiMs.push(await timeApi(options.baseUrl, options.cookie));
      const { run } = await freshContextVisit(newContext, options.baseUrl);
      if (!apiFirst) apiMs.push(await timeApi(options.baseUrl, options.cookie));
      runs.push(run);
      log(
        `  run ${i + 1}: first row painted ${run.firstRowFrameMs.toFixed(0)} ms (in DOM ${run.firstRowInDomMs.toFixed(0)}, wall ${run.wallMs.toFixed(0)}); ` +
          `HTML ${run.htmlEndMs.toFixed(0)}, scripts done ${run.scriptsEndMs.toFixed(0)}, GET /people ${run.peopleRequestStartMs.toFixed(0)}→${run.peopleRequestEndMs.toFixed(0)} ms; ` +
          `API alone ${apiMs[apiMs.length - 1]!.toFixed(0)} ms`,
      );
    }
    const m = (key: keyof FirstPageRun) => median(runs.map((r) => r[key]));
    return {
      runs,
      apiMs,
      median: {
        firstRowFrameMs: m('firstRowFrameMs'),
        firstRowInDomMs: m('firstRowInDomMs'),
        wallMs: m('wallMs'),
        htmlEndMs: m('htmlEndMs'),
        scriptsEndMs: m('scriptsEndMs'),
        peopleRequestStartMs: m('peopleRequestStartMs'),
        peopleRequestEndMs: m('peopleRequestEndMs'),
      },
      maxFirstRowMs: Math.max(...runs.map((r) => r.firstRowFrameMs)),
      apiMedianMs: median(apiMs),
      scriptsLoaded: warm.scripts,
      shownTotal: warm.shownTotal,
    };
  } finally {
    await close();
  }
}
