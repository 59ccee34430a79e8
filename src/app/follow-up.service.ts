// The follow-up list: who to contact, when and why (overdue, due today, soon), people and promises I owe together.
import type { AppContext } from './context.js';
import { localDateOf, type CalendarDate } from '../core/calendar-date.js';
import { effectiveCadence, followUpState, type FollowUpState } from '../core/follow-up-schedule.js';
import { describePersonFollowUp, describePromise } from '../core/follow-up-reason.js';
import { draftFollowUp, type FollowUpDraft } from '../core/follow-up-draft.js';
import type { CommonalityKind } from '../core/types.js';
import type { SettingsRecord } from '../core/records.js';
import type { MessageTemplate, TemplateReason } from '../core/message-template.js';

export interface FollowUpItem {
  kind: 'person' | 'promise';
  personId: string;
  fullName: string;
  company: string | null;
  reason: 'first_follow_up' | 'cadence' | 'promise';
  reasonText: string;
  state: Exclude<FollowUpState, 'ok'>;
  dueOn: CalendarDate;
  since: CalendarDate;
  promiseId: string | null;
  eventId: string | null;
  eventName: string | null;
  /** Something to mention: the first commonality recorded for the person. */
  commonality: { kind: CommonalityKind; text: string } | null;
  /** The person's first e-mail address, for a mailto: link. */
  email: string | null;
  /** A message to start from: an e-mail and a short form for a text message. */
  draft: FollowUpDraft;
}

export interface FollowUpList {
  today: CalendarDate;
  items: FollowUpItem[];
  counts: { overdue: number; due: number; soon: number; promises: number };
}

const STATE_ORDER: Record<FollowUpItem['state'], number> = { overdue: 0, due: 1, soon: 2 };

export class FollowUpService {
  constructor(private readonly ctx: AppContext) {}

  async list(accountId: string, limit: number): Promise<FollowUpList> {
    const repos = this.ctx.store.repos;
    const settings = await repos.accounts.getSettings(accountId);
    const today = localDateOf(this.ctx.clock.now(), settings.timeZone);
    const [counts, templates] = await Promise.all([repos.peopleQueries.followUpCounts(accountId, today), repos.suggestions.templates(accountId)]);
    const { items, promisesTotal } = await this.items(accountId, { settings, today, templates }, limit);
    return { today, items, counts: { ...counts, promises: promisesTotal } };
  }

  /**
   * The items of the list without its counts, for a day, settings and templates the caller has read already (the
   * daily suggestions ask twice and need no counts). With `only: 'first_follow_up'`, only first follow-ups after a
   * meeting, and no promises.
   */
  async items(
    accountId: string,
    { settings, today, templates }: { settings: SettingsRecord; today: CalendarDate; templates: Partial<Record<TemplateReason, MessageTemplate>> },
    limit: number,
    options: { only?: 'first_follow_up' } = {},
  ): Promise<{ items: FollowUpItem[]; promisesTotal: number }> {
    const repos = this.ctx.store.repos;
    const [people, promises] = await Promise.all([
      repos.peopleQueries.followUpsFrom(accountId, today, limit, options.only),
      options.only ? { items: [], total: 0 } : repos.activity.promisesDueFrom(accountId, today, limit),
    ]);
    const ids = [...new Set([...people.map((p) => p.id), ...promises.items.map((p) => p.personId)])];
    const [records, events] = await Promise.all([repos.people.getMany(accountId, ids), repos.events.latestEventOf(accountId, ids)]);
    const byId = new Map(records.map((r) => [r.id, r]));

    const items: FollowUpItem[] = [];
    for (const p of people) {
      const followUp = p.followUp;
      const record = byId.get(p.id);
      if (!followUp || !record) continue;
      const event = followUp.reason === 'first_follow_up' ? (events.get(p.id) ?? null) : null;
      const first = record.commonalities[0];
      const commonality = first ? { kind: first.kind, text: first.text } : null;
      items.push({
        kind: 'person',
        personId: p.id,
        fullName: p.fullName,
        company: p.company,
        reason: followUp.reason,
        reasonText: describePersonFollowUp({
          reason: followUp.reason,
          fullName: p.fullName,
          since: followUp.since,
          today,
          eventName: event?.name ?? null,
          cadenceDays: effectiveCadence(record, settings),
          everTouched: record.lastTouchOn !== null,
        }),
        state: followUpState(followUp, today) as FollowUpItem['state'],
        dueOn: followUp.dueOn,
        since: followUp.since,
        promiseId: null,
        eventId: event?.eventId ?? null,
        eventName: event?.name ?? null,
        commonality,
        email: record.emails[0]?.value ?? null,
        draft:
          followUp.reason === 'first_follow_up'
            ? draftFollowUp({ reason: 'first_follow_up', fullName: p.fullName, eventName: event?.name ?? null, commonality }, templates.first_follow_up)
            : draftFollowUp({ reason: 'cadence', fullName: p.fullName, commonality }, templates.cadence),
      });
    }
    for (const promise of promises.items) {
      const record = byId.get(promise.personId);
      const first = record?.commonalities[0];
      items.push({
        kind: 'promise',
        personId: promise.personId,
        fullName: promise.fullName,
        company: record?.company ?? null,
        reason: 'promise',
        reasonText: describePromise({ fullName: promise.fullName, text: promise.text, dueOn: promise.effectiveDueOn, today }),
        state: followUpState({ dueOn: promise.effectiveDueOn, soonFrom: promise.soonFrom }, today) as FollowUpItem['state'],
        dueOn: promise.effectiveDueOn,
        since: promise.madeOn,
        promiseId: promise.id,
        eventId: promise.eventId,
        eventName: null,
        commonality: first ? { kind: first.kind, text: first.text } : null,
        email: record?.emails[0]?.value ?? null,
        draft: draftFollowUp({ reason: 'promise', fullName: promise.fullName, promiseText: promise.text }, templates.promise),
      });
    }
    items.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.dueOn.localeCompare(b.dueOn) || (a.kind === b.kind ? 0 : a.kind === 'promise' ? -1 : 1));
    return { items: items.slice(0, limit), promisesTotal: promises.total };
  }
}
