// The web app's figures (issue 3), on the built app (dist/web) served by the built server (dist/server.js, in a
// child process, logger off) on the seeded SQLite folder:
//   W1  initial route JavaScript ≤ 250 KB gzipped (web-bundle.bench.ts);
//   W2  Lighthouse performance ≥ 90 and total blocking time ≤ 200 ms on /people, desktop (web-lighthouse.bench.ts);
//   W3  the People screen's first page ≤ 1 s after navigation (web-first-page.bench.ts).
// The seeded account signs in over HTTP as a person would; each figure is its own row, so one failing does not
// hide the others. Ends with a table of its own rows.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChildServer, type ChildServer } from './child-server.js';
import { firstPageRows, lighthouseRows, webBundleRows } from './figure-rows.js';
import { formatTable, type FigureRow } from './report.js';
import { BENCH_EMAIL, BENCH_PASSWORD } from './seed.js';
import { bundleLines, formatKb, measureBundle, type BundleFigures } from './web-bundle.bench.js';
import { benchFirstPage, type FirstPageFigures } from './web-first-page.bench.js';
import { benchLighthouse, type LighthouseFigures } from './web-lighthouse.bench.js';
import { signInOnboarded, type BrowserSession } from './web-session.js';

export type FigureRunner = (name: string, work: () => Promise<FigureRow[]>) => Promise<void>;

export interface WebOptions {
  /** The seeded SQLite folder; the account is the one bench/seed.ts made. */
  dataDir: string;
  lighthouseRuns: number;
  pageRuns: number;
  /** Where each figure's full measurements go (the run's JSON). */
  details: Record<string, unknown>;
  log: (line: string) => void;
}

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

export async function benchWebApp(options: WebOptions, figure: FigureRunner): Promise<void> {
  const { log, details } = options;
  const webRoot = root('dist/web');
  const produced: FigureRow[] = [];
  const run: FigureRunner = (name, work) =>
    figure(name, async () => {
      const rows = await work();
      produced.push(...rows);
      return rows;
    });

  // Another `npm run build` during the run deletes dist/web and writes it again: for a while, or for good when the
  // source changed, the page the server sends names scripts that are not there. Noticed by index.html's stamp.
  const indexStamp = () => {
    const file = join(webRoot, 'index.html');
    return existsSync(file) ? `${statSync(file).mtimeMs} ${readFileSync(file, 'utf8')}` : '';
  };
  const builtIndex = indexStamp();
  const rebuilt = () => indexStamp() !== builtIndex;

  // Filled in by the figures that succeed, for the list of chunks at the end.
  const seen: { bundle?: BundleFigures; firstPage?: FirstPageFigures } = {};
  await run('W1 initial route JavaScript', async () => {
    const bundle = (seen.bundle = measureBundle(webRoot));
    details.web_bundle = bundle;
    log(`  initial route (index.html): ${bundle.initialScripts.join(', ')}`);
    for (const line of bundleLines(bundle)) log(line);
    return webBundleRows(bundle);
  });

  let server: ChildServer | null = null;
  let session: BrowserSession | null = null;
  let unavailable: unknown = null;
  try {
    log('\n  starting dist/server.js on the seeded folder and signing in…');
    if (!existsSync(root('dist/server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first (npm run bench does)');
    server = await startChildServer(root('bench/servers/kith-server.mjs'), {
      KITH_DATA_DIR: options.dataDir,
      KITH_PORT: '0',
      KITH_HOST: '127.0.0.1',
      KITH_WEB_DIR: webRoot,
      KITH_SECURE_COOKIES: 'false',
      DATABASE_URL: '',
    });
    session = await signInOnboarded(server.url, BENCH_EMAIL, BENCH_PASSWORD);
    log(`  ${server.url}, signed in as ${BENCH_EMAIL}, onboarded`);
  } catch (error) {
    unavailable = error;
  }
  const withSession = async <T>(work: (s: ChildServer, session: BrowserSession) => Promise<T>): Promise<T> => {
    if (!server || !session) throw unavailable instanceof Error ? unavailable : new Error(String(unavailable));
    try {
      return await work(server, session);
    } catch (error) {
      if (!rebuilt()) throw error;
      throw new Error(`dist/web was rebuilt during the run (npm run build elsewhere?), so the page may have named scripts that were gone: run again. ${String(error)}`);
    }
  };

  try {
    await run('W2 Lighthouse on /people (desktop)', () =>
      withSession(async (s, sess) => {
        const f: LighthouseFigures = await benchLighthouse({ baseUrl: s.url, cookie: sess.cookie, runs: options.lighthouseRuns, log });
        details.web_lighthouse = f;
        log(`  Lighthouse ${f.lighthouseVersion}; what it says costs time on /people (run nearest the median score):`);
        for (const d of f.peopleDiagnostics) {
          const savings = Object.entries(d.savings).map(([k, v]) => `${k} −${v} ms`).join(', ');
          log(`    • ${d.title}${d.displayValue ? `: ${d.displayValue}` : ''}${savings ? ` (est. savings ${savings})` : ''}`);
          for (const item of d.items) log(`        ${item}`);
        }
        for (const w of f.warnings) log(`  Lighthouse warning: ${w}`);
        log('  its requests:');
        for (const r of f.peopleRequests) log(`    ${r}`);
        return lighthouseRows(f);
      }),
    );
    await run('W3 first page of People', () =>
      withSession(async (s, sess) => {
        const f = await benchFirstPage({ baseUrl: s.url, token: sess.token, cookie: sess.cookie, runs: options.pageRuns, log });
        seen.firstPage = f;
        details.web_first_page = f;
        const m = f.median;
        log(`  medians: HTML ${m.htmlEndMs.toFixed(0)} ms, scripts done ${m.scriptsEndMs.toFixed(0)} ms, GET /api/v1/people ${m.peopleRequestStartMs.toFixed(0)}→${m.peopleRequestEndMs.toFixed(0)} ms, first row painted ${m.firstRowFrameMs.toFixed(0)} ms (wall ${m.wallMs.toFixed(0)} ms)`);
        log(`  the screen said "${f.shownTotal ?? '?'}"`);
        return firstPageRows(f);
      }),
    );
  } finally {
    await server?.stop();
  }

  if (rebuilt()) log('\n  ⚠ dist/web was rebuilt during the run (npm run build elsewhere?): these figures may mix two builds; run again.');
  const { bundle, firstPage } = seen;
  if (bundle && firstPage) {
    const loaded = new Set(firstPage.scriptsLoaded);
    log('\n  JavaScript and CSS, with what a visit to /people loaded:');
    for (const line of bundleLines(bundle, loaded)) log(line);
    const gzip = bundle.files.filter((f) => loaded.has(f.file)).reduce((sum, f) => sum + f.gzip, 0);
    log(`  /people loaded ${loaded.size} scripts, ${formatKb(gzip)} gzipped`);
  }
  if (produced.length > 0) log(`\n  Web app (issue 3)\n${formatTable(produced).replace(/^/gm, '  ')}`);
}
