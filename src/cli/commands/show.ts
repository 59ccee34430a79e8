// `kith show <person>`: one person with what to talk about, promises both ways, the timeline and stage history.
import type { Command } from 'commander';
import type { PersonDetail } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { describePerson, fields, formatDay, formatPhone, table } from '../format.js';
import { looksLikeId, resolvePerson } from '../resolve-person.js';

const TIMELINE_SHOWN = 10;

function showPerson(detail: PersonDetail): string[] {
  const { person } = detail;
  const firstMeeting = detail.events.find((e) => e.eventId === person.metEventId);
  const met = [
    person.metOn ? formatDay(person.metOn) : null,
    firstMeeting ? `at ${firstMeeting.name}` : null,
    person.introducedBy ? `introduced by ${person.introducedBy}` : null,
  ].filter(Boolean).join(', ');
  const lines = [describePerson(person)];
  lines.push(...fields([
    ['stage', person.stage],
    ...person.emails.map((e): [string, string] => ['email', e.value]),
    ...person.phones.map((p): [string, string] => ['phone', formatPhone(p.value)]),
    ...person.links.map((l): [string, string] => ['link', l.value]),
    ...(person.addresses ?? []).map((a): [string, string] => ['address', a.value]),
    ['met', met],
    ...person.commonalities.map((c): [string, string] => [c.kind, c.text]),
    ['notes', person.notes],
    ['follow up', person.followUp ? `by ${formatDay(person.followUp.dueOn)}` : person.snoozedUntil ? null : 'none (no keep-in-touch rhythm)'],
    ['snoozed', person.snoozedUntil ? `until ${formatDay(person.snoozedUntil)}` : null],
    ['last touch', person.lastTouchOn ? formatDay(person.lastTouchOn) : 'none yet'],
    ['id', person.id],
  ]));
  const open = detail.promises.filter((p) => !p.doneAt);
  const kept = detail.promises.filter((p) => p.doneAt);
  if (detail.promises.length) {
    lines.push('', 'Promises');
    lines.push(...table([
      ...open.map((p) => [p.direction === 'i_owe' ? 'you owe' : 'they owe', p.text, `by ${formatDay(p.effectiveDueOn)}`, p.id]),
      ...kept.map((p) => [p.direction === 'i_owe' ? 'you kept' : 'they kept', p.text, `done ${formatDay(p.doneAt!.slice(0, 10))}`, p.id]),
    ], '  '));
  }
  if (detail.interactions.length) {
    lines.push('', 'Timeline');
    lines.push(...table(detail.interactions.slice(0, TIMELINE_SHOWN).map((i) => [formatDay(i.occurredOn), i.kind.replace(/_/g, '-'), i.summary ?? '']), '  '));
    if (detail.interactions.length > TIMELINE_SHOWN) lines.push(`  … and ${detail.interactions.length - TIMELINE_SHOWN} earlier (--json shows all)`);
  }
  if (detail.stageHistory.length > 1) {
    lines.push('', 'Stages');
    lines.push(...table(detail.stageHistory.map((s) => [formatDay(s.changedAt.slice(0, 10)), s.fromStage ? `${s.fromStage} → ${s.toStage}` : s.toStage]), '  '));
  }
  return lines;
}

export function registerShow(program: Command, ctx: CommandContext): void {
  program
    .command('show')
    .description('show one person: details, commonalities, promises, timeline, stages')
    .argument('<person...>', 'a name to search for (it must match one person) or an id')
    .addHelpText('after', '\nExamples:\n  kith show jane\n  kith show "Jane Doe" --json')
    .action((who: string[], _options: unknown, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        const query = who.join(' ');
        const id = looksLikeId(query) ? query : (await resolvePerson(api, query)).id;
        const detail = await api.get<PersonDetail>(`/people/${id}`);
        out.result(detail, () => out.lines(showPerson(detail)));
      }),
    );
}
