// Figure: matching one thing to share against 100k people with 5 commonalities each (target ≤ 200 ms), through
// ShareService.matches (the indexed term query, scoring in JS, each person once, the first page with contacts).
// Baseline, measured in the same run: the plain indexed SELECT of one term of commonality_terms, without scoring.
// Seeds its own account directly with batched inserts (people, commonalities and their terms, as Kith stores them).
//
//   npx tsx bench/shares.bench.ts                    SQLite, 100k people
//   npx tsx bench/shares.bench.ts --postgres --people 20000
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { foldedWords } from '../src/core/text-fold.js';
import { normalizeTopic } from '../src/core/topic.js';
import { termsOf } from '../src/core/topic-match.js';
import type { CommonalityKind } from '../src/core/types.js';
import { openPostgresBench, openSqliteBench, type BenchDatabase } from './bench-db.js';
import type { BenchKit } from './seed.js';
import { COMPANIES, FIRST_NAMES, LAST_NAMES, mulberry32, pick, type Rng } from './seed-data.js';
import { distribution, formatMs, median, timed, type Distribution } from './stats.js';
import { formatTable, type FigureRow } from './report.js';

export const SHARE_MATCH_TARGET_MS = 200;
const COMMONALITIES_PER_PERSON = 5;
const PEOPLE_PER_BATCH = 2000;
/** Bind parameters per statement: SQLite allows 32 766, PostgreSQL 65 535. */
const MAX_PARAMS = { sqlite: 30_000, postgres: 60_000 } as const;

// About 330 topics, so that one topic word ("opera") sits in about 1 in 30 commonalities: a popular interest.
const HOBBIES = ['opera', 'jazz', 'chess', 'sailing', 'climbing', 'photography', 'baking', 'cycling', 'wine', 'golf', 'tennis', 'football', 'hiking', 'poetry', 'theatre', 'cinema', 'gardening', 'yoga', 'surfing', 'skiing', 'pottery', 'astronomy', 'history', 'architecture', 'podcasts', 'travel', 'cooking', 'swimming', 'board games', 'café culture'];
const MODIFIERS = ['', 'vintage', 'modern', 'amateur', 'classic', 'Italian', 'French', 'local', 'indie', 'competitive'];
const CHALLENGES = ['hiring engineers', 'recruiting designers', 'fundraising', 'raising a seed round', 'scaling support', 'burnout', 'moving to Zürich', 'learning Spanish', 'customer churn', 'pricing', 'marketing on a budget', 'building a sales pipeline', 'managing remote teams', 'a security audit', 'finding a cofounder', 'struggling to hire data engineers', 'expanding to Germany', 'cash flow', 'board meetings', 'investor updates'];
const SHARED = ['same university', 'both from Kraków', 'ex-Globex', 'same running club', 'went to MIT', 'both lived in Lisbon', 'same choir', 'same coworking space'];
const PERSONAL = ['two kids', 'a dog called Crème', 'new baby', 'training for a marathon', 'loves Malmö', 'just married', 'moving house', 'on a sabbatical'];

const VOCABULARY: { kind: CommonalityKind; text: string }[] = [
  ...HOBBIES.flatMap((h) => MODIFIERS.map((m) => ({ kind: 'interest' as const, text: m ? `${m} ${h}` : h }))),
  ...CHALLENGES.map((text) => ({ kind: 'challenge' as const, text })),
  ...SHARED.map((text) => ({ kind: 'shared' as const, text })),
  ...PERSONAL.map((text) => ({ kind: 'personal' as const, text })),
];

/** The things matched, each a realistic share: a popular single topic, a close-form topic, two topics, a phrase. */
const SHARES = [
  { title: 'La Traviata at the Civic Opera, 12 March', topics: ['opera'] },
  { title: 'White paper: remote hiring', topics: ['hiring'] },
  { title: 'Jazz brunch at the Blue Note', topics: ['jazz', 'café culture'] },
  { title: 'Data engineering meetup', topics: ['data engineering'] },
];

export interface ShareMatchFigures {
  dialect: string;
  people: number;
  commonalities: number;
  terms: number;
  seedMs: number;
  /** ShareService.matches, first page of 50, over all the shares in turn. */
  match: Distribution;
  /** Medians per share, with how many people matched. */
  perShare: { title: string; medianMs: number; matched: number }[];
  /** The plain indexed SELECT of one term ("opera"), no joins, no scoring. */
  baseline: Distribution;
  /** suggestionCandidates across all four shares (for the daily suggestions), for information. */
  suggestions: Distribution;
  /** The same with the share candidates worked out again each time. */
  suggestionsCold: Distribution;
}

