/**
 * Russian stemming for morphology-aware matching. Meilisearch does not stem, so the indexer stores, for
 * each word of a paragraph, the keys (`wordKey`) of every form of every lexeme the dictionary reads it as
 * (`text_stem`, see indexer/text-keys.ts), and the Worker sends each query word's key: any form typed
 * finds any form written, with no dictionary in the Worker. The dictionary (4 MB gzipped) could not be
 * shipped in the Worker; the Snowball Russian stemmer from @orama/stemmers (7 KB, well kept) can.
 */
import { stemmer as russianStem } from '@orama/stemmers/russian';

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
export const CYRILLIC = /\p{Script=Cyrillic}/u;

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

/** Words as Meilisearch separates them: runs of letters and digits (a hyphen separates too). */
const TERM = /[\p{L}\p{N}]+/gu;

export function terms(text: string): string[] {
  return text.match(TERM) ?? [];
}

/**
 * The stem a word is matched by: its Snowball stem after one pass (stemming to a fixpoint sends "мировой"
 * to "мир"), and the letter that follows it in the word, because Snowball alone joins words of other
 * lexemes and parts of speech ("ничья", "ничего": «нич»; "отделился", "отдел": «отдел»), which the
 * letter after the stem mostly keeps apart («ничь», «ниче»; «отдели», «отдел»). The indexer joins a
 * lexeme's forms (добился, добьются) by storing the keys of all its forms.
 */
export function keyStem(word: string): string {
  const normal = normalizeWord(word);
  if (!CYRILLIC.test(normal)) return normal;
  const stem = russianStem(normal);
  return normal.startsWith(stem) ? normal.slice(0, stem.length + 1) : stem;
}

/**
 * What starts every key (in `text_stem`, where typos are off) and every marked form (in `text_forms`, where
 * they are on). No Russian word starts with «ь» or «ъ», and two letters keep them two edits away from any
 * word of the text, the title or a name, and from each other: Meilisearch finds a word one edit away with
 * another first letter as two typos, so one letter would let a long key reach the plain word in a title
 * shared by every paragraph. The typo budget counts the marks: `minWordSizeForTypos` is raised by their
 * length (src/schema/chunk.ts), so a marked form gets the typos the word alone would.
 */
export const KEY_MARK = 'ьь';
export const FORM_MARK = 'ъъ';

/**
 * The key a word is matched by: the mark and its stem. The keys are found only as sent (typos are off
 * for `text_stem` on both engines): with typos, a stem would reach its neighbours ("старик" finds
 * "старин"). Typos are matched on the marked forms instead.
 */
export function wordKey(word: string): string {
  const stem = keyStem(word);
  return CYRILLIC.test(stem) ? KEY_MARK + stem : stem;
}

/**
 * A word as written, marked: the indexer stores the paragraph's words so in `text_forms`, so the
 * exact-forms search finds the words as typed (with Meilisearch's typos and prefix) in the paragraph
 * alone, never in a title that every paragraph of an article shares.
 */
export function exactKey(word: string): string {
  const normal = normalizeWord(word);
  return CYRILLIC.test(normal) ? FORM_MARK + normal : normal;
}

/** The words of a text, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The stemmed copy of a text: its words' stems, space-separated. */
export function stemText(text: string): string {
  return words(text).map(stemWord).join(' ');
}
