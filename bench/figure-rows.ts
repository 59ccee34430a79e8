// Each figure's measurements turned into table rows against the issue's targets.
import type { FigureRow } from './report.js';
import type { SearchFigures } from './search.bench.js';
import type { FollowUpFigures, SuggestionFigures } from './follow-ups.bench.js';
import type { HttpFigures } from './http.bench.js';
import type { StartupFigures } from './startup.bench.js';
import type { SeededAccount } from './seed.js';
import type { BundleFigures } from './web-bundle.bench.js';
import type { LighthouseFigures } from './web-lighthouse.bench.js';
import type { FirstPageFigures } from './web-first-page.bench.js';
import { formatKb } from './web-bundle.bench.js';
import { formatMs } from './stats.js';

export const TARGETS = {
  searchP99Ms: 15,
  searchP50Ratio: 0.5,
  followUpMs: 50,
  /** Issue 5. */
  suggestionsMs: 100,
  httpThroughputRatio: 0.45,
  httpP99Ms: 25,
  startupRatio: 3,
  /** Issue 3, the web app. KB = 1,024 bytes. */
  initialJsGzipKb: 250,
  lighthouseScore: 90,
  lighthouseTbtMs: 200,
  firstPageMs: 1000,
} as const;

const label = (dialect: string) => (dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) && Number.isFinite(b) ? a / b : null);

export function seedRows(dialect: string, seeded: SeededAccount): FigureRow[] {
  const n = seeded.personIds.length;
  const share = (seeded.states.due + seeded.states.overdue) / n;
  return [
    {
      figure: `seed ${n} people (${label(dialect)})`,
      measured: `${(seeded.seedMs / 1000).toFixed(1)} s`,
      baseline: '—',
      ratio: null,
      target: `${(share * 100).toFixed(1)}% due/overdue`,
      met: null,
      gating: false,
    },
  ];
}

export function searchRows(f: SearchFigures, gating: boolean): FigureRow[] {
  const p50Ratio = ratio(f.kith.p50, f.baseline.p50);
  return [
    {
      figure: `1 search p99, ${f.prefixes} prefixes (${label(f.dialect)})`,
      measured: formatMs(f.kith.p99),
      baseline: `${formatMs(f.baseline.p99)} LIKE`,
      ratio: ratio(f.kith.p99, f.baseline.p99),
      target: `≤ ${TARGETS.searchP99Ms} ms`,
      met: f.kith.p99 <= TARGETS.searchP99Ms,
      gating,
    },
    {
      figure: `1 search: the index query alone, p50 / p99 (${label(f.dialect)})`,
      measured: `${formatMs(f.kithIdsOnly.p50)} / ${formatMs(f.kithIdsOnly.p99)}`,
      baseline: '—',
      ratio: null,
      target: 'context',
      met: null,
      gating: false,
    },
    {
      figure: `1 search p50 vs LIKE scan (${label(f.dialect)})`,
      measured: formatMs(f.kith.p50),
      baseline: `${formatMs(f.baseline.p50)} LIKE`,
      ratio: p50Ratio,
      target: `≤ ${TARGETS.searchP50Ratio}× baseline`,
      met: p50Ratio !== null && p50Ratio <= TARGETS.searchP50Ratio,
      gating,
    },
  ];
}

export function followUpRows(f: FollowUpFigures, gating: boolean): FigureRow[] {
  return [
    {
      figure: `2 follow-up list median, ${f.calls} calls (${label(f.dialect)})`,
      measured: formatMs(f.list.p50),
      baseline: `${formatMs(f.baseline.p50)} read all`,
      ratio: ratio(f.list.p50, f.baseline.p50),
      target: `≤ ${TARGETS.followUpMs} ms`,
      met: f.list.p50 <= TARGETS.followUpMs,
      gating,
    },
    {
      figure: `2 follow-up list p99 (${label(f.dialect)})`,
      measured: formatMs(f.list.p99),
      baseline: `${formatMs(f.baseline.p99)} read all`,
      ratio: ratio(f.list.p99, f.baseline.p99),
      target: `≤ ${TARGETS.followUpMs} ms`,
      met: f.list.p99 <= TARGETS.followUpMs,
      gating: false,
    },
  ];
}

export function suggestionRows(f: SuggestionFigures, gating: boolean): FigureRow[] {
  return [
    {
      figure: `5.1 today's suggestions median, ${f.calls} calls, ${f.shown} shown (${label(f.dialect)})`,
      measured: formatMs(f.today.p50),
      baseline: `${formatMs(f.baseline.p50)} read all`,
      ratio: ratio(f.today.p50, f.baseline.p50),
      target: `≤ ${TARGETS.suggestionsMs} ms`,
      met: f.today.p50 <= TARGETS.suggestionsMs,
      gating,
    },
  ];
}

