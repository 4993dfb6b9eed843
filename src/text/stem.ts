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
 * The stem a word is matched by: its Snowball stem after one pass, which keeps unrelated words apart
 * (stemming to a fixpoint sends "мировой" to "мир"); the indexer joins a lexeme's forms (добился,
 * добьются) by storing the keys of all its forms.
 */
export function keyStem(word: string): string {
  const normal = normalizeWord(word);
  return CYRILLIC.test(normal) ? russianStem(normal) : normal;
}

/** Letters of a key's check (no й, ё, ъ, ь, which Meilisearch may normalise). */
const CHECK_LETTERS = 'абвгдежзиклмнопрстуфхцчшщыэюя';
const CHECK_LENGTH = 3;

/**
 * What starts every key of a Cyrillic word: «ъ» starts no Russian word, so a key (or the stem sent as a
 * prefix) never matches a word of the text, the title or a name, whatever fields a search looks at.
 */
export const KEY_MARK = 'ъ';

/**
 * The key a word is matched by: the mark, its stem and a three-letter check of the stem, so that
 * Meilisearch's typos, which cannot be switched off for one field on both engines, cannot turn one key into
 * another ("старик" would find "старин"): neighbouring stems get unrelated checks. Typos are matched on
 * the words as written.
 */
export function wordKey(word: string): string {
  const stem = keyStem(word);
  if (!CYRILLIC.test(stem)) return stem;
  let h = 0x811c9dc5;
  for (let i = 0; i < stem.length; i++) h = Math.imul(h ^ stem.charCodeAt(i), 0x01000193) >>> 0;
  let check = '';
  for (let i = 0; i < CHECK_LENGTH; i++, h = Math.floor(h / CHECK_LETTERS.length))
    check += CHECK_LETTERS[h % CHECK_LETTERS.length];
  return KEY_MARK + stem + check;
}

/**
 * A word as written, marked: the indexer stores it beside the word's keys, so the exact-forms search finds
 * the words as typed (with Meilisearch's typos and prefix) in `text_stem` alone, never in a title that
 * every paragraph of an article shares.
 */
export function exactKey(word: string): string {
  const normal = normalizeWord(word);
  return CYRILLIC.test(normal) ? KEY_MARK + normal : normal;
}

/** The words of a text, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The stemmed copy of a text: its words' stems, space-separated. */
export function stemText(text: string): string {
  return words(text).map(stemWord).join(' ');
}
