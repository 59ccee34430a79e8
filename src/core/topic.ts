// The normalised key of a commonality topic, so that "Opera", "opera", "the opera", "Operas" and "Opéra" match.
// Deliberately small and deterministic: a later change may swap the singularisation for a stemming library,
// which changes every stored key, so callers must treat the key as opaque and recompute it rather than parse it.
import { foldText } from './text-fold.js';

/** Words dropped from the start of a topic: "the opera", "my kids", "their dog". */
const LEADING_FILLERS = new Set(['the', 'a', 'an', 'my', 'his', 'her', 'their', 'our', 'your', 'its', 'some']);

/** Words that end in "s" but are not plurals, or whose plural the suffix rules below would get wrong. */
const INVARIANT = new Set([
  'news', 'series', 'species', 'means', 'sales', 'lens', 'always', 'perhaps', 'whereas', 'besides', 'sometimes',
  'atlas', 'canvas', 'christmas', 'texas', 'alias', 'bias', 'chaos', 'cosmos', 'ethos', 'kudos', 'diabetes', 'herpes',
  'rabies', 'measles', 'mumps', 'jeans', 'pants', 'scissors', 'thanks', 'headquarters', 'crossroads', 'premises',
  'vegas', 'dallas', 'athens', 'wales',
]);

const IRREGULAR: Record<string, string> = {
  children: 'child', people: 'person', men: 'man', women: 'woman', mice: 'mouse', geese: 'goose', feet: 'foot',
  teeth: 'tooth', wives: 'wife', knives: 'knife', lives: 'life', leaves: 'leaf', wolves: 'wolf', halves: 'half',
  shelves: 'shelf', selves: 'self', thieves: 'thief', loaves: 'loaf', calves: 'calf', buses: 'bus', gases: 'gas',
  quizzes: 'quiz', potatoes: 'potato', tomatoes: 'tomato', heroes: 'hero', echoes: 'echo', vetoes: 'veto',
  analyses: 'analysis', crises: 'crisis', theses: 'thesis', diagnoses: 'diagnosis',
};

/** Nouns ending in "-ie" whose plural "-ies" must not become "-y" ("movies" → "movie", not "movy"). */
const IE_NOUNS = new Set([
  'movie', 'cookie', 'zombie', 'rookie', 'selfie', 'hippie', 'goalie', 'smoothie', 'brownie', 'calorie', 'pie',
  'tie', 'lie', 'die', 'indie', 'genie', 'prairie', 'newbie', 'foodie', 'techie', 'hoodie', 'birdie', 'veggie',
  'auntie', 'sweetie', 'roomie', 'yuppie', 'junkie', 'groupie', 'magpie', 'pixie', 'collie', 'boogie', 'beanie',
]);

/** Nouns ending in "-che" whose plural "-ches" must lose only the "s" ("headaches" → "headache"). */
const CHE_NOUNS = new Set(['niche', 'cache', 'ache', 'headache', 'moustache', 'mustache', 'avalanche', 'cliche', 'creche', 'quiche', 'psyche']);

/** A simple English singular of one folded word; words it cannot judge are returned unchanged. */
function singularize(word: string): string {
  // Own properties only: "constructor" or "toString" typed as a topic are words, not Object.prototype's.
  const irregular = Object.hasOwn(IRREGULAR, word) ? IRREGULAR[word] : undefined;
  if (irregular) return irregular;
  if (word.length <= 3 || INVARIANT.has(word) || !/^[a-z]+$/.test(word)) return word;
  // "-ss" (class, chess, business), "-us" (campus), "-is" (analysis, tennis), "-ics" (physics, politics).
  if (/(?:ss|us|is|ics)$/.test(word)) return word;
  if (word.endsWith('ies')) {
    const stem = word.slice(0, -3);
    return IE_NOUNS.has(`${stem}ie`) || stem.length < 2 ? word.slice(0, -1) : `${stem}y`;
  }
  if (/(?:sses|shes|xes|zzes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ches')) return CHE_NOUNS.has(word.slice(0, -1)) ? word.slice(0, -1) : word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * The normalised key of a commonality topic: folded (case and accents), leading articles and possessives dropped,
 * punctuation collapsed to single spaces, each word singular. "The Operas!" → "opera"; "C++" keeps its plusses.
 */
export function normalizeTopic(text: string): string {
  const words = foldText(text)
    .replace(/&/g, ' and ')
    .replace(/['’]s\b/g, '')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .split(' ')
    // "+" and "#" stay after a letter, so that "C++" and "C#" are not both "c"; a leading "#" is a hashtag.
    .map((w) => w.replace(/^[+#]+/, ''))
    .filter((w) => w.length > 0);
  while (words.length > 1 && LEADING_FILLERS.has(words[0] ?? '')) words.shift();
  return words.map(singularize).join(' ');
}
