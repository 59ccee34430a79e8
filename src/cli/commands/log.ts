// `kith log <person> <kind> [summary]`: a touch (call, e-mail, meeting…), which resets the keep-in-touch clock.
import type { Command } from 'commander';
import type { Interaction, Person } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { formatDay } from '../format.js';
import { parseDay, parseTouchKind } from '../parse-options.js';
import { resolvePerson } from '../resolve-person.js';
import type { InteractionKind } from '../../core/types.js';

const TOUCH_WORDS: Record<InteractionKind, string> = {
  met: 'a meeting in person',
  email: 'an e-mail',
  call: 'a call',
  meeting: 'a meeting',
  message: 'a message',
  sent_something: 'something sent',
  event_together: 'an event together',
  note: 'a note',
};

export function registerLog(program: Command, ctx: CommandContext): void {
  program
    .command('log')
    .description('log a touch with someone; any touch resets the keep-in-touch clock')
    .argument('<person>', 'a name to search for (quote several words) or an id')
    .argument('<kind>', 'met, email, call, meeting, message, sent-something, event-together or note')
    .argument('[summary...]', 'what it was about')
    .option('--on <YYYY-MM-DD>', 'the day it happened (default: today)')
    .addHelpText('after', '\nExamples:\n  kith log jane call talked about the hiring plan\n  kith log "Bob Stone" email --on 2026-03-09')
    .action((who: string, kindText: string, summary: string[], options: { on?: string }, command: Command) => {
      const kind = parseTouchKind(kindText);
      const occurredOn = options.on === undefined ? undefined : parseDay(options.on, '--on');
      return ctx.withApi(command, async (api, out) => {
        const person = await resolvePerson(api, who);
        const text = summary.join(' ').trim();
        const logged = await api.post<{ interaction: Interaction; person: Person }>(
          `/people/${person.id}/touches`,
          { kind, ...(occurredOn ? { occurredOn } : {}), ...(text ? { summary: text } : {}) },
          { fields: { occurredOn: '--on' } },
        );
        out.result(logged, () => {
          const { interaction, person: after } = logged;
          out.line(`Logged ${TOUCH_WORDS[kind]} with ${after.fullName}, ${formatDay(interaction.occurredOn)}${interaction.summary ? `: ${interaction.summary}` : '.'}`);
          out.line(after.followUp ? `Next follow-up by ${formatDay(after.followUp.dueOn)}.` : 'No follow-up scheduled (no keep-in-touch rhythm at this stage).');
        });
      });
    });
}
