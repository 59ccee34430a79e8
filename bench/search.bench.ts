// Figure 1: prefix search over 100k people through the real code path (PeopleService.search: folding, the FTS5 or
// tsvector query, then the summaries), against a plain LIKE '%x%' scan over the same folded words, with the same
// prefixes, interleaved in the same run so that noise hits both alike.
import { sql } from 'kysely';
import { foldedWords } from '../src/core/text-fold.js';
import { chance, intBetween, mulberry32, pick, pickWeighted, NO_MATCH_PREFIXES, type Rng } from './seed-data.js';
import type { BenchKit, SearchSample, SeededAccount } from './seed.js';
import { distribution, timed, type Distribution } from './stats.js';

export interface SearchFigures {
  dialect: string;
  prefixes: number;
  kith: Distribution;
  /** The search query alone (ids), without fetching the summaries: shows where the time goes. */
  kithIdsOnly: Distribution;
  baseline: Distribution;
  /** How many prefixes found nobody, in Kith and in the baseline. */
  empty: { kith: number; baseline: number };
  slowest: { prefix: string; ms: number; found: number }[];
}

type Source = 'name' | 'company' | 'commonality' | 'nothing';
const SOURCES: [Source, number][] = [['name', 0.5], ['company', 0.25], ['commonality', 0.2], ['nothing', 0.05]];

function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
}

function prefixOf(rng: Rng, word: string): string {
  const prefix = [...word].slice(0, intBetween(rng, 2, Math.min(4, [...word].length))).join('');
  // People type in lower case as often as not; accents are kept, so folding is exercised.
  return chance(rng, 0.5) ? prefix.toLowerCase() : prefix;
}

/** `count` prefixes of 2–4 characters, drawn with a seeded PRNG from the seeded people, plus a few that match nothing. */
export function searchPrefixes(samples: SearchSample[], count: number, seed = 7): string[] {
  const rng = mulberry32(seed);
  const prefixes: string[] = [];
  while (prefixes.length < count) {
    const sample = pick(rng, samples);
    const source = pickWeighted(rng, SOURCES);
    const text = source === 'name' ? sample.fullName : source === 'company' ? sample.company : source === 'commonality' ? (sample.commonalities[0] ?? null) : null;
    if (source === 'nothing') prefixes.push(pick(rng, NO_MATCH_PREFIXES));
    else if (text && wordsOf(text).length > 0) prefixes.push(prefixOf(rng, pick(rng, wordsOf(text))));
  }
  return prefixes;
}

/** The baseline: no index, the folded words scanned with LIKE, as the issue states it. */
async function likeScan(kit: BenchKit, accountId: string, prefix: string): Promise<number> {
  const pattern = `%${foldedWords(prefix).join(' ')}%`;
  const result = await sql<{ id: string }>`
    SELECT id FROM people WHERE account_id = ${accountId} AND deleted_at IS NULL
    AND (search_name LIKE ${pattern} OR search_rest LIKE ${pattern}) LIMIT 50`.execute(kit.store.db);
  return result.rows.length;
}

export async function benchSearch(kit: BenchKit, seeded: SeededAccount, prefixes: string[]): Promise<SearchFigures> {
  const { accountId } = seeded;
  const kithSearch = async (prefix: string) => (await kit.services.people.search(accountId, prefix, 20, 0)).items.length;
  const idsOnly = async (prefix: string) => (await kit.store.repos.searchPeople(accountId, foldedWords(prefix).slice(0, 8), 20, 0)).items.length;

  // Warm the caches (page cache, prepared statements, JIT) with a different draw of prefixes.
  for (const prefix of searchPrefixes(seeded.samples, 30, 99)) {
    await kithSearch(prefix);
    await likeScan(kit, accountId, prefix);
  }

  const kith: number[] = [];
  const ids: number[] = [];
  const baseline: number[] = [];
  const empty = { kith: 0, baseline: 0 };
  const slowest: SearchFigures['slowest'] = [];
  for (const [i, prefix] of prefixes.entries()) {
    // Alternate which goes first, so neither always runs on the warmer cache.
    const runKith = async () => {
      const t = await timed(() => kithSearch(prefix));
      kith.push(t.ms);
      if (t.value === 0) empty.kith += 1;
      slowest.push({ prefix, ms: t.ms, found: t.value });
    };
    const runBaseline = async () => {
      const t = await timed(() => likeScan(kit, accountId, prefix));
      baseline.push(t.ms);
      if (t.value === 0) empty.baseline += 1;
    };
    if (i % 2 === 0) {
      await runKith();
      await runBaseline();
    } else {
      await runBaseline();
      await runKith();
    }
    ids.push((await timed(() => idsOnly(prefix))).ms);
  }
  slowest.sort((a, b) => b.ms - a.ms);
  return {
    dialect: kit.store.dialect,
    prefixes: prefixes.length,
    kith: distribution(kith),
    kithIdsOnly: distribution(ids),
    baseline: distribution(baseline),
    empty,
    slowest: slowest.slice(0, 8),
  };
}
