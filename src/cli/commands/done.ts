// `kith done <promiseId>`: a promise kept (or, with --undo, open again).
import type { Command } from 'commander';
import type { PromiseOut } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { usageError } from '../cli-error.js';
import { formatDay } from '../format.js';
import { looksLikeId } from '../resolve-person.js';

export function registerDone(program: Command, ctx: CommandContext): void {
  program
    .command('done')
    .description('mark a promise as kept (its id is in `kith show` and `kith due`)')
    .argument('<promiseId>', 'the promise')
    .option('--undo', 'open it again')
    .action((promiseId: string, options: { undo?: boolean }, command: Command) => {
      if (!looksLikeId(promiseId)) throw usageError(`"${promiseId}" is not a promise id; \`kith show <person>\` and \`kith due\` list them`);
      return ctx.withApi(command, async (api, out) => {
        const { promise } = await api.post<{ promise: PromiseOut }>(`/promises/${promiseId}/done`, { done: !options.undo });
        out.result({ promise }, () => {
          out.line(options.undo ? `Open again: ${promise.text} (by ${formatDay(promise.effectiveDueOn)}).` : `Kept: ${promise.text}.`);
        });
      });
    });
}
