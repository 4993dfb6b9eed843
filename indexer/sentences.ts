/**
 * Russian sentence splitting that keeps abbreviations ("т.е.", "г.", "им."), initials ("К. Ташиев"),
 * numbers ("3.5"), quotations («...», — сказал он.) and ellipses inside one sentence.
 * Returns offsets into the text so that callers can slice without losing a character.
 */

export interface Span {
  start: number;
  /** Exclusive. Trailing spaces are not part of the span. */
  end: number;
}

// Lower-cased abbreviations that end with a period but do not end a sentence.
const ABBREVIATIONS = new Set([
  'г',
  'гг',
  'т',
  'е',
  'д',
  'п',
  'др',
  'пр',
  'ул',
  'пл',
  'просп',
  'им',
  'см',
  'ср',
  'стр',
  'рис',
  'тыс',
  'млн',
  'млрд',
  'трлн',
  'руб',
  'долл',
  'коп',
  'ст',
  'ч',
  'гл',
  'обл',
  'р',
  'пос',
  'с',
  'х',
  'тел',
  'км',
  'кв',
  'м',
  'мм',
  'см',
  'кг',
  'проф',
  'акад',
  'доц',
  'ген',
  'полк',
  'лейт',
  'кап',
  'англ',
  'рус',
  'нем',
  'франц',
  'лат',
  'вв',
  'н',
  'э',
  'т.е',
  'т.к',
  'т.п',
  'т.д',
  'и.о',
  'зам',
  'пред',
  'ред',
  'сокр',
  'напр',
  'мин',
  'сек',
  'mr',
  'mrs',
  'dr',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'jr',
  'sr',
  'st',
]);

const UPPER = /[\p{Lu}]/u;
const OPENERS = /[«"„“([—–-]/u;

/** Is the period at `dot` a sentence end, judging by the word before it and the text after it? */
function periodEndsSentence(text: string, dot: number): boolean {
  let wordStart = dot;
  while (wordStart > 0 && /[\p{L}.]/u.test(text[wordStart - 1] as string)) wordStart--;
  const word = text.slice(wordStart, dot);
  const lower = word.toLowerCase();
  // Initial: one capital letter ("К." in "К. Ташиев"), or a chain like "А.И.".
  if (/^\p{Lu}(\.\p{Lu})*$/u.test(word)) return false;
  if (ABBREVIATIONS.has(lower) || ABBREVIATIONS.has(lower.replace(/\.$/, ''))) {
    // "в 2020 г. Ташиев ..." can still end a sentence, but only when a capitalised word follows a year.
    const after = text.slice(dot + 1).trimStart();
    if (!(lower === 'г' && /^\p{Lu}/u.test(after) && /\d\s*$/.test(text.slice(0, wordStart))))
      return false;
  }
  if (/\d$/.test(text.slice(0, dot)) && /^\d/.test(text.slice(dot + 1))) return false;
  // "… голос) 4. Шалва …": a list number, not the end of a sentence.
  if (/(^|[\s(])\d{1,2}$/.test(text.slice(0, dot))) return false;
  return true;
}

/** Sentence spans of `text` (which may hold newlines; a blank line always ends a sentence). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  let i = start;
  let quoteDepth = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '«') quoteDepth++;
    else if (c === '»') quoteDepth = Math.max(0, quoteDepth - 1);
    if (c === '\n' && /^\n\s*\n/.test(text.slice(i))) {
      pushSpan(spans, text, start, i);
      start = skipSpace(text, i);
      i = start;
      quoteDepth = 0;
      continue;
    }
    if (c === '.' || c === '!' || c === '?' || c === '…') {
      let end = i + 1;
      while (end < text.length && /[.!?…]/.test(text[end] as string)) end++;
      // Closing quotes and brackets belong to the sentence they close.
      while (end < text.length && /[»"”)\]]/.test(text[end] as string)) {
        if (text[end] === '»') quoteDepth = Math.max(0, quoteDepth - 1);
        end++;
      }
      const next = skipSpace(text, end);
      const nextChar = text[next];
      const atEnd = next >= text.length;
      const followedByCapital =
        nextChar !== undefined &&
        (UPPER.test(nextChar) || OPENERS.test(nextChar) || /\d/.test(nextChar));
      const isBreak =
        atEnd ||
        (next > end &&
          followedByCapital &&
          quoteDepth === 0 &&
          (c !== '.' || periodEndsSentence(text, i)) &&
          // «...», — сказал он. / «...» — ответил он: the attribution continues the sentence.
          !/^[—–-]\s*\p{Ll}/u.test(text.slice(next)) &&
          !/^,/.test(text.slice(end)));
      if (isBreak) {
        pushSpan(spans, text, start, end);
        start = next;
        i = next;
        continue;
      }
      i = end;
      continue;
    }
    i++;
  }
  if (start < text.length) pushSpan(spans, text, start, text.length);
  return spans;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

function pushSpan(spans: Span[], text: string, start: number, end: number): void {
  let e = end;
  while (e > start && /\s/.test(text[e - 1] as string)) e--;
  if (e > start) spans.push({ start, end: e });
}
