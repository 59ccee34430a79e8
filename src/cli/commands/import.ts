// `kith import FILE [--mapping JSON|@file.json] [--dry-run]`: imports a vCard or CSV file (the format is found from
// its content), with a progress bar on stderr while it runs (at a terminal, without --json), then the report.
import { randomUUID } from 'node:crypto';
import { openAsBlob, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { CommandContext } from '../command-context.js';
import type { ApiClient } from '../api-client.js';
import { usageError } from '../cli-error.js';
import { plural } from '../format.js';
import type { ImportReport } from '../api-types.js';

interface ImportStatus {
  state: 'running' | 'done';
  total: number;
  bytesRead: number | null;
}

function readMapping(value: string | undefined): string | null {
  if (value === undefined) return null;
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch (error) {
      throw usageError(`--mapping: cannot read ${value.slice(1)}: ${(error as Error).message}`);
    }
  }
  try {
    JSON.parse(text);
  } catch {
    throw usageError('--mapping must be a JSON object of column → field, e.g. \'{"Mail":"email","Who":"fullName"}\', or @file.json');
  }
  return text;
}

/** Follows the import on the server while the upload runs; the bar moves with the bytes the server has read. */
async function withProgress<T>(api: ApiClient, importId: string, size: number, stderr: NodeJS.WritableStream, work: Promise<T>): Promise<T> {
  const bar = new cliProgress.SingleBar({ stream: stderr, format: 'importing [{bar}] {percentage}% | {records} records', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  bar.start(size, 0, { records: 0 });
  let done = false;
  const poll = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (done) break;
      try {
        const status = await api.get<ImportStatus>(`/imports/${importId}?limit=1`);
        if (status.state === 'running') bar.update(Math.min(size, status.bytesRead ?? 0), { records: status.total });
      } catch {
        // Not started yet (404) or finished: the next poll or the answer tells.
      }
    }
  })();
  try {
    return await work;
  } finally {
    done = true;
    await poll;
    bar.stop();
  }
}

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description('import contacts from a vCard (.vcf) or CSV file: phone, Google, Outlook, LinkedIn exports')
    .argument('<file>', 'the file to import')
    .option('--mapping <json>', 'for a CSV Kith does not recognise: JSON of column → field, or @file.json (see --dry-run)')
    .option('--dry-run', 'read the file and print the report without keeping anything')
    .addHelpText(
      'after',
      '\nExamples:\n  kith import contacts.vcf\n  kith import Connections.csv --dry-run\n  kith import people.csv --mapping \'{"Who":"fullName","Mail":"email"}\'\n  kith import contacts.vcf --json > report.json\n\nSee docs/import-export.md for the formats and the mapping fields.',
    )
    .action((file: string, options: { mapping?: string; dryRun?: boolean }, command: Command) => {
      let size: number;
      try {
        size = statSync(file).size;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw usageError(`cannot read ${file}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
      }
      const mapping = readMapping(options.mapping);
      return ctx.withApi(command, async (api, out) => {
        const importId = randomUUID();
        const query = new URLSearchParams({ importId, fileName: basename(file) });
        if (options.dryRun) query.set('dryRun', 'true');
        if (mapping) query.set('mapping', mapping);
        const form = new FormData();
        form.append('file', await openAsBlob(file), basename(file));
        const upload = api.upload<ImportReport>(`/imports?${query}`, form);
        const showBar = !out.json && ctx.io.isTTY && 'write' in ctx.io.stderr && size > 0;
        const report = showBar ? await withProgress(api, importId, size, ctx.io.stderr as NodeJS.WritableStream, upload) : await upload;
        out.result(report, () => {
          if (report.needsMapping) {
            out.line(`Kith does not recognise this CSV's columns: ${report.csv!.columns.join(', ')}.`);
            out.line('Confirm a mapping and run again with --mapping, e.g.:');
            out.line(`  --mapping '${JSON.stringify(report.csv!.proposedMapping)}'`);
            return;
          }
          const verb = report.dryRun ? 'Would import' : 'Imported';
          out.line(`${verb} ${plural(report.imported, 'new person', 'new people')}, merged ${report.merged} into people you had, skipped ${report.skipped} (of ${plural(report.total, 'record')}).`);
          for (const r of report.records) {
            if (r.outcome === 'skipped') out.line(`  line ${r.line}: skipped: ${r.reason}`);
            else if (r.outcome === 'merged') out.line(`  line ${r.line}: ${r.name} merged (same ${r.matchedBy})${r.reason ? `; ${r.reason}` : ''}`);
            else if (r.reason) out.line(`  line ${r.line}: ${r.name}: ${r.reason}`);
          }
          if (!report.complete && report.id) out.note(`The full report: kith --json … or GET /api/v1/imports/${report.id}`);
        });
      });
    });
}
