// `kith due`: who to contact and why: overdue, due today, soon; promises among them, each with a reason and the
// commonality to mention.
import type { Command } from 'commander';
import type { FollowUpItem, FollowUpList } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { formatDay } from '../format.js';
import { parseWholeNumber } from '../parse-options.js';

const GROUPS: { state: FollowUpItem['state']; title: string }[] = [
  { state: 'overdue', title: 'Overdue' },
  { state: 'due', title: 'Due today' },
  { state: 'soon', title: 'Soon' },
];

function itemLines(item: FollowUpItem, today: string): string[] {
  const who = item.company ? `${item.fullName} (${item.company})` : item.fullName;
  const lines = [`  ${who}, due ${formatDay(item.dueOn, today)}`, `    ${item.reasonText}`];
  if (item.commonality) lines.push(`    Mention: ${item.commonality.text} (${item.commonality.kind})`);
  lines.push(item.promiseId ? `    When kept: kith done ${item.promiseId}` : `    When done: kith log ${item.personId} email (or call, meeting…)`);
  return lines;
}

function renderDue(list: FollowUpList): string[] {
  if (list.items.length === 0) return ['Nothing due. Enjoy your day.'];
  const lines: string[] = [];
  for (const group of GROUPS) {
    const items = list.items.filter((i) => i.state === group.state);
    if (items.length === 0) continue;
    if (lines.length) lines.push('');
    lines.push(`${group.title} (${items.length})`);
    for (const item of items) lines.push(...itemLines(item, list.today));
  }
  return lines;
}

export function registerDue(program: Command, ctx: CommandContext): void {
  program
    .command('due')
    .description('who to contact and why: overdue first, then due today, then soon')
    .option('--limit <n>', 'show at most this many', '50')
    .addHelpText('after', '\nExamples:\n  kith due\n  kith due --json --limit 10')
    .action((options: { limit: string }, command: Command) => {
      const limit = parseWholeNumber(options.limit, '--limit', 1, 200);
      return ctx.withApi(command, async (api, out) => {
        const list = await api.get<FollowUpList>(`/follow-ups?limit=${limit}`);
        out.result(list, () => out.lines(renderDue(list)));
      });
    });
}