const uuid = (prefix: number, n: number) => `${prefix.toString(16).padStart(8, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

async function seed(kit: BenchKit, people: number, rng: Rng): Promise<{ accountId: string; commonalities: number; terms: number; seedMs: number }> {
  const started = performance.now();
  const { store, services } = kit;
  const account = await services.auth.signUp({ email: 'shares-bench@example.com', password: 'correct horse battery staple', timeZone: 'Europe/London' });
  const accountId = account.id;
  const maxParams = MAX_PARAMS[store.dialect];
  const termCache = new Map<string, string[]>();
  const at = new Date().toISOString();
  let commonalities = 0;
  let terms = 0;
  for (let start = 0; start < people; start += PEOPLE_PER_BATCH) {
    const personRows: Insertable<Database['people']>[] = [];
    const commonalityRows: Insertable<Database['commonalities']>[] = [];
    const termRows: Insertable<Database['commonality_terms']>[] = [];
    for (let i = start; i < Math.min(people, start + PEOPLE_PER_BATCH); i++) {
      const id = uuid(1, i);
      const fullName = `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
      const mine = new Set<number>();
      while (mine.size < COMMONALITIES_PER_PERSON) mine.add(Math.floor(rng() * VOCABULARY.length));
      const texts = [...mine].map((k) => VOCABULARY[k]!);
      personRows.push({
        id, account_id: accountId, full_name: fullName, company: pick(rng, COMPANIES), stage: 'met', source: 'typed',
        search_name: foldedWords(fullName).join(' '), search_rest: texts.flatMap((c) => foldedWords(c.text)).join(' '), company_key: '',
        created_at: at, updated_at: at,
      });
      for (const [j, c] of texts.entries()) {
        const commonalityId = uuid(2, i * COMMONALITIES_PER_PERSON + j);
        commonalityRows.push({ id: commonalityId, account_id: accountId, person_id: id, kind: c.kind, text: c.text, topic: normalizeTopic(c.text), created_at: at });
        let cTerms = termCache.get(c.text);
        if (!cTerms) termCache.set(c.text, (cTerms = termsOf(c.text)));
        for (const term of cTerms) termRows.push({ account_id: accountId, term, person_id: id, commonality_id: commonalityId, kind: c.kind, term_count: cTerms.length });
      }
    }
    await store.db.transaction().execute(async (trx) => {
      for (const [table, rows] of [['people', personRows], ['commonalities', commonalityRows], ['commonality_terms', termRows]] as const) {
        const chunk = Math.floor(maxParams / Object.keys(rows[0]!).length);
        for (let i = 0; i < rows.length; i += chunk) await trx.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
      }
    });
    commonalities += commonalityRows.length;
    terms += termRows.length;
  }
  // PostgreSQL's autovacuum would analyze tables this size within a minute of such a load; do it now.
  if (store.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
  return { accountId, commonalities, terms, seedMs: performance.now() - started };
}

async function plainTermSelect(kit: BenchKit, accountId: string, term: string): Promise<number> {
  const rows = await kit.store.db.selectFrom('commonality_terms').select(['commonality_id', 'person_id']).where('account_id', '=', accountId).where('term', '=', term).execute();
  return rows.length;
}

