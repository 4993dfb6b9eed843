/**
 * Scanning text for names: the capitalised words that may be names, the runs they form, initials,
 * sentence starts, the word before a position, and words that mix Latin and Cyrillic letters.
 */
import { SURNAME_PARTICLES, ARABIC_PARTICLES, TURKIC_PATRONYMICS } from './lexicon.ts';

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** A capitalised word, an Arabic particle and its name, an initial, or a lower-case particle of a name. */
export const NAME_WORD = new RegExp(
  `(?:\\p{Lu}[’'])?\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)*|(?<![\\p{L}-])(?:${ARABIC_PARTICLES.join('|')})-\\p{Lu}\\p{Ll}+|\\p{Lu}\\.|(?<=\\s)(?:${[...TURKIC_PATRONYMICS, ...SURNAME_PARTICLES].join('|')})(?=[\\s.,;:!?»)]|$)`,
  'gu',
);
export const INITIAL = /^\p{Lu}\.$/u;
export const CYRILLIC_INITIAL = /^[А-ЯЁ]\.$/u;
export const CYRILLIC_NAME = /^(?:[А-ЯЁ][’'])?[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*$/u;
export const SPACE = /\s/u;
export const WORD_CHARACTER = /[\p{L}-]/u;

/**
 * The word that ends where `end` starts, with only white space between (null when punctuation or nothing
 * stands there), and where it starts. A character scan: these checks run for every candidate name.
 */
export function wordBefore(text: string, end: number): { word: string; start: number } | null {
  let wordEnd = end;
  while (wordEnd > 0 && SPACE.test(text[wordEnd - 1] as string)) wordEnd--;
  if (wordEnd === end) return null;
  let start = wordEnd;
  while (start > 0 && WORD_CHARACTER.test(text[start - 1] as string)) start--;
  return start === wordEnd ? null : { word: text.slice(start, wordEnd), start };
}

/** Does `start` begin a sentence (text start, or after . ! ? … and an opening quote)? */
export const startsSentence = (text: string, start: number) =>
  /(^|[.!?…]\s*[«"„]?\s*)$/.test(text.slice(Math.max(0, start - 4), start));

/** Latin letters that look like Cyrillic ones, and those Cyrillic ones. */
export const LATIN_LOOKALIKES = 'AaBCcEeHKkMOoPpTXxy';
export const CYRILLIC_TWINS = 'АаВСсЕеНКкМОоРрТХху';
const SCRIPT_CHANGE = /\p{Script=Cyrillic}\p{Script=Latin}|\p{Script=Latin}\p{Script=Cyrillic}/u;
export const MIXED_SCRIPT_WORD =
  /\p{L}*(?:\p{Script=Cyrillic}\p{Script=Latin}|\p{Script=Latin}\p{Script=Cyrillic})\p{L}*/gu;

/**
 * The text with every word that mixes scripts written in Cyrillic ("Ташиeв" with a Latin e is
 * Ташиев), letter for letter, so offsets stay the same.
 */
export function inCyrillic(text: string): string {
  // One linear scan first: almost no text mixes scripts inside a word.
  if (!SCRIPT_CHANGE.test(text)) return text;
  return text.replace(MIXED_SCRIPT_WORD, (word) =>
    [...word]
      .map((c) => {
        const i = LATIN_LOOKALIKES.indexOf(c);
        return i < 0 ? c : (CYRILLIC_TWINS[i] as string);
      })
      .join(''),
  );
}

export function nameWords(text: string): Word[] {
  return [...text.matchAll(NAME_WORD)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Words separated only by spaces (no punctuation) form a run that may hold a name. */
export function runs(text: string, words: Word[]): Word[][] {
  const out: Word[][] = [];
  let current: Word[] = [];
  for (const word of words) {
    const previous = current[current.length - 1];
    if (
      previous &&
      /^\s+$/.test(text.slice(previous.end, word.start)) === false &&
      !(INITIAL.test(previous.text) && /^\s*$/.test(text.slice(previous.end, word.start)))
    ) {
      out.push(current);
      current = [];
    }
    current.push(word);
  }
  if (current.length) out.push(current);
  return out;
}

/** An initial is a Cyrillic capital and a full stop after no letter: "НАТО." and "10 G." end sentences. */
export const isInitial = (text: string, w: Word) =>
  CYRILLIC_INITIAL.test(w.text) && !/\p{L}/u.test(text.charAt(w.start - 1));

/** The first of the initials right before (or else right after) the word at `i` of its run (В in "В.В. Путин"), lower case, or null. */
export function firstInitialBefore(text: string, run: readonly Word[], i: number): string | null {
  let from = i;
  while (from > 0 && isInitial(text, run[from - 1] as Word)) from--;
  if (from < i) return (run[from] as Word).text.charAt(0).toLowerCase();
  // Or right after it: "Путин В.В.".
  const next = run[i + 1];
  return next && isInitial(text, next) ? next.text.charAt(0).toLowerCase() : null;
}
