// Today's suggestions: the short list of who to contact, why, what to mention and in what words. The web app's Today
// screen, `kith due`, the API and the e-mail digest all show this one list.
import type { AppContext } from './context.js';
import type { CalendarDate } from '../core/calendar-date.js';
import type { FollowUpDraft } from '../core/follow-up-draft.js';
import type { CommonalityKind } from '../core/types.js';
import type { FollowUpService } from './follow-up.service.js';

export type SuggestionKind = 'first_follow_up' | 'promise' | 'cadence' | 'share';

export interface Suggestion {
  /** Stable for the thing suggested: `person:<id>`, `promise:<id>` or `share:<shareId>:<personId>`. */
  key: string;
  kind: SuggestionKind;
  personId: string;
  fullName: string;
  company: string | null;
  /** The person's first e-mail address, for a mailto: link. */
  email: string | null;
  /** Why, in words: "You met Jane at the Chamber mixer 2 days ago: …". */
  reasonText: string;
  state: 'overdue' | 'due' | 'soon';
  dueOn: CalendarDate;
  since: CalendarDate;
  /** Something to mention. */
  commonality: { kind: CommonalityKind; text: string } | null;
  eventId: string | null;
  eventName: string | null;
  promiseId: string | null;
  /** For a thing to share: what, and where to find it. */
  share: { id: string; title: string; link: string | null } | null;
  /** A message to start from (from the account's templates): e-mail subject and body, and a short form for a text. */
  draft: FollowUpDraft;
}

export interface SuggestionList {
  /** The account's calendar day the list is for. */
  today: CalendarDate;
  items: Suggestion[];
}

export class SuggestionService {
  constructor(
    private readonly ctx: AppContext,
    private readonly followUps: FollowUpService,
  ) {}

  /** At most the account's `dailySuggestions`, best first, one per person. */
  async today(accountId: string): Promise<SuggestionList> {
    const settings = await this.ctx.store.repos.accounts.getSettings(accountId);
    const list = await this.followUps.list(accountId, settings.dailySuggestions);
    return {
      today: list.today,
      items: list.items.map((item) => ({
        key: item.kind === 'promise' ? `promise:${item.promiseId}` : `person:${item.personId}`,
        kind: item.reason,
        personId: item.personId,
        fullName: item.fullName,
        company: item.company,
        email: item.email,
        reasonText: item.reasonText,
        state: item.state,
        dueOn: item.dueOn,
        since: item.since,
        commonality: item.commonality,
        eventId: item.eventId,
        eventName: item.eventName,
        promiseId: item.promiseId,
        share: null,
        draft: item.draft,
      })),
    };
  }
}
