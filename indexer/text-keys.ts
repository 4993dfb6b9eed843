/**
 * What a paragraph is matched by. `text_stem`: for each word, the key (src/text/stem.ts `wordKey`) of
 * every form of every lexeme the dictionary reads it as (all readings of an ambiguous word; for a word
 * the dictionary does not know, the forms of its likeliest declension by its ending), its own key first.
 * The Worker sends the key of each typed word, so "добьются" finds "добился" and "Ташиеву" finds
 * "Ташиев", while an unrelated word that only shares a prefix ("пародия", "народ") shares no key.
 * `text_forms`: the words as written, marked (`exactKey`), for the exact-forms search and its typos.
 * `persons_latin`: the names in Latin letters, the common English spelling (@sindresorhus/transliterate,
 * well kept: «Ташиев» Tashiev, «Жапаров» Zhaparov), so that a name typed in Latin letters finds them.
 */
import transliterate from '@sindresorhus/transliterate';
import { exactKey, terms, wordKey } from '../src/text/stem.ts';
import type { Morphology } from './morphology.ts';

const CYRILLIC_WORD = /^\p{Script=Cyrillic}+$/u;
/** Words (as written) whose keys are remembered; news repeats its words. */
const CACHE_SIZE = 100_000;
const cache = new Map<string, string>();

/** The keys of one word, space-separated, its own key first. */
export function wordKeys(word: string, morphology: Morphology): string {
  const known = cache.get(word);
  if (known !== undefined) return known;
  const normal = word.toLowerCase().replaceAll('ё', 'е');
  const keys = new Set([wordKey(normal)]);
  if (CYRILLIC_WORD.test(normal))
    for (const lexeme of morphology.lexemes(normal))
      for (const form of lexeme.forms)
        if (CYRILLIC_WORD.test(form.word)) keys.add(wordKey(form.word));
  const joined = [...keys].join(' ');
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(word, joined);
  return joined;
}

/** The keys of every word of `text`, in order. */
export function textKeys(text: string, morphology: Morphology): string {
  return terms(text)
    .map((w) => wordKeys(w, morphology))
    .join(' ');
}

/** The words of `text` as written, marked, in order. */
export function textForms(text: string): string {
  return terms(text).map(exactKey).join(' ');
}

/** Names in Latin letters, as they are usually spelt in English ("Kamchybek Tashiev"). */
export function latinNames(names: string[]): string[] {
  return names.map((name) => transliterate(name));
}
