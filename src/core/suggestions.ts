// Which few people to suggest today, in what order. The list is short on purpose (DESIGN.md: at most 3 a day by
// default), so the order is the product: first follow-ups after an event while the meeting is fresh, then promises I
// owe (nearest due first), then keep-in-touch follow-ups that are overdue or due, then people who match something
// to share (best match first), and only then keep-in-touch follow-ups that are merely coming up. A person appears
// once, for their first reason in that order; a suggestion set aside ("not now") stays away until its day.
import type { CalendarDate } from './calendar-date.js';

export type SuggestionKind = 'first_follow_up' | 'promise' | 'cadence' | 'share';

export interface SuggestionCandidate {
  /** `person:<id>`, `promise:<id>` or `share:<shareId>:<personId>`. */
  key: string;
  kind: SuggestionKind;
  personId: string;
  state: 'overdue' | 'due' | 'soon';
  dueOn: CalendarDate;
  /** For a thing to share: how well it matches, 0–1. */
  score?: number;
}

/** The rank of a candidate's group: lower comes first. */
function group(candidate: SuggestionCandidate): number {
  switch (candidate.kind) {
    case 'first_follow_up':
      return 0;
    case 'promise':
      return 1;
    case 'cadence':
      return candidate.state === 'soon' ? 4 : 2;
    case 'share':
      return 3;
  }
}

export function compareSuggestions(a: SuggestionCandidate, b: SuggestionCandidate): number {
  return (
    group(a) - group(b) ||
    (a.kind === 'share' && b.kind === 'share' ? (b.score ?? 0) - (a.score ?? 0) : a.dueOn.localeCompare(b.dueOn)) ||
    a.key.localeCompare(b.key)
  );
}

/**
 * Today's suggestions: ranked, one per person, those set aside until after `today` left out, at most `limit`.
 * `setAside` maps a key to the last day it stays hidden (a "not now" until tomorrow is hidden through today).
 */
export function rankSuggestions<T extends SuggestionCandidate>(
  candidates: readonly T[],
  options: { limit: number; today: CalendarDate; setAside: ReadonlyMap<string, CalendarDate> },
): T[] {
  const chosen: T[] = [];
  const people = new Set<string>();
  for (const candidate of [...candidates].sort(compareSuggestions)) {
    if (chosen.length >= options.limit) break;
    const hiddenThrough = options.setAside.get(candidate.key);
    if (hiddenThrough !== undefined && hiddenThrough >= options.today) continue;
    if (people.has(candidate.personId)) continue;
    people.add(candidate.personId);
    chosen.push(candidate);
  }
  return chosen;
}
