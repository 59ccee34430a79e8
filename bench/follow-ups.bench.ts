// Figure 2: the follow-up list of an account with 100k people, through FollowUpService.list (settings, the people
// and promises due, the counts, the full records and events of the listed people). Its baseline, measured in the
// same run, is what the list would cost without the stored schedule: reading every person's follow-up columns.
import type { BenchKit, SeededAccount } from './seed.js';
import { distribution, timed, type Distribution } from './stats.js';

export interface FollowUpFigures {
  dialect: string;
  calls: number;
  list: Distribution;
  /** Reading the schedule columns of every person of the account. */
  baseline: Distribution;
  /** What the list showed on the last call: items and counts. */
  shown: { items: number; overdue: number; due: number; soon: number; promises: number };
  /** The seeded share of people in each state, for context. */
  seededShare: { dueOrOverdue: number; soon: number };
}

async function readAllSchedules(kit: BenchKit, accountId: string): Promise<number> {
  const rows = await kit.store.db
    .selectFrom('people')
    .select(['id', 'follow_up_due_on', 'follow_up_soon_from'])
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.length;
}

export async function benchFollowUps(kit: BenchKit, seeded: SeededAccount, calls = 50): Promise<FollowUpFigures> {
  const { accountId } = seeded;
  const list = () => kit.services.followUps.list(accountId, 50);
  for (let i = 0; i < 5; i++) {
    await list();
    await readAllSchedules(kit, accountId);
  }
  const times: number[] = [];
  const baseline: number[] = [];
  let last = await list();
  for (let i = 0; i < calls; i++) {
    const t = await timed(list);
    times.push(t.ms);
    last = t.value;
    // The baseline is costly (it reads every person); a third as many samples give its median just as well.
    if (i % 3 === 0) baseline.push((await timed(() => readAllSchedules(kit, accountId))).ms);
  }
  const total = seeded.personIds.length;
  return {
    dialect: kit.store.dialect,
    calls,
    list: distribution(times),
    baseline: distribution(baseline),
    shown: { items: last.items.length, ...last.counts },
    seededShare: { dueOrOverdue: (seeded.states.due + seeded.states.overdue) / total, soon: seeded.states.soon / total },
  };
}

export interface SuggestionFigures {
  dialect: string;
  calls: number;
  today: Distribution;
  /** The same baseline as the follow-up list: reading every person's schedule columns. */
  baseline: Distribution;
  shown: number;
}

/** Issue 5: today's suggestions (SuggestionService.today: ranked, one per person, drafted with the account's templates). */
export async function benchSuggestions(kit: BenchKit, seeded: SeededAccount, calls = 50): Promise<SuggestionFigures> {
  const { accountId } = seeded;
  const today = () => kit.services.suggestions.today(accountId);
  for (let i = 0; i < 5; i++) await today();
  const times: number[] = [];
  const baseline: number[] = [];
  let last = await today();
  for (let i = 0; i < calls; i++) {
    const t = await timed(today);
    times.push(t.ms);
    last = t.value;
    if (i % 3 === 0) baseline.push((await timed(() => readAllSchedules(kit, accountId))).ms);
  }
  return { dialect: kit.store.dialect, calls, today: distribution(times), baseline: distribution(baseline), shown: last.items.length };
}
