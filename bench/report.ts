// The run's results: one table row per target (measured, baseline, ratio, target, result), printed and written
// as JSON to bench/results/latest.json. The benchmarks report; they do not fail the run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FigureRow {
  figure: string;
  measured: string;
  baseline: string;
  /** measured ÷ baseline, when the two compare. */
  ratio: number | null;
  target: string;
  /** null when there is no target (context only). */
  met: boolean | null;
  /** Gating targets are the issue's; the others are reported for information (PostgreSQL, p99 of the list). */
  gating: boolean;
}

function resultOf(row: FigureRow): string {
  if (row.met === null) return '—';
  if (row.gating) return row.met ? 'PASS' : 'MISS';
  return row.met ? 'met (info)' : 'missed (info)';
}

export function formatTable(rows: FigureRow[]): string {
  const header = ['Figure', 'Measured', 'Baseline', 'Ratio', 'Target', 'Result'];
  const cells = rows.map((r) => [r.figure, r.measured, r.baseline, r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`, r.target, resultOf(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function missedTargets(rows: FigureRow[]): FigureRow[] {
  return rows.filter((r) => r.met === false);
}

export function writeResults(report: unknown): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}latest.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
