// Things to share (tip 4: "a shared opera passion, and you heard of a show that is coming to town"): kept per account,
// matched with people's commonalities through the commonality_terms index, sent (a touch) or dismissed per person.
import type { ShareCandidate } from './suggestions.service.js';
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { PeopleService } from './people.service.js';
import type { DeliveryRecord, ShareListItem, ShareRecord } from '../db/repositories/share.repository.js';
import type { CommonalityKind } from '../core/types.js';
import type { InteractionRecord } from '../core/records.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../core/errors.js';
import { bestPerPerson, compareMatches, matchReason, pageOfBest, saysTopicInSameWords, scoreTerms, shareTermsOf, shareTopicsOf, termsOf, type RankedMatch } from '../core/topic-match.js';
import { suggestCommonalities, type CommonalityHint } from '../core/commonality-hints.js';

export const MAX_TOPICS = 10;
export const MAX_TOPIC_LENGTH = 60;
export const MAX_TITLE_LENGTH = 200;

export interface ShareInput {
  title: string;
  link?: string | null | undefined;
  topics: string[];
  note?: string | null | undefined;
}

export type SharePatch = Partial<ShareInput> & { archived?: boolean | undefined };

export interface ShareDetail {
  share: ShareRecord;
  deliveries: DeliveryRecord[];
}

export interface ShareMatch {
  personId: string;
  fullName: string;
  company: string | null;
  email: string | null;
  /** 0–1: the part of the share's topics found in the commonality. */
  score: number;
  commonality: { id: string; kind: CommonalityKind; text: string };
  /** The share's topic that matched. */
  topic: string;
  /** Why, in words: "Jane loves opera". */
  reasonText: string;
}

type PoolMatch = RankedMatch & { share: ShareRecord };
/** How long a candidate pool is kept, how many matches of each share it holds, and for how many accounts. */
const POOL_MINUTES = 5;
const POOL_DEPTH = 50;
const POOL_ACCOUNTS = 200;

const blankToNull = (value: string | null | undefined): string | null => value?.trim() || null;
const round = (score: number) => Math.round(score * 1000) / 1000;
/** How many touch summaries, newest first, commonality suggestions read besides the notes. */
const TOUCHES_READ = 10;

/** Checks and tidies a link: http or https only. */
function checkLink(link: string | null | undefined, issues: FieldIssue[]): string | null {
  const value = blankToNull(link);
  if (value === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    issues.push({ path: 'link', message: 'must be a web address starting with http:// or https://' });
    return null;
  }
  return value;
}

