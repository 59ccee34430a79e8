// `kith promise <person> <text>`: something I owe them (or, with --they-owe, they owe me), with a due day.
import type { Command } from 'commander';
import type { PromiseOut } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { formatDay } from '../format.js';
import { parseDay } from '../parse-options.js';
import { resolvePerson } from '../resolve-person.js';

interface PromiseOptions {
  due?: string;
  theyOwe?: boolean;
}

export function registerPromise(program: Command, ctx: CommandContext): void {
  program
    .command('promise')
    .description('record a promise you made (or, with --they-owe, one made to you)')
    .argument('<person>', 'a name to search for (quote several words) or an id')
    .argument('<text...>', 'what was promised')
    .option('--due <YYYY-MM-DD>', 'when it is due (default: in 3 days, a setting)')
    .option('--they-owe', 'they promised it to you')
    .addHelpText('after', '\nExamples:\n  kith promise jane send the white paper --due 2026-03-13\n  kith promise bob an intro to his CFO --they-owe')
    .action((who: string, words: string[], options: PromiseOptions, command: Command) => {
      const dueOn = options.due === undefined ? undefined : parseDay(options.due, '--due');
      return ctx.withApi(command, async (api, out) => {
        const person = await resolvePerson(api, who);
        const { promise } = await api.post<{ promise: PromiseOut }>(
          `/people/${person.id}/promises`,
          { text: words.join(' '), direction: options.theyOwe ? 'they_owe' : 'i_owe', ...(dueOn ? { dueOn } : {}) },
          { fields: { dueOn: '--due' } },
        );
        out.result({ promise }, () => {
          const due = formatDay(promise.effectiveDueOn);
          out.line(options.theyOwe ? `${person.fullName} promised you: ${promise.text} (by ${due}).` : `You promised ${person.fullName}: ${promise.text} (by ${due}).`);
          out.line(`When it is kept: kith done ${promise.id}`);
        });
      });
    });
}
