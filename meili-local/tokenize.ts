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

/**
 * Damerau-Levenshtein (optimal string alignment) distance between `a` and the first `bLength` characters of
 * `b`, or `max + 1` when it exceeds `max`. Only the band of cells within `max` of the diagonal is computed.
 */
export function editDistance(a: string, b: string, max: number, bLength = b.length): number {
  const far = max + 1;
  if (Math.abs(a.length - bLength) > max) return far;
  for (let j = 0; j <= bLength; j++) previous[j] = j <= max ? j : far;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(bLength, i + max);
    current[from - 1] = from === 1 && i <= max ? i : far;
    let best = current[from - 1] as number;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, (previous2[j - 2] as number) + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    // The next row reads one cell past this band: it must count as too far.
    if (to < bLength) current[to + 1] = far;
    if (best > max) return far;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return Math.min(previous[bLength] as number, far);
}
