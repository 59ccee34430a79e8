// `kith export --json [--output FILE]`: all of my data as JSON (no secrets), to stdout or a file.
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
    .description('export all your data (people, promises, touches, events…; no passwords or tokens)')
    .option('--output <file>', 'write it to this file (readable by you only) instead of stdout')
    .addHelpText('after', '\nExamples:\n  kith export --json > kith.json\n  kith export --json --output kith.json')
    .action((options: { output?: string }, command: Command) => {
      if (!ctx.globals(command).json) throw usageError('say the format: `kith export --json` (JSON is the export format)');
      return ctx.withApi(command, async (api, out) => {
        const data = await api.get<Exported>('/export');
        if (!options.output) return out.result(data, () => {});
        const file = path.resolve(options.output);
        try {
          writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
        } catch (error) {
          throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
        }
        out.note(`Exported ${plural(data.data?.people?.length ?? 0, 'person', 'people')} and ${plural(data.data?.events?.length ?? 0, 'event')} to ${file}.`);
      });
    });
}
