// Web figure W2: Lighthouse 12's performance category, desktop preset (simulated throttling: 40 ms RTT,
// 10 Mbit/s, no CPU slowdown), on the People screen of the seeded account: the session cookie goes on every
// request as an extra header. The baseline is the same audit of the sign-in screen (no cookie, no data) on the
// same server and browser, runs alternating, so the ratio shows what the People screen adds to the app shell.
// One unmeasured run first, so the server and the file cache are warm.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import type { Result } from 'lighthouse';
import { launchDebuggableChrome } from './browsers.js';
import { median } from './stats.js';

export interface LighthouseRun {
  /** 0–100. */
  score: number;
  tbtMs: number;
  lcpMs: number;
  fcpMs: number;
  cls: number;
  speedIndexMs: number;
  finalUrl: string;
}

export interface LighthouseSummary {
  runs: LighthouseRun[];
  median: Omit<LighthouseRun, 'finalUrl'>;
}

export interface Diagnostic {
  id: string;
  title: string;
  displayValue: string | null;
  /** Estimated savings (ms) on LCP, FCP and TBT, as Lighthouse estimates them. */
  savings: Record<string, number>;
  /** The audit's biggest items (scripts, tasks, requests), one line each. */
  items: string[];
}

export interface LighthouseFigures {
  preset: 'desktop';
  lighthouseVersion: string;
  people: LighthouseSummary;
  signIn: LighthouseSummary;
  /** From the People run closest to the median score: what Lighthouse says costs time. */
  peopleDiagnostics: Diagnostic[];
  /** Requests of that run: URL path, status, transfer size, start and end (ms from navigation). */
  peopleRequests: string[];
  /** Lighthouse's run warnings and the audits it could not compute on this Chromium, from that run. */
  warnings: string[];
}

export interface LighthouseOptions {
  baseUrl: string;
  cookie: string;
  runs: number;
  log?: (line: string) => void;
}

async function audit(port: number, url: string, extraHeaders: Record<string, string> | undefined): Promise<Result> {
  const result = await lighthouse(url, { port, logLevel: 'error', output: 'json', onlyCategories: ['performance'], extraHeaders }, desktopConfig);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return lhr;
}

const numeric = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

function runOf(lhr: Result): LighthouseRun {
  return {
    score: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    speedIndexMs: numeric(lhr, 'speed-index'),
    finalUrl: lhr.finalDisplayedUrl,
  };
}

function summarize(runs: LighthouseRun[]): LighthouseSummary {
  const m = (key: keyof Omit<LighthouseRun, 'finalUrl'>) => median(runs.map((r) => r[key]));
  return { runs, median: { score: m('score'), tbtMs: m('tbtMs'), lcpMs: m('lcpMs'), fcpMs: m('fcpMs'), cls: m('cls'), speedIndexMs: m('speedIndexMs') } };
}

type Item = Record<string, unknown>;
const itemsOf = (lhr: Result, id: string): Item[] => {
  const details = lhr.audits[id]?.details as { items?: Item[] } | undefined;
  return details?.items ?? [];
};
const pathOf = (url: unknown) => {
  try {
    const u = new URL(String(url));
    return u.pathname + u.search;
  } catch {
    return String(url);
  }
};
const ms = (value: unknown) => (typeof value === 'number' ? `${Math.round(value)} ms` : '');

const kb = (value: unknown) => (typeof value === 'number' ? `${(value / 1024).toFixed(1)} KB` : '');

/** One readable line per item of an audit: the scripts' CPU time, main-thread work by kind, requests and savings. */
function itemLines(lhr: Result, id: string): string[] {
  const items = itemsOf(lhr, id).slice(0, 5);
  switch (id) {
    case 'bootup-time':
      return items.map((i) => `${pathOf(i.url)}: ${ms(i.total)} CPU (${ms(i.scripting)} script, ${ms(i.scriptParseCompile)} parse/compile)`);
    case 'mainthread-work-breakdown':
      return items.map((i) => `${String(i.groupLabel ?? i.group)}: ${ms(i.duration)}`);
    case 'long-tasks':
      return items.map((i) => `${pathOf(i.url)}: ${ms(i.duration)} at ${ms(i.startTime)}`);
    default:
      return items
        .filter((i) => typeof i.url === 'string')
        .map((i) => {
          const parts = [
            typeof i.totalBytes === 'number' ? `${kb(i.totalBytes)} sent` : '',
            typeof i.wastedBytes === 'number' ? `${kb(i.wastedBytes)} to save` : '',
            typeof i.wastedMs === 'number' ? `${ms(i.wastedMs)} to save` : '',
          ].filter(Boolean);
          return `${pathOf(i.url)}${parts.length ? `: ${parts.join(', ')}` : ''}`;
        });
  }
}

