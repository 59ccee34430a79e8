// The account's settings: time zone, cadences, follow-up window, goal, region, whether the first run is done.
// Changing what the schedule depends on recomputes every person's follow-up and every open promise, in one transaction.
import type { AppContext } from './context.js';
import { followUpOf, sameFollowUp } from './person-derived.js';
import { ValidationError, type FieldIssue } from '../core/errors.js';
import { isValidTimeZone } from '../core/calendar-date.js';
import { defaultRegionOf, isValidRegion } from '../core/contact-values.js';
import { schedulePromise } from '../core/follow-up-schedule.js';
import type { SettingsRecord } from '../core/records.js';
import { STAGES } from '../core/types.js';

export type SettingsPatch = Partial<Omit<SettingsRecord, 'currentEventId' | 'cadenceDays'>> & {
  cadenceDays?: Partial<SettingsRecord['cadenceDays']> | undefined;
};

export class SettingsService {
  constructor(private readonly ctx: AppContext) {}

  get(accountId: string): Promise<SettingsRecord> {
    return this.ctx.store.repos.accounts.getSettings(accountId);
  }

  async update(accountId: string, patch: SettingsPatch): Promise<SettingsRecord> {
    return this.ctx.store.transaction(async (repos) => {
      const current = await repos.accounts.getSettings(accountId);
      const next: SettingsRecord = {
        ...current,
        ...Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'cadenceDays')),
        cadenceDays: { ...current.cadenceDays, ...(patch.cadenceDays ?? {}) },
      };
      // A new time zone brings its country's phone region along while the region is still the one the old zone gave
      // (the first run confirms the zone only); a region the request names, or one picked before, stays.
      if (patch.defaultRegion === undefined && next.timeZone !== current.timeZone && isValidTimeZone(next.timeZone) && current.defaultRegion === defaultRegionOf(current.timeZone)) {
        next.defaultRegion = defaultRegionOf(next.timeZone);
      }
      const issues: FieldIssue[] = [];
      if (!isValidTimeZone(next.timeZone)) issues.push({ path: 'timeZone', message: `"${next.timeZone}" is not an IANA time zone (e.g. Europe/London)` });
      if (!isValidRegion(next.defaultRegion)) issues.push({ path: 'defaultRegion', message: `"${next.defaultRegion}" is not a two-letter country code (e.g. GB)` });
      for (const stage of STAGES) {
        const days = next.cadenceDays[stage];
        if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) {
          issues.push({ path: `cadenceDays.${stage}`, message: 'must be a whole number of days from 1 to 3650, or null for none' });
        }
      }
      if (issues.length) throw new ValidationError(issues);
      const at = this.ctx.clock.now().toISOString();
      await repos.accounts.updateSettings(accountId, next, at);
      // Completing the first run again keeps the day it was first completed.
      if (next.onboarded !== current.onboarded) await repos.accounts.setOnboardedAt(accountId, next.onboarded ? at : null);

      const scheduleChanged =
        next.timeZone !== current.timeZone ||
        next.followUpWindowDays !== current.followUpWindowDays ||
        next.promiseDefaultDays !== current.promiseDefaultDays ||
        STAGES.some((s) => next.cadenceDays[s] !== current.cadenceDays[s]);
      if (scheduleChanged) {
        // The touch days are stored on each person, so one read gives every schedule; only changed ones are written.
        for (const person of await repos.peopleQueries.scheduleInputs(accountId)) {
          const followUp = followUpOf(person, next);
          if (!sameFollowUp(followUp, person.followUp)) await repos.people.saveFollowUp(accountId, person.id, followUp);
        }
        for (const promise of await repos.activity.openPromises(accountId)) {
          const schedule = schedulePromise(promise, next);
          await repos.activity.reschedulePromise(accountId, promise.id, schedule.dueOn, schedule.soonFrom);
        }
      }
      return next;
    });
  }
}
