// `kith due`: today's suggestions (the same short list as the web app's Today and the e-mail digest), each with its
// reason, what to mention and the drafted message; `--all` lists every follow-up due or coming up instead.
import type { Command } from 'commander';
import type { FollowUpItem, FollowUpList, Suggestion, SuggestionList } from '../api-types.js';
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

function renderAll(list: FollowUpList): string[] {
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

function suggestionLines(item: Suggestion, n: number): string[] {
  const who = item.company ? `${item.fullName} (${item.company})` : item.fullName;
  const lines = [`${n}. ${who}`, `   ${item.reasonText}`];
  if (item.share) lines.push(`   Share: ${item.share.title}${item.share.link ? ` ${item.share.link}` : ''}`);
  if (item.commonality) lines.push(`   Mention: ${item.commonality.text} (${item.commonality.kind})`);
  lines.push(`   Draft${item.email ? ` to ${item.email}` : ''}: "${item.draft.subject}"`);
  for (const line of item.draft.body.split('\n')) lines.push(line ? `     ${line}` : '');
  lines.push(`   Text: ${item.draft.short}`);
  if (item.promiseId) lines.push(`   When kept: kith done ${item.promiseId}`);
  else if (item.share) lines.push(`   When sent: kith share sent ${item.share.id} ${item.personId}`);
  else lines.push(`   When done: kith log ${item.personId} email (or call, meeting…)`);
  return lines;
}

function renderSuggestions(list: SuggestionList): string[] {
  if (list.items.length === 0) return ['Nobody to contact today. Enjoy your day.'];
  const lines = [`Today (${list.today}): ${list.items.length} to contact`];
  list.items.forEach((item, i) => lines.push('', ...suggestionLines(item, i + 1)));
  return lines;
}

export function registerDue(program: Command, ctx: CommandContext): void {
  program
    .command('due')
    .description("today's suggestions: who to contact, why, and a message to start from (--all: every follow-up due or soon)")
    .option('--all', 'every follow-up overdue, due today or soon, not just today\'s few')
    .option('--limit <n>', 'with --all, show at most this many', '50')
    .addHelpText('after', '\nExamples:\n  kith due\n  kith due --json\n  kith due --all --limit 10')
    .action((options: { limit: string; all?: boolean }, command: Command) => {
      const limit = parseWholeNumber(options.limit, '--limit', 1, 200);
      return ctx.withApi(command, async (api, out) => {
        if (options.all) {
          const list = await api.get<FollowUpList>(`/follow-ups?limit=${limit}`);
          out.result(list, () => out.lines(renderAll(list)));
          return;
        }
        const list = await api.get<SuggestionList>('/suggestions');
        out.result(list, () => out.lines(renderSuggestions(list)));
      });
    });
}
