// `kith stage <person> <stage>` and `kith snooze <person>`: where a relationship stands, and a pause on its
// follow-up.
import type { Command } from 'commander';
import type { Person } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { usageError } from '../cli-error.js';
import { formatDay } from '../format.js';
import { parseDay, parseStage, parseWholeNumber } from '../parse-options.js';
import { resolvePerson } from '../resolve-person.js';

function nextFollowUp(person: Person): string {
  if (person.snoozedUntil) return `Follow-up snoozed until ${formatDay(person.snoozedUntil)}.`;
  return person.followUp ? `Next follow-up by ${formatDay(person.followUp.dueOn)}.` : 'No follow-up at this stage.';
}

export function registerStage(program: Command, ctx: CommandContext): void {
  program
    .command('stage')
    .description('move someone to a stage: met, talking, relationship, client or dormant (the history is kept)')
    .argument('<person>', 'a name to search for (quote several words) or an id')
    .argument('<stage>', 'met, talking, relationship, client or dormant')
    .addHelpText('after', '\nExample:\n  kith stage jane talking')
    .action((who: string, stageText: string, _options: unknown, command: Command) => {
      const stage = parseStage(stageText);
      return ctx.withApi(command, async (api, out) => {
        const before = await resolvePerson(api, who);
        const { person } = await api.post<{ person: Person }>(`/people/${before.id}/stage`, { stage });
        out.result({ person }, () => {
          out.line(before.stage === person.stage ? `${person.fullName} is at stage ${person.stage} already.` : `${person.fullName}: ${before.stage} → ${person.stage}.`);
          out.line(nextFollowUp(person));
        });
      });
    });
}

export function registerSnooze(program: Command, ctx: CommandContext): void {
  program
    .command('snooze')
    .description("hide someone's follow-up for a while")
    .argument('<person>', 'a name to search for (quote several words) or an id')
    .option('--days <n>', 'for this many days')
    .option('--until <YYYY-MM-DD>', 'until this day')
    .addHelpText('after', '\nExamples:\n  kith snooze bob --days 7\n  kith snooze jane --until 2026-04-01')
    .action((who: string, options: { days?: string; until?: string }, command: Command) => {
      if ((options.days === undefined) === (options.until === undefined)) throw usageError('say how long: --days N or --until YYYY-MM-DD (one of them)');
      const body = options.days !== undefined ? { days: parseWholeNumber(options.days, '--days', 1, 365) } : { until: parseDay(options.until!, '--until') };
      return ctx.withApi(command, async (api, out) => {
        const target = await resolvePerson(api, who);
        const { person } = await api.post<{ person: Person }>(`/people/${target.id}/snooze`, body, { fields: { until: '--until', days: '--days' } });
        out.result({ person }, () => out.line(`${person.fullName}'s follow-up is snoozed until ${formatDay(person.snoozedUntil ?? body.until ?? '')}.`));
      });
    });
}
