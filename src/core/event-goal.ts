// Habit 2: every event carries a goal of new people to meet. Progress counts only people who were new
// when met there; someone already known, met again, is welcome but does not count toward the goal.
import type { CalendarDate } from './calendar-date.js';

export interface GoalProgress {
  goal: number;
  met: number;
  remaining: number;
  reached: boolean;
  /** "1 of 3" */
  label: string;
}

export function goalProgress(goal: number, newPeopleMet: number): GoalProgress {
  const remaining = Math.max(0, goal - newPeopleMet);
  return { goal, met: newPeopleMet, remaining, reached: newPeopleMet >= goal, label: `${newPeopleMet} of ${goal}` };
}

export interface RecapPerson {
  personId: string;
  fullName: string;
  isNew: boolean;
  followUpDueOn: CalendarDate | null;
}

export interface RecapPromise {
  personId: string;
  text: string;
  dueOn: CalendarDate;
}

export interface EventRecap {
  progress: GoalProgress;
  newPeople: number;
  knownPeople: number;
  followUpsScheduled: number;
  promisesMade: number;
  summary: string;
}

export function eventRecap(eventName: string, goal: number, people: RecapPerson[], promises: RecapPromise[]): EventRecap {
  const newPeople = people.filter((p) => p.isNew).length;
  const progress = goalProgress(goal, newPeople);
  const followUpsScheduled = people.filter((p) => p.followUpDueOn !== null).length;
  const verdict = progress.reached
    ? newPeople > goal
      ? 'goal beaten'
      : 'goal reached'
    : `${progress.remaining} short of the goal`;
  const again = people.length - newPeople;
  const parts = [`At ${eventName} you met ${newPeople} new ${newPeople === 1 ? 'person' : 'people'} of a goal of ${goal} (${verdict})`];
  if (again > 0) parts.push(`saw ${again} you already knew`);
  parts.push(`${followUpsScheduled} follow-up${followUpsScheduled === 1 ? '' : 's'} scheduled`);
  if (promises.length > 0) parts.push(`${promises.length} promise${promises.length === 1 ? '' : 's'} to keep`);
  return {
    progress,
    newPeople,
    knownPeople: again,
    followUpsScheduled,
    promisesMade: promises.length,
    summary: parts.join(', ') + '.',
  };
}
