/**
 * Tokenisation and normalisation as Meilisearch's charabia does it for Latin and Cyrillic text:
 * words are runs of letters and digits, lower-cased, diacritics removed, ё folded into е.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;

export function normalize(text: string): string {
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

/** Damerau-Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}
