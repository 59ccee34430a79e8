// Today's suggestions: the short list of who to contact, why, what to mention and in what words. The web app's Today
// screen, `kith due`, the API and the e-mail digest all show this one list. The order is core/suggestions.ts; the
// words are the account's templates (core/message-template.ts).
import type { AppContext } from './context.js';
import { addDays, localDateOf, type CalendarDate } from '../core/calendar-date.js';
import { draftFollowUp, type FollowUpDraft } from '../core/follow-up-draft.js';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, PLACEHOLDERS_FOR, TEMPLATE_REASONS, validateTemplate, type MessageTemplate, type Placeholder, type TemplateReason } from '../core/message-template.js';
import { rankSuggestions, type SuggestionKind } from '../core/suggestions.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { CommonalityKind, InteractionKind } from '../core/types.js';
import type { FollowUpItem, FollowUpService } from './follow-up.service.js';
import type { PeopleService } from './people.service.js';

export type { SuggestionKind } from '../core/suggestions.js';

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

/** A person matching something to share, as the share service finds them. */
export interface ShareCandidate {
  shareId: string;
  title: string;
  link: string | null;
  personId: string;
  fullName: string;
  company: string | null;
  email: string | null;
  /** 0–1. */
  score: number;
  commonality: { kind: CommonalityKind; text: string };
  reasonText: string;
}

/** What the suggestions need of things to share (the share service). */
export interface ShareSource {
  suggestionCandidates(accountId: string, limit: number): Promise<ShareCandidate[]>;
  markSent(accountId: string, shareId: string, personId: string): Promise<unknown>;
  dismiss(accountId: string, shareId: string, personId: string): Promise<unknown>;
}

export interface TemplateView extends MessageTemplate {
  reason: TemplateReason;
  /** True while the account uses Kith's own words for this reason. */
  isDefault: boolean;
  updatedAt: string | null;
  placeholders: { name: Placeholder; meaning: string }[];
}

/** How a suggestion was acted on: each logs a touch of that kind. */
export const SUGGESTION_ACTIONS = ['email', 'call', 'meeting', 'message'] as const satisfies readonly InteractionKind[];
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

type ParsedKey = { kind: 'person'; personId: string } | { kind: 'promise'; promiseId: string } | { kind: 'share'; shareId: string; personId: string };

const ID = '[0-9A-Za-z-]{1,64}';
const KEY = new RegExp(`^(?:person:(${ID})|promise:(${ID})|share:(${ID}):(${ID}))$`);

function parseKey(key: string): ParsedKey {
  const match = KEY.exec(key);
  if (!match) throw new ValidationError([{ path: 'key', message: 'must be person:<id>, promise:<id> or share:<shareId>:<personId>, as given in the list' }]);
  if (match[1]) return { kind: 'person', personId: match[1] };
  if (match[2]) return { kind: 'promise', promiseId: match[2] };
  return { kind: 'share', shareId: match[3]!, personId: match[4]! };
}