/** The diagnostics that fail (score < 0.9) or say where the time goes, biggest estimated savings first. */
function diagnosticsOf(lhr: Result): Diagnostic[] {
  const always = new Set(['mainthread-work-breakdown', 'bootup-time', 'long-tasks']);
  const refs = lhr.categories.performance?.auditRefs ?? [];
  const picked = refs
    .filter((ref) => ref.group === 'diagnostics')
    .map((ref) => lhr.audits[ref.id]!)
    .filter((a) => a && a.scoreDisplayMode !== 'error' && (always.has(a.id) || (a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'notApplicable')))
    .map((a) => {
      const savings: Record<string, number> = {};
      for (const [metric, value] of Object.entries(a.metricSavings ?? {})) if (typeof value === 'number' && value > 0) savings[metric] = Math.round(value);
      const overall = (a.details as { overallSavingsMs?: number } | undefined)?.overallSavingsMs;
      if (typeof overall === 'number' && overall > 0) savings.overall = Math.round(overall);
      return { id: a.id, title: a.title, displayValue: a.displayValue ?? null, savings, items: itemLines(lhr, a.id) };
    });
  const weight = (d: Diagnostic) => Math.max(0, ...Object.values(d.savings));
  return picked.sort((a, b) => weight(b) - weight(a));
}

function requestLines(lhr: Result): string[] {
  return itemsOf(lhr, 'network-requests').map(
    (r) => `${pathOf(r.url)} ${String(r.statusCode)} ${((Number(r.transferSize) || 0) / 1024).toFixed(1)} KB ${ms(r.networkRequestTime)}→${ms(r.networkEndTime)}`,
  );
}

export async function benchLighthouse(options: LighthouseOptions): Promise<LighthouseFigures> {
  const log = options.log ?? (() => {});
  const chrome = await launchDebuggableChrome();
  try {
    const people = `${options.baseUrl}/people`;
    const signIn = `${options.baseUrl}/sign-in`;
    const cookie = { Cookie: options.cookie };
    log('  one unmeasured Lighthouse run of /people…');
    const first = await audit(chrome.port, people, cookie);
    const peopleRuns: { run: LighthouseRun; lhr: Result }[] = [];
    const signInRuns: LighthouseRun[] = [];
    for (let i = 0; i < options.runs; i++) {
      // Alternate which goes first, so a noisy moment does not land on one side only.
      const order = i % 2 === 0 ? (['people', 'sign-in'] as const) : (['sign-in', 'people'] as const);
      for (const which of order) {
        if (which === 'people') {
          const lhr = await audit(chrome.port, people, cookie);
          const run = runOf(lhr);
          if (!new URL(run.finalUrl).pathname.startsWith('/people')) throw new Error(`Lighthouse on /people ended on ${run.finalUrl}: the session or onboarding did not hold`);
          peopleRuns.push({ run, lhr });
          log(`  /people  run ${i + 1}: score ${run.score}, TBT ${run.tbtMs.toFixed(0)} ms, LCP ${run.lcpMs.toFixed(0)} ms, FCP ${run.fcpMs.toFixed(0)} ms, CLS ${run.cls.toFixed(3)}`);
        } else {
          const run = runOf(await audit(chrome.port, signIn, undefined));
          signInRuns.push(run);
          log(`  /sign-in run ${i + 1}: score ${run.score}, TBT ${run.tbtMs.toFixed(0)} ms, LCP ${run.lcpMs.toFixed(0)} ms, FCP ${run.fcpMs.toFixed(0)} ms, CLS ${run.cls.toFixed(3)}`);
        }
      }
    }
    const peopleSummary = summarize(peopleRuns.map((r) => r.run));
    const typical = [...peopleRuns].sort((a, b) => Math.abs(a.run.score - peopleSummary.median.score) - Math.abs(b.run.score - peopleSummary.median.score))[0]!.lhr;
    const requests = requestLines(typical);
    if (!requests.some((line) => /^\/api\/v1\/people\?\S* 200 /.test(line))) {
      throw new Error(`Lighthouse's /people run made no successful GET /api/v1/people: ${requests.join('; ')}`);
    }
    return {
      preset: 'desktop',
      lighthouseVersion: first.lighthouseVersion,
      people: peopleSummary,
      signIn: summarize(signInRuns),
      peopleDiagnostics: diagnosticsOf(typical),
      peopleRequests: requests,
      warnings: [
        ...typical.runWarnings.map(String),
        ...Object.values(typical.audits)
          .filter((a) => a.scoreDisplayMode === 'error')
          .map((a) => `audit ${a.id} failed: ${(a.errorMessage ?? '').slice(0, 160)}`),
      ],
    };
  } finally {
    await chrome.close();
  }
}
