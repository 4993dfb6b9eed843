/**
 * Russian stemming for morphology-aware matching. Meilisearch does not stem, so the indexer stores a
 * stemmed copy of each paragraph (`text_stem`) and the Worker stems the query the same way.
 * Runs in the Worker and in Node: the Snowball Russian stemmer from @orama/stemmers (7 KB, Russian only,
 * well kept), so the Worker bundle stays small.
 */
import { stemmer as russianStem } from '@orama/stemmers/russian';

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Lower-case, fold ё into е: the same normalisation Meilisearch applies before matching. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replaceAll('ё', 'е');
}

/** Stems already computed, by word as written (see stemWord). */
const STEM_CACHE_SIZE = 50_000;
const stems = new Map<string, string>();

/**
 * Stem to a fixpoint: Snowball strips one suffix at a time, so "Ташиеву" -> "ташиев" but "Ташиев" -> "таш";
 * repeating until nothing changes sends every inflected form of a word to the same stem.
 */
export function stemWord(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  let current = normalizeWord(word);
  if (CYRILLIC.test(current)) {
    for (let next = russianStem(current); next !== current; next = russianStem(current))
      current = next;
  }
  // News repeats its words: remembering stems saves most of the stemmer's work, in the indexer and in
  // the Worker (where the map lives as long as the isolate). Bounded, and simply started over when full.
  if (stems.size >= STEM_CACHE_SIZE) stems.clear();
  stems.set(word, current);
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
