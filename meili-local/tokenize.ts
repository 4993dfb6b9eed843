/**
 * Tokenisation and normalisation as Meilisearch's charabia does it for Latin and Cyrillic text:
 * words are runs of letters and digits, lower-cased, diacritics removed, ё folded into е.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;

const normalized = new Map<string, string>();
const NORMALIZE_CACHE_LIMIT = 200_000;

/** Normalise a word or value; memoised, since the same words and facet values recur constantly. */
export function normalize(text: string): string {
  let out = normalized.get(text);
  if (out === undefined) {
    if (normalized.size >= NORMALIZE_CACHE_LIMIT) normalized.clear();
    out = normalizeUncached(text);
    normalized.set(text, out);
  }
  return out;
}

function normalizeUncached(text: string): string {
  // NFD then drop combining marks removes diacritics; й and ё decompose too, so restore й before folding.
  return text
    .toLowerCase()
    .replaceAll('й', '\u0000')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .replaceAll('\u0000', 'й');
}

export interface Token {
  /** Normalised word. */
  word: string;
  /** Word position within the field. */
  position: number;
  /** Offsets into the original string (UTF-16 code units). */
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  for (const match of text.matchAll(WORD)) {
    tokens.push({ word: normalize(match[0]), position: position++, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

export function words(text: string): string[] {
  return (text.match(WORD) ?? []).map(normalize);
}

// Reused rows: editDistance runs for thousands of vocabulary words per query.
let previous2: number[] = [];
let previous: number[] = [];
let current: number[] = [];

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (previous2[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return previous[b.length] as number;
}
