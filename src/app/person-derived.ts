// After any change to a person, their search words and follow-up schedule are computed again and stored, so that
// search and the follow-up list are index lookups, not computations over every person.
import type { Repositories } from '../db/store.js';
import { foldedWords } from '../core/text-fold.js';
import { scheduleFollowUp } from '../core/follow-up-schedule.js';
import { localDateOf } from '../core/calendar-date.js';
import type { PersonRecord, SettingsRecord } from '../core/records.js';
import type { PersonDerived } from '../db/repositories/person.repository.js';

export function searchWordsOf(person: Pick<PersonRecord, 'fullName' | 'company' | 'title' | 'notes' | 'introducedBy' | 'emails' | 'phones' | 'commonalities'>): {
  searchName: string;
  searchRest: string;
} {
  const rest = [
    person.company,
    person.title,
    ...person.emails.map((e) => e.value),
    ...person.phones.map((p) => p.value.replace(/^\+/, '')),
    ...person.commonalities.map((c) => c.text),
    person.introducedBy,
    person.notes,
  ]
    .filter((v): v is string => !!v)
    .join(' ');
  return { searchName: foldedWords(person.fullName).join(' '), searchRest: foldedWords(rest).join(' ') };
}

export async function refreshPerson(repos: Repositories, accountId: string, personId: string, settings: SettingsRecord): Promise<PersonRecord | null> {
  const person = await repos.people.get(accountId, personId);
  if (!person) return null;
  const dates = await repos.activity.touchDates(accountId, personId);
  const schedule = scheduleFollowUp(
    {
      stage: person.stage,
      cadenceDays: person.cadenceDays,
      createdOn: localDateOf(new Date(person.createdAt), settings.timeZone),
      lastMetOn: dates.lastMetOn,
      lastTouchOn: dates.lastTouchOn,
      lastFollowUpOn: dates.lastFollowUpOn,
      snoozedUntil: person.snoozedUntil,
    },
    settings,
  );
  const derived: PersonDerived = {
    ...searchWordsOf(person),
    ...dates,
    followUp: schedule ? { reason: schedule.reason, since: schedule.since, dueOn: schedule.dueOn, soonFrom: schedule.soonFrom } : null,
  };
  await repos.people.saveDerived(accountId, personId, derived);
  return { ...person, ...dates, followUp: derived.followUp };
}