/** Checks topics: 1–10, each short with a word to match on; the same topic twice is kept once. */
function checkTopics(topics: string[], issues: FieldIssue[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  if (topics.length === 0) issues.push({ path: 'topics', message: 'give at least one topic, e.g. "opera"' });
  if (topics.length > MAX_TOPICS) issues.push({ path: 'topics', message: `at most ${MAX_TOPICS} topics` });
  for (const [i, raw] of topics.entries()) {
    const topic = raw.trim().replace(/\s+/g, ' ');
    if (!topic) issues.push({ path: `topics[${i}]`, message: 'is empty' });
    else if (topic.length > MAX_TOPIC_LENGTH) issues.push({ path: `topics[${i}]`, message: `is longer than ${MAX_TOPIC_LENGTH} characters; a topic is a few words, e.g. "opera"` });
    else if (termsOf(topic).length === 0) issues.push({ path: `topics[${i}]`, message: `has no word to match on ("${topic}"); name the topic, e.g. "opera"` });
    else {
      const key = termsOf(topic).join(' ');
      if (!seen.has(key)) out.push(topic);
      seen.add(key);
    }
  }
  return out;
}

function checkTitle(title: string, issues: FieldIssue[]): string {
  const value = title.trim();
  if (!value) issues.push({ path: 'title', message: 'say what it is, e.g. "La Traviata at the Civic Opera, 12 March"' });
  else if (value.length > MAX_TITLE_LENGTH) issues.push({ path: 'title', message: `is longer than ${MAX_TITLE_LENGTH} characters` });
  return value;
}

export class ShareService {
  /** Per account: the daily list's candidate pool (see candidatePool). */
  private readonly pools = new Map<string, { fingerprint: string; until: number; depth: number; pool: PoolMatch[] }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeopleService,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  private async require(repos: Repositories, accountId: string, shareId: string): Promise<ShareRecord> {
    const share = await repos.shares.get(accountId, shareId);
    if (!share) throw new NotFoundError('KITH_SHARE_NOT_FOUND', `no thing to share with id ${shareId}`, { shareId });
    return share;
  }

  async create(accountId: string, input: ShareInput): Promise<ShareRecord> {
    const issues: FieldIssue[] = [];
    const title = checkTitle(input.title, issues);
    const link = checkLink(input.link, issues);
    const topics = checkTopics(input.topics, issues);
    if (issues.length > 0) throw new ValidationError(issues);
    const at = this.now();
    const share: ShareRecord = { id: this.ctx.newId(), title, link, topics, note: blankToNull(input.note), archivedAt: null, createdAt: at, updatedAt: at };
    await this.ctx.store.transaction((repos) => repos.shares.insert(accountId, share));
    return share;
  }

  list(accountId: string, options: { includeArchived?: boolean | undefined } = {}): Promise<ShareListItem[]> {
    return this.ctx.store.repos.shares.list(accountId, options.includeArchived ?? false);
  }

  async get(accountId: string, shareId: string): Promise<ShareDetail> {
    const repos = this.ctx.store.repos;
    const share = await this.require(repos, accountId, shareId);
    return { share, deliveries: await repos.shares.deliveries(accountId, [shareId]) };
  }

  async update(accountId: string, shareId: string, patch: SharePatch): Promise<ShareRecord> {
    const issues: FieldIssue[] = [];
    const fields: Parameters<Repositories['shares']['update']>[2] = {};
    if (patch.title !== undefined) fields.title = checkTitle(patch.title, issues);
    if (patch.link !== undefined) fields.link = checkLink(patch.link, issues);
    if (patch.topics !== undefined) fields.topics = checkTopics(patch.topics, issues);
    if (patch.note !== undefined) fields.note = blankToNull(patch.note);
    if (issues.length > 0) throw new ValidationError(issues);
    return this.ctx.store.transaction(async (repos) => {
      const share = await this.require(repos, accountId, shareId);
      const at = this.now();
      if (patch.archived !== undefined) fields.archivedAt = patch.archived ? (share.archivedAt ?? at) : null;
      await repos.shares.update(accountId, shareId, fields, at);
      return (await repos.shares.get(accountId, shareId))!;
    });
  }

  async delete(accountId: string, shareId: string): Promise<void> {
    const deleted = await this.ctx.store.transaction((repos) => repos.shares.delete(accountId, shareId));
    if (!deleted) throw new NotFoundError('KITH_SHARE_NOT_FOUND', `no thing to share with id ${shareId}`, { shareId });
  }

  /**
   * Every commonality that matches each share, scored (unsorted; pageOfBest ranks them); not of the people a share was
   * sent to or dismissed for, nor of deleted people. One query on the term index serves all the shares.
   */
  private async rank(repos: Repositories, accountId: string, shares: ShareRecord[], delivered: DeliveryRecord[]): Promise<Map<string, RankedMatch[]>> {
    const topicsOf = new Map(shares.map((s) => [s.id, shareTopicsOf(s.topics)]));
    const terms = [...new Set([...topicsOf.values()].flatMap((t) => shareTermsOf(t)))];
    const [hits, deleted] = await Promise.all([repos.shares.termHits(accountId, terms), repos.shares.deletedPeople(accountId)]);
    const found = new Map<string, { personId: string; kind: CommonalityKind; termCount: number; present: string[] }>();
    // Which commonalities hold each term: a share looks only at those holding one of its own terms, not at every
    // commonality any active share found (four shares over 100k people: 226 → see docs/benchmarks.md).
    const byTerm = new Map<string, string[]>();
    for (const hit of hits) {
      if (deleted.has(hit.personId)) continue;
      const entry = found.get(hit.commonalityId);
      if (entry) entry.present.push(hit.term);
      else found.set(hit.commonalityId, { personId: hit.personId, kind: hit.kind, termCount: hit.termCount, present: [hit.term] });
      const holders = byTerm.get(hit.term);
      if (holders) holders.push(hit.commonalityId);
      else byTerm.set(hit.term, [hit.commonalityId]);
    }
    const ranked = new Map<string, RankedMatch[]>();
    for (const share of shares) {
      const topics = topicsOf.get(share.id)!;
      const exclude = new Set(delivered.filter((d) => d.shareId === share.id).map((d) => d.personId));
      const matches: RankedMatch[] = [];
      const own = shareTermsOf(topics);
      const holding = own.length === 1 ? (byTerm.get(own[0]!) ?? []) : [...new Set(own.flatMap((t) => byTerm.get(t) ?? []))];
      for (const commonalityId of holding) {
        const c = found.get(commonalityId)!;
        if (exclude.has(c.personId)) continue;
        const score = scoreTerms(topics, c.present, c.termCount);
        // An object literal, not a spread: this runs for every candidate, and spreading costs ten times as much.
        if (score) matches.push({ score: score.score, coverage: score.coverage, topic: score.topic, personId: c.personId, kind: c.kind, commonalityId });
      }
      ranked.set(share.id, matches);
    }
    return ranked;
  }

  /** What a page of matches shows: the person's name, company and e-mail, the commonality's words and the reason. */
  private async describe(repos: Repositories, accountId: string, page: { match: RankedMatch; share: ShareRecord }[]) {
    const people = await repos.people.getMany(accountId, [...new Set(page.map((p) => p.match.personId))]);
    const byId = new Map(people.map((p) => [p.id, p]));
    return page.flatMap(({ match, share }) => {
      const person = byId.get(match.personId);
      const text = person?.commonalities.find((c) => c.id === match.commonalityId)?.text;
      if (!person || text === undefined) return [];
      const sameWords = saysTopicInSameWords(shareTopicsOf(share.topics), match.topic, text);
      return [{
        match,
        share,
        fullName: person.fullName,
        company: person.company,
        email: person.emails[0]?.value ?? null,
        text,
        reasonText: matchReason(person.fullName, match.kind, text, { topic: match.topic, sameWords }),
      }];
    });
  }

  async matches(accountId: string, shareId: string, limit: number, offset: number): Promise<{ share: ShareRecord; items: ShareMatch[]; total: number }> {
    const repos = this.ctx.store.repos;
    const share = await this.require(repos, accountId, shareId);
    const delivered = await repos.shares.deliveries(accountId, [shareId]);
    const ranked = pageOfBest((await this.rank(repos, accountId, [share], delivered)).get(shareId)!, offset, limit);
    const page = await this.describe(repos, accountId, ranked.items.map((match) => ({ match, share })));
    const items = page.map((d): ShareMatch => ({
      personId: d.match.personId,
      fullName: d.fullName,
      company: d.company,
      email: d.email,
      score: round(d.match.score),
      commonality: { id: d.match.commonalityId, kind: d.match.kind, text: d.text },
      topic: d.match.topic,
      reasonText: d.reasonText,
    }));
    return { share, items, total: ranked.total };
  }

  /**
   * The best matches across the account's active shares for the daily suggestions: people not yet sent or dismissed
   * for that share, each person once (their best match; an older share wins a tie), best first, at most `limit`.
   */
  async suggestionCandidates(accountId: string, limit: number): Promise<ShareCandidate[]> {
    const repos = this.ctx.store.repos;
    const shares = await repos.shares.active(accountId);
    if (shares.length === 0 || limit <= 0) return [];
    const delivered = await repos.shares.deliveries(accountId, shares.map((s) => s.id));
    const pool = await this.candidatePool(repos, accountId, shares, delivered, limit);
    // What was sent or set aside since the pool was made is left out here, so that it never comes back.
    const done = new Set(delivered.map((d) => `${d.shareId} ${d.personId}`));
    const open = pool.filter((m) => !done.has(`${m.share.id} ${m.personId}`));
    const best = bestPerPerson(open).sort(compareMatches).slice(0, limit);
    const page = await this.describe(repos, accountId, best.map((m) => ({ match: m, share: m.share })));
    return page.map((d) => ({
      shareId: d.share.id,
      title: d.share.title,
      link: d.share.link,
      personId: d.match.personId,
      fullName: d.fullName,
      company: d.company,
      email: d.email,
      score: round(d.match.score),
      commonality: { kind: d.match.kind, text: d.text },
      reasonText: d.reasonText,
    }));
  }

  /**
   * The best matches of each active share for the daily list, kept for a few minutes: ranking every commonality of a
   * large account against its shares takes a fifth of a second (docs/benchmarks.md), and Today asks for the list each
   * time it opens. The pool is made again when the shares change (any server: they are compared, not notified), when
   * it is older than POOL_MINUTES (a commonality added meanwhile waits that long), or when what was sent or set aside
   * since has used up a share's part of it.
   */
  private async candidatePool(repos: Repositories, accountId: string, shares: ShareRecord[], delivered: DeliveryRecord[], limit: number): Promise<PoolMatch[]> {
    const fingerprint = JSON.stringify(shares.map((s) => [s.id, s.topics]));
    const kept = this.pools.get(accountId);
    const now = this.ctx.clock.now().getTime();
    if (kept && kept.fingerprint === fingerprint && kept.until > now && kept.depth >= limit) {
      const spent = shares.some((share) => {
        const part = kept.pool.filter((m) => m.share.id === share.id);
        const gone = new Set(delivered.filter((d) => d.shareId === share.id).map((d) => d.personId));
        return part.length >= kept.depth && part.filter((m) => !gone.has(m.personId)).length < limit;
      });
      if (!spent) return kept.pool;
    }
    const ranked = await this.rank(repos, accountId, shares, delivered);
    // Deep enough that a day of sending and setting aside does not use a share's part up.
    const depth = Math.max(POOL_DEPTH, limit * 4);
    const pool = shares.flatMap((share) => pageOfBest(ranked.get(share.id)!, 0, depth).items.map((m) => ({ ...m, share })));
    if (this.pools.size >= POOL_ACCOUNTS) this.pools.delete(this.pools.keys().next().value!);
    this.pools.set(accountId, { fingerprint, until: now + POOL_MINUTES * 60_000, depth, pool });
    return pool;
  }

  /** Forgets every kept candidate pool (benchmarks measure the daily list with and without one). */
  forgetCandidatePools(): void {
    this.pools.clear();
  }

  /** Sent: logs a "sent something" touch and marks the share as sent to them, in one transaction. */
  async markSent(accountId: string, shareId: string, personId: string): Promise<{ delivery: DeliveryRecord; interaction: InteractionRecord }> {
    return this.ctx.store.transaction(async (repos) => {
      const share = await this.require(repos, accountId, shareId);
      const { interaction } = await this.people.logTouchIn(repos, accountId, personId, { kind: 'sent_something', summary: `Shared: ${share.title}` });
      const delivery: DeliveryRecord = { shareId, personId, state: 'sent', at: interaction.createdAt };
      await repos.shares.putDelivery(accountId, delivery);
      return { delivery, interaction };
    });
  }

  /** "Not for them": hides the person for this share. A share already sent stays sent. */
  async dismiss(accountId: string, shareId: string, personId: string): Promise<DeliveryRecord> {
    return this.ctx.store.transaction(async (repos) => {
      await this.require(repos, accountId, shareId);
      await this.people.requirePerson(repos, accountId, personId);
      const earlier = await repos.shares.delivery(accountId, shareId, personId);
      if (earlier?.state === 'sent') return earlier;
      const delivery: DeliveryRecord = { shareId, personId, state: 'dismissed', at: this.now() };
      await repos.shares.putDelivery(accountId, delivery);
      return delivery;
    });
  }

  /** Commonalities suggested by the person's notes and latest touch summaries, minus those they already have. */
  async commonalitySuggestions(accountId: string, personId: string): Promise<CommonalityHint[]> {
    const repos = this.ctx.store.repos;
    const person = await repos.people.get(accountId, personId);
    if (!person) throw new NotFoundError('KITH_PERSON_NOT_FOUND', `no person with id ${personId}`, { personId });
    const touches = await repos.activity.interactionsOf(accountId, personId, TOUCHES_READ);
    // "Shared: <title>" summaries are Kith's own words about a thing sent, not about the person.
    const summaries = touches.filter((t) => t.kind !== 'sent_something').map((t) => t.summary ?? '');
    return suggestCommonalities([person.notes ?? '', ...summaries], person.commonalities.map((c) => c.topic));
  }
}
