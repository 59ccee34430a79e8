// Queries over many people of an account: lists with filters, summaries, the follow-up list, duplicate candidates.
import type { Executor } from './executor.js';
import type { PersonSummary } from '../../core/records.js';
import { SUMMARY_COLUMNS, toFollowUp, toSummary, type DuplicateQuery, type PersonListFilter } from './person.repository.js';
import type { FollowUpRecord, ScheduleInputs } from '../../core/records.js';
import type { Stage } from '../../core/types.js';

export class PersonQueryRepository {
  constructor(private readonly db: Executor) {}

  async list(accountId: string, filter: PersonListFilter): Promise<{ items: PersonSummary[]; total: number }> {
    let query = this.db.selectFrom('people').where('people.account_id', '=', accountId).where('people.deleted_at', 'is', null);
    if (filter.stage) query = query.where('people.stage', '=', filter.stage);
    if (filter.dueBy) query = query.where('people.follow_up_due_on', '<=', filter.dueBy);
    if (filter.eventId) {
      const eventId = filter.eventId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('event_people')
            .select('event_people.person_id')
            .whereRef('event_people.person_id', '=', 'people.id')
            .where('event_people.account_id', '=', accountId)
            .where('event_people.event_id', '=', eventId),
        ),
      );
    }
    if (filter.topic) {
      const topic = filter.topic;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('commonalities')
            .select('commonalities.person_id')
            .whereRef('commonalities.person_id', '=', 'people.id')
            .where('commonalities.account_id', '=', accountId)
            .where('commonalities.topic', '=', topic),
        ),
      );
    }
    const [rows, count] = await Promise.all([
      query
        .select(SUMMARY_COLUMNS.map((c) => `people.${c}` as const))
        .orderBy('people.full_name')
        .orderBy('people.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toSummary), total: Number(count.n) };
  }

  /**
   * People whose follow-up is at least "soon" on `today`, most urgent first. In two walks of the due-day index, each
   * stopping after a page: first everyone due on or before today, then (if the page is not full) those due later
   * whose "soon" has begun. One query with both conditions would sort every "soon" person before the first row.
   */
  async followUpsFrom(accountId: string, today: string, limit: number, reason?: 'first_follow_up'): Promise<(PersonSummary & { metEventId: string | null })[]> {
    const all = this.db
      .selectFrom('people')
      .select([...SUMMARY_COLUMNS, 'met_event_id'])
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .where('follow_up_due_on', 'is not', null)
      .orderBy('follow_up_due_on')
      .orderBy('id');
    // Only first follow-ups: the daily suggestions put them first, whatever else is overdue (index people_first_follow_ups).
    const live = reason ? all.where('follow_up_reason', '=', reason) : all;
    const due = await live.where('follow_up_due_on', '<=', today).limit(limit).execute();
    const soon =
      due.length < limit
        ? await live.where('follow_up_due_on', '>', today).where('follow_up_soon_from', '<=', today).limit(limit - due.length).execute()
        : [];
    return [...due, ...soon].map((r) => ({ ...toSummary(r), metEventId: r.met_event_id }));
  }

  /** How many people are overdue, due today and soon on `today`. */
  async followUpCounts(accountId: string, today: string): Promise<{ overdue: number; due: number; soon: number }> {
    const row = await this.db
      .selectFrom('people')
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when('follow_up_due_on', '<', today).then(1).else(0).end()).as('overdue'),
        eb.fn.sum<number>(eb.case().when('follow_up_due_on', '=', today).then(1).else(0).end()).as('due'),
        eb.fn.sum<number>(eb.case().when('follow_up_due_on', '>', today).then(1).else(0).end()).as('soon'),
      ])
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .where('follow_up_soon_from', '<=', today)
      .executeTakeFirstOrThrow();
    return { overdue: Number(row.overdue ?? 0), due: Number(row.due ?? 0), soon: Number(row.soon ?? 0) };
  }

  async duplicateCandidates(accountId: string, q: DuplicateQuery, excludeId: string | null): Promise<string[]> {
    const ids = new Set<string>();
    const values = [...q.emails.map((e) => e.toLowerCase()), ...q.phones];
    if (values.length > 0) {
      const rows = await this.db
        .selectFrom('person_contacts')
        .select('person_id')
        .where('account_id', '=', accountId)
        .where('kind', 'in', ['email', 'phone'])
        .where('value', 'in', values)
        .limit(50)
        .execute();
      rows.forEach((r) => ids.add(r.person_id));
    }
    if (q.companyKey) {
      const rows = await this.db
        .selectFrom('people')
        .select('id')
        .where('account_id', '=', accountId)
        .where('company_key', '=', q.companyKey)
        .where('deleted_at', 'is', null)
        .limit(200)
        .execute();
      rows.forEach((r) => ids.add(r.id));
    }
    if (excludeId) ids.delete(excludeId);
    return [...ids];
  }

  /** What every live person's follow-up depends on (the touch days are stored on the person). */
  async scheduleInputs(accountId: string): Promise<(ScheduleInputs & { id: string; followUp: FollowUpRecord | null })[]> {
    const rows = await this.db
      .selectFrom('people')
      .select([
        'id',
        'stage',
        'cadence_days',
        'created_at',
        'snoozed_until',
        'last_touch_on',
        'last_follow_up_on',
        'last_met_on',
        'follow_up_reason',
        'follow_up_since',
        'follow_up_due_on',
        'follow_up_soon_from',
      ])
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      stage: r.stage as Stage,
      cadenceDays: r.cadence_days,
      createdAt: r.created_at,
      snoozedUntil: r.snoozed_until,
      lastTouchOn: r.last_touch_on,
      lastFollowUpOn: r.last_follow_up_on,
      lastMetOn: r.last_met_on,
      followUp: toFollowUp(r),
    }));
  }
}
