/**
 * Russian stemming for morphology-aware matching. Meilisearch does not stem, so the indexer stores a
 * stemmed copy of each paragraph (`text_stem`) and the Worker stems the query the same way.
 * Runs in the Worker and in Node: pure JavaScript, no dictionaries.
 */
import snowball from 'snowball-stemmers';

const russian = snowball.newStemmer('russian');
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Lower-case, fold ё into е: the same normalisation Meilisearch applies before matching. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replaceAll('ё', 'е');
}

/**
 * Stem to a fixpoint: Snowball strips one suffix at a time, so "Ташиеву" -> "ташиев" but "Ташиев" -> "таш";
 * repeating until nothing changes sends every inflected form of a word to the same stem.
 */
export function stemWord(word: string): string {
  let current = normalizeWord(word);
  if (!CYRILLIC.test(current)) return current;
  for (let next = russian.stem(current); next !== current; next = russian.stem(current)) current = next;
  return current;
}

/** The words of a text, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The stemmed copy of a text: its words' stems, space-separated. */
export function stemText(text: string): string {
  return words(text).map(stemWord).join(' ');
}
