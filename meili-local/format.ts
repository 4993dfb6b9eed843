/** Formatting of returned documents: highlighting, cropping and match positions, as Meilisearch does them. */
import type { Document } from './filter.ts';
import { charCount, originalLength, tokenize, type Token } from './tokenize.ts';

/** Where the highlighted part of a matched token ends: `chars` normalised characters of it, or all of it. */
function highlightEnd(text: string, token: Token, chars: number): number {
  if (chars === Infinity || chars >= charCount(token.word)) return token.end;
  return token.start + Math.max(1, originalLength(text.slice(token.start, token.end), token.script, chars));
}

/** Highlight matched words, then crop around the densest window of matches. */
export function formatText(
  text: string,
  matches: Map<string, { length: number }>,
  highlight: boolean,
  crop: number | null,
  pre: string,
  post: string,
  marker: string,
): string {
  // Attributes only retrieved into `_formatted` come back as they are: no need to read their words.
  if (!highlight && crop === null) return text;
  const tokens = tokenize(text);
  const matchLength = (word: string): number | null => {
    const m = matches.get(word);
    return m ? m.length : null;
  };
  let startToken = 0;
  let endToken = tokens.length;
  if (crop !== null && tokens.length > crop) {
    // The window with the most matches; among those, the one that centres them best (as Meilisearch does).
    let best = 0;
    let bestScore = -1;
    let bestImbalance = Infinity;
    for (let i = 0; i + crop <= tokens.length; i++) {
      let score = 0;
      let first = -1;
      let last = -1;
      for (let j = i; j < i + crop; j++) {
        if (matchLength((tokens[j] as { word: string }).word) === null) continue;
        score++;
        if (first < 0) first = j;
        last = j;
      }
      const imbalance = score > 0 ? Math.abs(first - i - (i + crop - 1 - last)) : 0;
      if (score > bestScore || (score === bestScore && imbalance < bestImbalance)) {
        bestScore = score;
        bestImbalance = imbalance;
        best = i;
      }
    }
    startToken = bestScore > 0 ? best : 0;
    endToken = startToken + crop;
  }
  let out = '';
  const from = crop !== null && startToken > 0 ? (tokens[startToken] as { start: number }).start : 0;
  const to = crop !== null && endToken < tokens.length ? (tokens[endToken - 1] as { end: number }).end : text.length;
  if (crop !== null && startToken > 0) out += marker;
  let cursor = from;
  for (let i = startToken; i < endToken && i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const length = highlight ? matchLength(token.word) : null;
    if (length === null) continue;
    out += text.slice(cursor, token.start);
    const end = highlightEnd(text, token, length);
    out += pre + text.slice(token.start, end) + post;
    cursor = end;
  }
  out += text.slice(cursor, to);
  if (crop !== null && endToken < tokens.length) out += marker;
  return out;
}

export function formatValue(value: unknown, format: (s: string) => string): unknown {
  if (typeof value === 'string') return format(value);
  // Numbers come back as strings in `_formatted`; booleans and null keep their type (as Meilisearch does).
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(v, format));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, formatValue(v, format)]));
  return value;
}

/** Byte offsets of matched words in each attribute, as Meilisearch's `_matchesPosition`. */
export function matchesPosition(doc: Document, matches: Map<string, { length: number }>): Record<string, Array<{ start: number; length: number; indices?: number[] }>> {
  const out: Record<string, Array<{ start: number; length: number; indices?: number[] }>> = {};
  const encoder = new TextEncoder();
  const scan = (key: string, value: string, indices?: number[]) => {
    for (const token of tokenize(value)) {
      const m = matches.get(token.word);
      if (!m) continue;
      const start = encoder.encode(value.slice(0, token.start)).length;
      const length = encoder.encode(value.slice(token.start, highlightEnd(value, token, m.length))).length;
      (out[key] ??= []).push(indices ? { start, length, indices } : { start, length });
    }
  };
  // Attributes in name order, as Meilisearch's map of them.
  for (const [key, value] of Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Numbers are searchable text too (Meilisearch reports matches in an `id` that is a number).
    if (typeof value === 'string' || typeof value === 'number') scan(key, String(value));
    else if (Array.isArray(value)) value.forEach((item, i) => (typeof item === 'string' || typeof item === 'number') && scan(key, String(item), [i]));
  }
  return out;
}
