// `kith event new|list|here|recap`: events I go to, each with a goal of new people to meet (habit 2).
import type { Command } from 'commander';
import type { EventDetail, EventRecap, KithEvent, KithEventWithProgress, Settings } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { fields, formatDay, formatEventTime, plural, table } from '../format.js';
import { isWallTime, parseEventTime, parseRole, parseTimeZone, parseWholeNumber } from '../parse-options.js';
import { looksLikeId } from '../resolve-person.js';
import { usageError } from '../cli-error.js';

interface NewEventOptions {
  start: string;
  end?: string;
  tz?: string;
  place?: string;
  link?: string;
  goal?: string;
  role?: string;
}

const EVENT_FIELDS = { startsAt: '--start', endsAt: '--end', timeZone: '--tz', place: '--place', link: '--link', goal: '--goal', role: '--role' };

function eventId(value: string): string {
  if (!looksLikeId(value)) throw usageError(`"${value}" is not an event id; \`kith event list\` shows them`);
  return value;
}

function describeEvent(event: KithEvent): string[] {
  return fields([
    ['when', formatEventTime(event.startsAt, event.endsAt, event.timeZone)],
    ['where', event.place],
    ['link', event.link],
    ['role', event.role],
    ['goal', `${plural(event.goal, 'new person', 'new people')}`],
    ['id', event.id],
  ]);
}

function registerNew(events: Command, ctx: CommandContext): void {
  events
    .command('new')
    .description('add an event you will go to (or host, or speak at)')
    .argument('<name>', 'its name (quote several words)')
    .requiredOption('--start <time>', '"YYYY-MM-DD HH:MM" in the event\'s time zone, or ISO 8601 (2026-03-10T18:00:00Z)')
    .option('--end <time>', 'the same forms, or just HH:MM on the start\'s day (default: 3 hours after the start)')
    .option('--tz <zone>', 'the event\'s IANA time zone (default: yours)')
    .option('--place <text>', 'where it is')
    .option('--link <url>', 'its page')
    .option('--goal <n>', 'how many new people to meet (default: 3, a setting)')
    .option('--role <role>', 'attending, hosting or speaking', 'attending')
    .addHelpText('after', '\nExample:\n  kith event new "Chamber mixer" --start "2026-03-10 18:00" --end 21:00 --place "Town Hall" --goal 3')
    .action((name: string, options: NewEventOptions, command: Command) => {
      const role = parseRole(options.role ?? 'attending');
      const goal = options.goal === undefined ? undefined : parseWholeNumber(options.goal, '--goal', 0, 1000);
      const tz = options.tz === undefined ? undefined : parseTimeZone(options.tz, '--tz');
      return ctx.withApi(command, async (api, out) => {
        const needsZone = isWallTime(options.start) || (options.end !== undefined && isWallTime(options.end));
        const zone = tz ?? (needsZone ? (await api.get<Settings>('/settings')).timeZone : 'UTC');
        const startsAt = parseEventTime(options.start, '--start', zone);
        const endsAt = options.end === undefined ? undefined : parseEventTime(options.end, '--end', zone, new Date(startsAt));
        const body = { name, startsAt, role, ...(endsAt ? { endsAt } : {}), ...(tz ? { timeZone: tz } : {}), ...(options.place ? { place: options.place } : {}), ...(options.link ? { link: options.link } : {}), ...(goal !== undefined ? { goal } : {}) };
        const { event } = await api.post<{ event: KithEvent }>('/events', body, { fields: EVENT_FIELDS });
        out.result({ event }, () => {
          out.line(`Added ${event.name}`);
          out.lines(describeEvent(event));
          out.line(`When you get there: kith event here ${event.id}`);
        });
      });
    });
}

function registerList(events: Command, ctx: CommandContext): void {
  events
    .command('list')
    .description('list your events, the latest first')
    .option('--limit <n>', 'show at most this many', '20')
    .action((options: { limit: string }, command: Command) => {
      const limit = parseWholeNumber(options.limit, '--limit', 1, 200);
      return ctx.withApi(command, async (api, out) => {
        const page = await api.get<{ items: KithEventWithProgress[]; total: number }>(`/events?limit=${limit}`);
        out.result(page, () => {
          if (page.items.length === 0) return out.line('No events yet: kith event new "<name>" --start "YYYY-MM-DD HH:MM"');
          out.lines(table(page.items.map((e) => [formatEventTime(e.startsAt, e.endsAt, e.timeZone), e.name, e.role, `goal ${e.progress.label}`, e.id])));
          if (page.total > page.items.length) out.line(`(${page.items.length} of ${page.total}; use --limit for more)`);
        });
      });
    });
}

function registerHere(events: Command, ctx: CommandContext): void {
  events
    .command('here')
    .description("say you are at this event: until it ends, `kith add` counts people as met there")
    .argument('<eventId>', 'the event (`kith event list` shows ids)')
    .action((id: string, _options: unknown, command: Command) => {
      const path = `/events/${eventId(id)}/here`;
      return ctx.withApi(command, async (api, out) => {
        const detail = await api.post<EventDetail>(path);
        out.result(detail, () => {
          out.line(`You are at ${detail.event.name}.`);
          out.line(`Goal: ${detail.progress.label} new people${detail.progress.reached ? ', reached!' : ''}`);
          out.line('Everyone you `kith add` now counts as met here.');
        });
      });
    });
}

function registerRecap(events: Command, ctx: CommandContext): void {
  events
    .command('recap')
    .description('how an event went: the goal, the people met, the follow-ups and promises')
    .argument('<eventId>', 'the event (`kith event list` shows ids)')
    .action((id: string, _options: unknown, command: Command) => {
      const path = `/events/${eventId(id)}/recap`;
      return ctx.withApi(command, async (api, out) => {
        const recap = await api.get<EventRecap>(path);
        out.result(recap, () => {
          out.line(recap.summary);
          out.line(`Goal: ${recap.progress.label} new people`);
          if (recap.people.length === 0) return;
          out.line();
          out.line('People met');
          out.lines(table(recap.people.map((p) => [p.fullName, p.company ?? '', p.isNew ? 'new' : 'known', p.followUpDueOn ? `follow up by ${formatDay(p.followUpDueOn)}` : '', p.personId]), '  '));
        });
      });
    });
}

export function registerEvent(program: Command, ctx: CommandContext): void {
  const events = program.command('event').description('events: new, list, here, recap');
  registerNew(events, ctx);
  registerList(events, ctx);
  registerHere(events, ctx);
  registerRecap(events, ctx);
}
