// `kith add "<one line>"`: quick capture. Prints who was added and what was understood; warns on stderr when the
// person may already be known.
import type { Command } from 'commander';
import type { Captured, EventDetail, PromiseOut } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { describePerson, fields, formatDay, formatPhone } from '../format.js';

interface AddOptions {
  /** An event id; false with --no-event; undefined: the event I said I am at, if any. */
  event?: string | false;
}

function promiseLine(p: Pick<PromiseOut, 'text' | 'effectiveDueOn'>, today?: string): string {
  return `${p.text} (by ${formatDay(p.effectiveDueOn, today)})`;
}

export function registerAdd(program: Command, ctx: CommandContext): void {
  program
    .command('add')
    .description('add a person from one typed line: name, title at company, e-mail, phone, interests, promises')
    .argument('<text...>', 'the line (quote it, or the shell may take ; and & for itself)')
    .option('--event <id>', 'met at this event (default: the event you are at, see `kith event here`)')
    .option('--no-event', 'not met at an event, even while you are at one')
    .addHelpText('after', '\nExamples:\n  kith add "Jane Doe, CTO at Acme Corp, jane@acme.com, loves opera; promised to send the white paper"\n  kith add "Bob Stone (Stone & Co) bob@stone.co, marathon runner, met via Priya"')
    .action((words: string[], options: AddOptions, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        const body = { text: words.join(' '), ...(options.event !== undefined ? { eventId: options.event || null } : {}) };
        const added = await api.post<Captured>('/capture', body, { fields: { eventId: '--event' } });
        for (const duplicate of added.possibleDuplicates) out.note(`${duplicate.message} Compare: kith show ${duplicate.personId}`);
        const { person } = added;
        const event = person.metEventId ? await api.get<EventDetail>(`/events/${person.metEventId}`) : null;
        out.result(added, () => {
          out.line(`Added ${describePerson(person)}`);
          out.lines(fields([
            ...person.emails.map((e): [string, string] => ['email', e.value]),
            ...person.phones.map((p): [string, string] => ['phone', formatPhone(p.value)]),
            ...person.links.map((l): [string, string] => ['link', l.value]),
            ...person.commonalities.map((c): [string, string] => [c.kind, c.text]),
            ...added.promises.map((p): [string, string] => [p.direction === 'i_owe' ? 'you promised' : 'they promised', promiseLine(p)]),
            ['introduced by', person.introducedBy],
            ['notes', person.notes],
            ['met at', event ? `${event.event.name} (goal: ${event.progress.label} new people)` : null],
            ['follow up', person.followUp ? `by ${formatDay(person.followUp.dueOn)}` : null],
            ['id', person.id],
          ]));
        });
      }),
    );
}
