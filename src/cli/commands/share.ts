// `kith share add|list|matches|sent|dismiss`: things to share (a show in town, an article) and who they fit best.
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { fields, formatDay, plural, table } from '../format.js';
import { parseWholeNumber } from '../parse-options.js';
import { looksLikeId, resolvePerson } from '../resolve-person.js';
import { usageError } from '../cli-error.js';
import type { Share, ShareMatch } from '../api-types.js';

interface AddOptions {
  topic: string[];
  link?: string;
  note?: string;
}

const SHARE_FIELDS = { title: '<title>', link: '--link', topics: '--topic', note: '--note' };

const collect = (value: string, previous: string[]) => [...previous, value];

function shareId(value: string): string {
  if (!looksLikeId(value)) throw usageError(`"${value}" is not the id of a thing to share; \`kith share list\` shows them`);
  return value;
}

function registerAdd(shares: Command, ctx: CommandContext): void {
  shares
    .command('add')
    .description('add something to share: Kith lists the people whose commonalities match it')
    .argument('<title>', 'what it is (quote several words)')
    .option('--topic <topic>', 'a topic it is about, e.g. opera (repeat for more, up to 10)', collect, [])
    .option('--link <url>', 'where to find it (http or https)')
    .option('--note <text>', 'a note for yourself')
    .addHelpText('after', '\nExample:\n  kith share add "La Traviata at the Civic Opera, 12 March" --topic opera --link https://civicopera.example/traviata')
    .action((title: string, options: AddOptions, command: Command) => {
      if (options.topic.length === 0) throw usageError('say what it is about with --topic, e.g. --topic opera');
      return ctx.withApi(command, async (api, out) => {
        const body = { title, topics: options.topic, ...(options.link ? { link: options.link } : {}), ...(options.note ? { note: options.note } : {}) };
        const { share } = await api.post<{ share: Share }>('/shares', body, { fields: SHARE_FIELDS });
        out.result({ share }, () => {
          out.line(`Added ${share.title}`);
          out.lines(fields([['topics', share.topics.join(', ')], ['link', share.link], ['id', share.id]]));
          out.line(`Who it fits: kith share matches ${share.id}`);
        });
      });
    });
}

function registerList(shares: Command, ctx: CommandContext): void {
  shares
    .command('list')
    .description('list the things to share, newest first')
    .option('--all', 'include archived ones')
    .action((options: { all?: boolean }, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        const page = await api.get<{ items: Share[] }>(`/shares${options.all ? '?archived=true' : ''}`);
        out.result(page, () => {
          if (page.items.length === 0) {
            out.line('Nothing to share yet. Add something: kith share add "La Traviata, 12 March" --topic opera');
            return;
          }
          out.lines(
            table(page.items.map((s) => [s.title, s.topics.join(', '), `sent to ${plural(s.sentCount ?? 0, 'person', 'people')}`, s.archivedAt ? 'archived' : formatDay(s.createdAt.slice(0, 10)), s.id])),
          );
        });
      }),
    );
}

function registerMatches(shares: Command, ctx: CommandContext): void {
  shares
    .command('matches')
    .description('the people it fits, best first, with the reason')
    .argument('<id>', 'the id of the thing to share (kith share list)')
    .option('--limit <n>', 'show at most this many', '20')
    .action((id: string, options: { limit: string }, command: Command) => {
      const limit = parseWholeNumber(options.limit, '--limit', 1, 200);
      return ctx.withApi(command, async (api, out) => {
        const page = await api.get<{ share: Share; items: ShareMatch[]; total: number }>(`/shares/${shareId(id)}/matches?limit=${limit}`);
        out.result(page, () => {
          out.line(`${page.share.title}: ${plural(page.total, 'person matches', 'people match')}`);
          for (const m of page.items) out.line(`  ${m.reasonText}${m.company ? ` (${m.company})` : ''}  ${m.personId}`);
          if (page.total > page.items.length) out.line(`  … and ${page.total - page.items.length} more (--limit)`);
          if (page.items.length > 0) out.line(`When you have sent it: kith share sent ${page.share.id} <person>`);
        });
      });
    });
}

function registerDelivery(shares: Command, ctx: CommandContext, name: 'sent' | 'dismiss'): void {
  shares
    .command(name)
    .description(name === 'sent' ? 'you sent it to someone: logs the touch and stops suggesting it to them' : '"not for them": stops suggesting it to someone')
    .argument('<id>', 'the id of the thing to share (kith share list)')
    .argument('<person>', 'a name to search for (quote several words) or an id')
    .action((id: string, who: string, _options: unknown, command: Command) => {
      const share = shareId(id);
      return ctx.withApi(command, async (api, out) => {
        const person = await resolvePerson(api, who);
        const result = await api.post<{ delivery: { state: string } }>(`/shares/${share}/${name}`, { personId: person.id });
        out.result(result, () =>
          out.line(result.delivery.state === 'sent' ? (name === 'sent' ? `Logged: shared with ${person.fullName}.` : `Already sent to ${person.fullName}.`) : `Not suggested to ${person.fullName} again.`),
        );
      });
    });
}

export function registerShare(program: Command, ctx: CommandContext): void {
  const shares = program.command('share').description('things to share with the people they fit (a show in town, an article, a white paper)');
  registerAdd(shares, ctx);
  registerList(shares, ctx);
  registerMatches(shares, ctx);
  registerDelivery(shares, ctx, 'sent');
  registerDelivery(shares, ctx, 'dismiss');
}
