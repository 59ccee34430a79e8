// After any change to a person, their search words and follow-up schedule are computed again and stored, so that
// search and the follow-up list are index lookups, not computations over every person.
import type { Repositories } from '../db/store.js';
import { foldedWords } from '../core/text-fold.js';
import { scheduleFollowUp } from '../core/follow-up-schedule.js';
import { companyKey } from '../core/duplicate-check.js';
import { localDateOf } from '../core/calendar-date.js';
import type { FollowUpRecord, PersonRecord, ScheduleInputs, SettingsRecord } from '../core/records.js';
import type { PersonDerived } from '../db/repositories/person.repository.js';
import type { TouchDates } from '../db/repositories/activity.repository.js';

export function searchWordsOf(
  person: Pick<PersonRecord, 'fullName' | 'company' | 'title' | 'notes' | 'introducedBy' | 'emails' | 'phones'> & Partial<Pick<PersonRecord, 'addresses'>> & { commonalities: { text: string }[] },
): {
  searchName: string;
  searchRest: string;
} {
  const rest = [
    person.company,
    person.title,
    ...person.emails.map((e) => e.value),
    ...person.phones.map((p) => p.value.replace(/^\+/, '')),
    ...person.commonalities.map((c) => c.text),
    ...(person.addresses ?? []).map((a) => a.value),
    person.introducedBy,
    person.notes,
  ]
    .filter((v): v is string => !!v)
    .join(' ');
  return { searchName: foldedWords(person.fullName).join(' '), searchRest: foldedWords(rest).join(' ') };
}

/** The stored follow-up of a person: the one computation behind every write, the bench seed and a settings change. */
export function followUpOf(person: ScheduleInputs, settings: SettingsRecord): FollowUpRecord | null {
  const schedule = scheduleFollowUp(
    {
      stage: person.stage,
      cadenceDays: person.cadenceDays,
      createdOn: localDateOf(new Date(person.createdAt), settings.timeZone),
      lastMetOn: person.lastMetOn,
      lastTouchOn: person.lastTouchOn,
      lastFollowUpOn: person.lastFollowUpOn,
      snoozedUntil: person.snoozedUntil,
    },
    settings,
  );
  return schedule ? { reason: schedule.reason, since: schedule.since, dueOn: schedule.dueOn, soonFrom: schedule.soonFrom } : null;
}

export function sameFollowUp(a: FollowUpRecord | null, b: FollowUpRecord | null): boolean {
  return a === b || (!!a && !!b && a.reason === b.reason && a.since === b.since && a.dueOn === b.dueOn && a.soonFrom === b.soonFrom);
}

/** Everything stored about a person that is computed from them. */
export function derivePerson(
  person: Parameters<typeof searchWordsOf>[0] & Pick<PersonRecord, 'stage' | 'cadenceDays' | 'createdAt' | 'snoozedUntil'>,
  dates: TouchDates,
  settings: SettingsRecord,
): PersonDerived {
  return {
    ...searchWordsOf(person),
    companyKey: person.company ? companyKey(person.company) : '',
    ...dates,
    followUp: followUpOf({ ...person, ...dates }, settings),
  };
}

export async function refreshPerson(repos: Repositories, accountId: string, personId: string, settings: SettingsRecord): Promise<PersonRecord | null> {
  const person = await repos.people.get(accountId, personId);
  if (!person) return null;
  const dates = await repos.activity.touchDates(accountId, personId);
  const derived = derivePerson(person, dates, settings);
  await repos.people.saveDerived(accountId, personId, derived);
  return { ...person, ...dates, followUp: derived.followUp };
}
