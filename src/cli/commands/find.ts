// `kith find [words]`: search people (every word a prefix of a name, company, e-mail…), or list them all.
import type { Command } from 'commander';
import type { PeoplePage, PersonSummary } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { formatDay, table } from '../format.js';
import { parseWholeNumber } from '../parse-options.js';

function personRows(people: PersonSummary[]): string[] {
  return table(people.map((p) => [p.fullName, p.company ?? '', p.stage, p.followUp ? `follow up ${formatDay(p.followUp.dueOn)}` : '', p.id]));
}

export function registerFind(program: Command, ctx: CommandContext): void {
  program
    .command('find')
    .description('search people by name, company, e-mail, phone or topic; with no words, list everyone')
    .argument('[words...]', 'what to look for; every word is the start of a word ("jan ac" finds Jane at Acme)')
    .option('--limit <n>', 'show at most this many', '20')
    .addHelpText('after', '\nExamples:\n  kith find jan\n  kith find opera --json')
    .action((words: string[], options: { limit: string }, command: Command) => {
      const limit = parseWholeNumber(options.limit, '--limit', 1, 200);
      return ctx.withApi(command, async (api, out) => {
        const query = words.join(' ').trim();
        const page = await api.get<PeoplePage>(query ? `/people?q=${encodeURIComponent(query)}&limit=${limit}` : `/people?limit=${limit}`);
        out.result(page, () => {
          if (page.items.length === 0) {
            out.line(query ? `No one matches "${query}".` : 'No one yet: add someone with `kith add "<name, company, …>"`.');
            return;
          }
          out.lines(personRows(page.items));
          if (page.hasMore) {
            const shown = page.total === null ? `the first ${page.items.length}` : `${page.items.length} of ${page.total}`;
            out.line(`(${shown}; use --limit or more words for the rest)`);
          }
        });
      });
    });
}
