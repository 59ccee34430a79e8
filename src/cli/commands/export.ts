// `kith export --json [--output FILE]`: all of my data as JSON (no secrets), to stdout or a file;
// `kith export --format vcard|csv [--vcard-version 4.0]`: the contacts in those formats.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, usageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { plural } from '../format.js';

interface Exported {
  data?: { people?: unknown[]; events?: unknown[] };
}

export function registerExport(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('export all your data as JSON (no passwords or tokens), or your contacts as vCard or CSV')
    .option('--format <format>', 'json (everything), vcard or csv (contacts, Google Contacts columns)')
    .option('--vcard-version <version>', 'with --format vcard: 3.0 (the default) or 4.0')
    .option('--output <file>', 'write it to this file (readable by you only) instead of stdout')
    .addHelpText('after', '\nExamples:\n  kith export --json > kith.json\n  kith export --json --output kith.json\n  kith export --format vcard --output contacts.vcf\n  kith export --format vcard --vcard-version 4.0 > contacts.vcf\n  kith export --format csv --output contacts.csv')
    .action((options: { output?: string; format?: string; vcardVersion?: string }, command: Command) => {
      const format = options.format ?? (ctx.globals(command).json ? 'json' : undefined);
      if (!format) throw usageError('say the format: `kith export --json` (everything), or `--format vcard` or `--format csv` (contacts)');
      if (!['json', 'vcard', 'csv'].includes(format)) throw usageError(`--format: "${format}" is not json, vcard or csv`);
      if (options.vcardVersion !== undefined && (format !== 'vcard' || !['3.0', '4.0'].includes(options.vcardVersion))) {
        throw usageError('--vcard-version goes with --format vcard and is 3.0 or 4.0');
      }
      const write = (file: string, text: string) => {
        try {
          writeFileSync(file, text, { mode: 0o600 });
        } catch (error) {
          throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
        }
      };
      return ctx.withApi(command, async (api, out) => {
        if (format !== 'json') {
          const text = await api.getText(`/export?format=${format}${format === 'vcard' ? `&version=${options.vcardVersion ?? '3.0'}` : ''}`);
          const count = format === 'vcard' ? (text.match(/^BEGIN:VCARD\r?$/gm) ?? []).length : Math.max(0, text.split('\r\n').filter((l) => l !== '').length - 1);
          if (!options.output) {
            ctx.io.stdout.write(text);
            return;
          }
          const file = path.resolve(options.output);
          write(file, text);
          out.note(`Exported ${plural(count, 'person', 'people')} to ${file}.`);
          return;
        }
        const data = await api.get<Exported>('/export');
        if (!options.output) return out.result(data, () => {});
        const file = path.resolve(options.output);
        write(file, `${JSON.stringify(data, null, 2)}\n`);
        out.note(`Exported ${plural(data.data?.people?.length ?? 0, 'person', 'people')} and ${plural(data.data?.events?.length ?? 0, 'event')} to ${file}.`);
      });
    });
}