export class SuggestionService {
  private shares: ShareSource | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly followUps: FollowUpService,
    private readonly people: PeopleService,
  ) {}

  /** Things to share join the list once the share service is there (it is created after this one). */
  useShares(shares: ShareSource): void {
    this.shares = shares;
  }

  /** At most the account's `dailySuggestions`, best first, one per person (core/suggestions.ts says the order). */
  async today(accountId: string): Promise<SuggestionList> {
    const repos = this.ctx.store.repos;
    const settings = await repos.accounts.getSettings(accountId);
    const today = localDateOf(this.ctx.clock.now(), settings.timeZone);
    const limit = settings.dailySuggestions;
    const [setAside, templates] = await Promise.all([repos.suggestions.setAside(accountId, today), repos.suggestions.templates(accountId)]);
    // Enough of each kind that what is set aside or a second reason for one person never leaves the list short.
    const fetch = limit * 2 + setAside.size;
    const context = { settings, today, templates };
    const [firsts, list, shares] = await Promise.all([
      this.followUps.items(accountId, context, fetch, { only: 'first_follow_up' }),
      this.followUps.items(accountId, context, fetch),
      this.shares ? this.shares.suggestionCandidates(accountId, fetch) : Promise.resolve([]),
    ]);

    type Candidate = { key: string; kind: SuggestionKind; personId: string; state: Suggestion['state']; dueOn: CalendarDate; score?: number; build: () => Suggestion };
    const candidates: Candidate[] = [
      ...[...firsts.items, ...list.items].map((item): Candidate => {
        const key = item.kind === 'promise' ? `promise:${item.promiseId}` : `person:${item.personId}`;
        return { key, kind: item.reason, personId: item.personId, state: item.state, dueOn: item.dueOn, build: () => fromFollowUp(key, item) };
      }),
      ...shares.map((share): Candidate => {
        const key = `share:${share.shareId}:${share.personId}`;
        return {
          key,
          kind: 'share',
          personId: share.personId,
          state: 'due',
          dueOn: today,
          score: share.score,
          build: () => ({
            key,
            kind: 'share',
            personId: share.personId,
            fullName: share.fullName,
            company: share.company,
            email: share.email,
            reasonText: share.reasonText,
            state: 'due',
            dueOn: today,
            since: today,
            commonality: share.commonality,
            eventId: null,
            eventName: null,
            promiseId: null,
            share: { id: share.shareId, title: share.title, link: share.link },
            draft: draftFollowUp({ reason: 'share', fullName: share.fullName, shareTitle: share.title, shareLink: share.link, commonality: share.commonality }, templates.share),
          }),
        };
      }),
    ];
    // A first follow-up found by both queries is one candidate.
    const unique = candidates.filter((c, i) => candidates.findIndex((d) => d.key === c.key) === i);
    return { today, items: rankSuggestions(unique, { limit, today, setAside }).map((c) => c.build()) };
  }

  /** Done: logs a touch of that kind (a kept promise is marked done too; a thing shared is marked sent). */
  async act(accountId: string, key: string, action: SuggestionAction, summary?: string | null): Promise<void> {
    const parsed = parseKey(key);
    switch (parsed.kind) {
      case 'person':
        await this.people.logTouch(accountId, parsed.personId, { kind: action, summary: summary ?? 'Followed up' });
        return;
      case 'promise': {
        const promise = await this.requirePromise(accountId, parsed.promiseId);
        await this.people.setPromiseDone(accountId, promise.id, true);
        await this.people.logTouch(accountId, promise.personId, { kind: action, summary: summary ?? `Kept my promise: ${promise.text}` });
        return;
      }
      case 'share':
        await this.requireShares().markSent(accountId, parsed.shareId, parsed.personId);
        return;
    }
  }

  /**
   * Not now: the suggestion leaves today's list and comes back after `days` (1: tomorrow). A person's follow-up is
   * snoozed (its due day moves); a promise keeps its due day but stays off the list; a match to share stays off too.
   */
  async setAside(accountId: string, key: string, days: number): Promise<{ until: CalendarDate }> {
    const parsed = parseKey(key);
    const settings = await this.ctx.store.repos.accounts.getSettings(accountId);
    const today = localDateOf(this.ctx.clock.now(), settings.timeZone);
    const until = addDays(today, days);
    if (parsed.kind === 'person') {
      await this.people.snooze(accountId, parsed.personId, { until });
      return { until };
    }
    if (parsed.kind === 'promise') await this.requirePromise(accountId, parsed.promiseId);
    else if (!(await this.ctx.store.repos.people.exists(accountId, parsed.personId))) throw new NotFoundError('KITH_PERSON_NOT_FOUND', 'no such person');
    await this.ctx.store.transaction(async (repos) => {
      await repos.suggestions.forgetSetAsideBefore(accountId, today);
      await repos.suggestions.setAsideUntil(accountId, key, addDays(until, -1), this.ctx.clock.now().toISOString());
    });
    return { until };
  }

  /** Never for them: a match to share is not suggested again for that person. Only matches can be dismissed. */
  async dismiss(accountId: string, key: string): Promise<void> {
    const parsed = parseKey(key);
    if (parsed.kind !== 'share') throw new ValidationError([{ path: 'key', message: 'only a thing to share can be dismissed for good; set a follow-up or a promise aside instead' }]);
    await this.requireShares().dismiss(accountId, parsed.shareId, parsed.personId);
  }

  async templates(accountId: string): Promise<TemplateView[]> {
    const saved = await this.ctx.store.repos.suggestions.templates(accountId);
    return TEMPLATE_REASONS.map((reason) => view(reason, saved[reason] ?? null));
  }

  async saveTemplate(accountId: string, reason: string, template: MessageTemplate): Promise<TemplateView> {
    const known = requireReason(reason);
    validateTemplate(known, template);
    const at = this.ctx.clock.now().toISOString();
    await this.ctx.store.repos.suggestions.saveTemplate(accountId, known, template, at);
    return view(known, { ...template, updatedAt: at });
  }

  async resetTemplate(accountId: string, reason: string): Promise<TemplateView> {
    const known = requireReason(reason);
    await this.ctx.store.repos.suggestions.resetTemplate(accountId, known);
    return view(known, null);
  }

  private async requirePromise(accountId: string, promiseId: string) {
    const promise = await this.ctx.store.repos.activity.getPromise(accountId, promiseId);
    if (!promise) throw new NotFoundError('KITH_PROMISE_NOT_FOUND', 'no such promise');
    return promise;
  }

  private requireShares(): ShareSource {
    if (!this.shares) throw new NotFoundError('KITH_SHARE_NOT_FOUND', 'no such thing to share');
    return this.shares;
  }
}

function requireReason(reason: string): TemplateReason {
  if (!(TEMPLATE_REASONS as readonly string[]).includes(reason)) {
    throw new NotFoundError('KITH_TEMPLATE_NOT_FOUND', `no template "${reason}": the templates are ${TEMPLATE_REASONS.join(', ')}`);
  }
  return reason as TemplateReason;
}

function view(reason: TemplateReason, saved: (MessageTemplate & { updatedAt: string }) | null): TemplateView {
  const words = saved ?? DEFAULT_TEMPLATES[reason];
  return {
    reason,
    subject: words.subject,
    body: words.body,
    short: words.short,
    isDefault: saved === null,
    updatedAt: saved?.updatedAt ?? null,
    placeholders: PLACEHOLDERS_FOR[reason].map((name) => ({ name, meaning: PLACEHOLDERS[name] })),
  };
}

function fromFollowUp(key: string, item: FollowUpItem): Suggestion {
  return {
    key,
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
  };
}
