// `kith feed`: the secret calendar feed (ICS) of follow-ups, promises and events. `kith feed` says whether one
// exists, `kith feed new` creates or rotates it and prints its URL once, `kith feed revoke` stops it.
import type { Command } from 'commander';
import type { CalendarFeedStatus, NewCalendarFeed } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { publicBaseUrl } from '../connect.js';

const SUBSCRIBE_HELP = 'Subscribe to it from Google Calendar (Other calendars → + → From URL) or Apple Calendar (File → New Calendar Subscription…); see docs/calendar-feed.md.';

export function registerFeed(program: Command, ctx: CommandContext): void {
  const feed = program
    .command('feed')
    .description('the secret calendar feed (ICS) of your follow-ups, promises and events')
    .addHelpText('after', '\nExamples:\n  kith feed\n  kith feed new --base-url https://kith.example.com\n  kith feed revoke')
    .action((_options: unknown, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        const status = await api.get<CalendarFeedStatus>('/calendar-feed');
        out.result(status, () => {
          if (!status.feed) {
            out.line('No calendar feed. `kith feed new` makes one.');
            return;
          }
          out.line(`Calendar feed ${status.feed.prefix}…, made ${status.feed.createdAt.slice(0, 16).replace('T', ' ')} UTC`);
          out.line(status.feed.lastFetchedAt ? `Last read by a calendar: ${status.feed.lastFetchedAt.slice(0, 16).replace('T', ' ')} UTC` : 'Not read by any calendar yet.');
          out.line('The URL is shown only when made; `kith feed new` makes a new one (the old one stops working).');
        });
      }),
    );

  feed
    .command('new')
    .description('make the feed, or a new URL for it (the old URL stops working at once); prints the URL once')
    .option('--base-url <url>', 'the address calendars reach Kith at (default: the --server URL, or http://localhost:KITH_PORT)')
    .action((options: { baseUrl?: string }, command: Command) => {
      const { baseUrl, guessed } = publicBaseUrl(ctx.globals(command), ctx.io.env, options.baseUrl);
      return ctx.withApi(command, async (api, out) => {
        const created = await api.post<NewCalendarFeed>('/calendar-feed', { baseUrl }, { fields: { baseUrl: '--base-url' } });
        out.result(created, () => {
          out.line('Calendar feed URL (keep it secret: anyone with it can read these items):');
          out.line(`  ${created.url}`);
        });
        out.note('It is shown only this once. ' + SUBSCRIBE_HELP);
        if (guessed) out.note('Calendars must reach this address: if Kith is served elsewhere, run `kith feed new --base-url https://your-kith-address`.');
      });
    });

  feed
    .command('revoke')
    .description('stop the feed: its URL answers 404 from now on')
    .action((_options: unknown, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        await api.delete('/calendar-feed');
        out.result({ revoked: true }, () => out.line('Calendar feed revoked: calendars subscribed to it will stop updating.'));
      }),
    );
}