export function httpRows(f: HttpFigures): FigureRow[] {
  const throughput = ratio(f.kith.reqPerSec, f.hello.reqPerSec);
  const clean = f.kith.non2xx === 0 && f.kith.errors === 0;
  return [
    {
      figure: `3 GET /people/:id req/s, ${f.connections} conns ${f.durationS} s${clean ? '' : ` (${f.kith.non2xx} non-2xx, ${f.kith.errors} errors!)`}`,
      measured: `${Math.round(f.kith.reqPerSec)} req/s`,
      baseline: `${Math.round(f.hello.reqPerSec)} req/s hello`,
      ratio: throughput,
      target: `≥ ${TARGETS.httpThroughputRatio}× baseline`,
      met: clean && throughput !== null && throughput >= TARGETS.httpThroughputRatio,
      gating: true,
    },
    {
      figure: '3 GET /people/:id latency p99',
      measured: `${f.kith.latencyP99} ms`,
      baseline: `${f.hello.latencyP99} ms hello`,
      ratio: ratio(f.kith.latencyP99, f.hello.latencyP99),
      target: `≤ ${TARGETS.httpP99Ms} ms`,
      met: clean && f.kith.latencyP99 <= TARGETS.httpP99Ms,
      gating: true,
    },
  ];
}

export function startupRows(f: StartupFigures): FigureRow[] {
  const r = ratio(f.kithMedian, f.baselineMedian);
  return [
    {
      figure: `4 start to first 200, median of ${f.runs}${f.kithCommand.startsWith('node bin/kith.js') ? '' : ' (launcher, no CLI)'}`,
      measured: formatMs(f.kithMedian),
      baseline: `${formatMs(f.baselineMedian)} fastify+sqlite`,
      ratio: r,
      target: `≤ ${TARGETS.startupRatio}× baseline`,
      met: r !== null && r <= TARGETS.startupRatio,
      gating: true,
    },
  ];
}

export function webBundleRows(f: BundleFigures): FigureRow[] {
  return [
    {
      figure: `W1 initial route JS, gzip -9 (${f.initialScripts.length} files)`,
      measured: `${formatKb(f.initialGzip)} (${formatKb(f.initialRaw)} raw)`,
      baseline: `${formatKb(f.allJsGzip)} all JS`,
      ratio: ratio(f.initialGzip, f.allJsGzip),
      target: `≤ ${TARGETS.initialJsGzipKb} KB gzip`,
      met: f.initialGzip <= TARGETS.initialJsGzipKb * 1024,
      gating: true,
    },
  ];
}

export function lighthouseRows(f: LighthouseFigures): FigureRow[] {
  const n = f.people.runs.length;
  const people = f.people.median;
  const signIn = f.signIn.median;
  return [
    {
      figure: `W2 Lighthouse performance, /people, median of ${n} (desktop)`,
      measured: `${people.score}`,
      baseline: `${signIn.score} /sign-in`,
      ratio: ratio(people.score, signIn.score),
      target: `≥ ${TARGETS.lighthouseScore}`,
      met: people.score >= TARGETS.lighthouseScore,
      gating: true,
    },
    {
      figure: `W2 total blocking time, /people, median of ${n}`,
      measured: `${Math.round(people.tbtMs)} ms`,
      baseline: `${Math.round(signIn.tbtMs)} ms /sign-in`,
      ratio: ratio(people.tbtMs, signIn.tbtMs),
      target: `≤ ${TARGETS.lighthouseTbtMs} ms`,
      met: people.tbtMs <= TARGETS.lighthouseTbtMs,
      gating: true,
    },
    {
      figure: `W2 LCP / FCP, /people, median of ${n}`,
      measured: `${formatMs(people.lcpMs)} / ${formatMs(people.fcpMs)}`,
      baseline: `${formatMs(signIn.lcpMs)} / ${formatMs(signIn.fcpMs)} /sign-in`,
      ratio: ratio(people.lcpMs, signIn.lcpMs),
      target: 'context',
      met: null,
      gating: false,
    },
  ];
}

export function firstPageRows(f: FirstPageFigures): FigureRow[] {
  const n = f.runs.length;
  return [
    {
      figure: `W3 /people first row painted, median of ${n}`,
      measured: formatMs(f.median.firstRowFrameMs),
      baseline: `${formatMs(f.apiMedianMs)} API alone`,
      ratio: ratio(f.median.firstRowFrameMs, f.apiMedianMs),
      target: `≤ ${TARGETS.firstPageMs} ms`,
      met: f.median.firstRowFrameMs <= TARGETS.firstPageMs,
      gating: true,
    },
    {
      figure: `W3 /people first row painted, max of ${n}`,
      measured: formatMs(f.maxFirstRowMs),
      baseline: `${formatMs(Math.max(...f.apiMs))} API alone`,
      ratio: ratio(f.maxFirstRowMs, Math.max(...f.apiMs)),
      target: `≤ ${TARGETS.firstPageMs} ms`,
      met: f.maxFirstRowMs <= TARGETS.firstPageMs,
      gating: false,
    },
  ];
}

/** A figure that could not be measured: its error takes the row, and the run goes on. */
export function errorRow(figure: string, error: unknown): FigureRow {
  const message = error instanceof Error ? error.message : String(error);
  return { figure, measured: `error: ${message.split('\n')[0]!.slice(0, 80)}`, baseline: '—', ratio: null, target: '—', met: false, gating: true };
}