export async function measureShareMatching(kit: BenchKit, options: { people: number; rounds?: number; seed?: number }): Promise<ShareMatchFigures> {
  const rounds = options.rounds ?? 10;
  const seeded = await seed(kit, options.people, mulberry32(options.seed ?? 20_260_311));
  const service = kit.services.shares;
  const shares = [];
  for (const s of SHARES) shares.push(await service.create(seeded.accountId, s));
  // Warm-up: the first queries read the index from disk and compile statements.
  for (const s of shares) await service.matches(seeded.accountId, s.id, 50, 0);
  await plainTermSelect(kit, seeded.accountId, 'opera');

  const all: number[] = [];
  const perShare = new Map<string, { times: number[]; matched: number }>();
  const baseline: number[] = [];
  const suggestions: number[] = [];
  const suggestionsCold: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const s of shares) {
      const t = await timed(() => service.matches(seeded.accountId, s.id, 50, 0));
      all.push(t.ms);
      const entry = perShare.get(s.id) ?? { times: [], matched: t.value.total };
      entry.times.push(t.ms);
      perShare.set(s.id, entry);
    }
    baseline.push((await timed(() => plainTermSelect(kit, seeded.accountId, 'opera'))).ms);
    // The daily list itself (issue 5's first figure), here with four active shares over 100k people: as Today opens
    // it (the shares' candidates kept from the last call) and cold (worked out again: after five minutes or a change).
    suggestions.push((await timed(() => kit.services.suggestions.today(seeded.accountId))).ms);
    service.forgetCandidatePools();
    suggestionsCold.push((await timed(() => kit.services.suggestions.today(seeded.accountId))).ms);
  }
  return {
    dialect: kit.store.dialect,
    people: options.people,
    commonalities: seeded.commonalities,
    terms: seeded.terms,
    seedMs: seeded.seedMs,
    match: distribution(all),
    perShare: shares.map((s) => ({ title: s.title, medianMs: median(perShare.get(s.id)!.times), matched: perShare.get(s.id)!.matched })),
    baseline: distribution(baseline),
    suggestions: distribution(suggestions),
    suggestionsCold: distribution(suggestionsCold),
  };
}

export function shareMatchingRows(f: ShareMatchFigures, gating: boolean): FigureRow[] {
  const label = f.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const per = f.perShare.map((s) => `${s.title.split(/[:,]/)[0]}: ${formatMs(s.medianMs)} (${s.matched})`);
  return [
    {
      figure: `match a thing to share, ${f.people} people × ${COMMONALITIES_PER_PERSON} commonalities, median (${label})`,
      measured: formatMs(f.match.p50),
      baseline: `${formatMs(f.baseline.p50)} one-term SELECT`,
      ratio: f.baseline.p50 > 0 ? f.match.p50 / f.baseline.p50 : null,
      target: `≤ ${SHARE_MATCH_TARGET_MS} ms`,
      met: f.match.p50 <= SHARE_MATCH_TARGET_MS,
      gating,
    },
    {
      figure: `match a thing to share, p90 / max (${label})`,
      measured: `${formatMs(f.match.p90)} / ${formatMs(f.match.max)}`,
      baseline: '—',
      ratio: null,
      target: per.join('; '),
      met: null,
      gating: false,
    },
    {
      figure: `5.1 today's suggestions with 4 active shares, median (${label})`,
      measured: formatMs(f.suggestions.p50),
      baseline: `${formatMs(f.suggestionsCold.p50)} cold`,
      ratio: f.suggestionsCold.p50 > 0 ? f.suggestions.p50 / f.suggestionsCold.p50 : null,
      target: '≤ 100 ms',
      met: f.suggestions.p50 <= 100,
      gating,
    },
    {
      figure: `5.1 the same, cold: share candidates worked out again (${label})`,
      measured: formatMs(f.suggestionsCold.p50),
      baseline: `${formatMs(f.match.p50)} one share`,
      ratio: f.match.p50 > 0 ? f.suggestionsCold.p50 / f.match.p50 : null,
      target: '≤ 100 ms',
      met: f.suggestionsCold.p50 <= 100,
      gating: false,
    },
  ];
}

/** Seeds a fresh database, measures, removes it: the figure rows for bench/run-all.ts. */
export async function benchShareMatching(options: { dialect?: 'sqlite' | 'postgres'; people?: number; rounds?: number; log?: (line: string) => void } = {}): Promise<FigureRow[]> {
  const dialect = options.dialect ?? 'sqlite';
  const database: BenchDatabase = dialect === 'sqlite' ? await openSqliteBench() : await openPostgresBench();
  try {
    const figures = await measureShareMatching(database.kit, { people: options.people ?? 100_000, ...(options.rounds ? { rounds: options.rounds } : {}) });
    options.log?.(`  shares: seeded ${figures.people} people, ${figures.commonalities} commonalities, ${figures.terms} terms in ${(figures.seedMs / 1000).toFixed(1)} s`);
    for (const s of figures.perShare) options.log?.(`  shares: "${s.title}": median ${formatMs(s.medianMs)}, ${s.matched} people matched`);
    return shareMatchingRows(figures, dialect === 'sqlite');
  } finally {
    await database.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { postgres: { type: 'boolean', default: false }, people: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '10' } } });
  const rows = await benchShareMatching({
    dialect: values.postgres ? 'postgres' : 'sqlite',
    people: Number(values.people),
    rounds: Number(values.rounds),
    log: (line) => console.log(line),
  });
  console.log(formatTable(rows));
}
