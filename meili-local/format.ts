/** Formatting of returned documents: highlighting, cropping and match positions, as Meilisearch does them. */
import type { Document } from './filter.ts';
import { charCount, originalLength, tokenize, type Token } from './tokenize.ts';

/** Where the highlighted part of a matched token ends: `chars` normalised characters of it, or all of it. */
function highlightEnd(text: string, token: Token, chars: number): number {
  if (chars === Infinity || chars >= charCount(token.word)) return token.end;
  return (
    token.start +
    Math.max(1, originalLength(text.slice(token.start, token.end), token.script, chars))
  );
}

/** What a matched word is highlighted for: how many normalised characters (Infinity: all), and its query term. */
export interface MatchedWord {
  length: number;
  id: number;
}

/**
 * What the query matches in a text, as milli's MatchingWords: single words, and phrases, whose words match
 * only where they follow each other (separators between them allowed) and are then one match.
 */
export interface Matching {
  words: Map<string, MatchedWord>;
  /** The words of each phrase, normalised, and the query-term ids it stands for (one per word). */
  phrases: Array<{ words: string[]; ids: number[] }>;
}

/** One match in a text's words: the first and last word it covers, its query ids, its highlighted length. */
interface WordMatch {
  first: number;
  last: number;
  ids: number[];
  length: number;
}

/** The matches of `tokens`, in order (milli's compute_matches): a phrase is tried before the single words. */
function findMatches(tokens: Token[], matching: Matching): WordMatch[] {
  const out: WordMatch[] = [];
  for (let w = 0; w < tokens.length; w++) {
    const word = (tokens[w] as Token).word;
    const phrase = matching.phrases.find((p) =>
      p.words.every((pw, k) => tokens[w + k]?.word === pw),
    );
    if (phrase) {
      const last = w + phrase.words.length - 1;
      out.push({ first: w, last, ids: phrase.ids, length: Infinity });
      w = last;
      continue;
    }
    const m = matching.words.get(word);
    if (m) out.push({ first: w, last: w, ids: [m.id], length: m.length });
  }
  return out;
}

/** A word or a separator of a text, in order (separators as the tokenizer yields them: `. ` and `, ` as one). */
interface Piece {
  start: number;
  end: number;
  /** The word's token, or null for a separator. */
  token: Token | null;
  hard: boolean;
}

const HARD_SEPARATOR = /^(?:[.,] |[!?;\0¡§¶¿;…‼‽⁇⁈⁉․‥※⁏⁖⁚、。！，．：；？｡､])$/u;

function pieces(text: string, tokens: Token[]): Piece[] {
  const out: Piece[] = [];
  const separators = (from: number, to: number) => {
    let i = from;
    while (i < to) {
      const code = text.codePointAt(i) as number;
      const width = code > 0xffff ? 2 : 1;
      const two = (text[i] === '.' || text[i] === ',') && text[i + 1] === ' ' && i + 1 < to;
      const end = two ? i + 2 : i + width;
      out.push({ start: i, end, token: null, hard: HARD_SEPARATOR.test(text.slice(i, end)) });
      i = end;
    }
  };
  let cursor = 0;
  for (const token of tokens) {
    separators(cursor, token.start);
    out.push({ start: token.start, end: token.end, token, hard: false });
    cursor = token.end;
  }
  separators(cursor, text.length);
  return out;
}

/** A match placed among the pieces of the text: its first and last piece as well. */
interface Match extends WordMatch {
  firstPiece: number;
  lastPiece: number;
}

const minId = (m: WordMatch) => Math.min(...m.ids);

/**
 * Meilisearch's score of an interval of matches (best_match_interval.rs): distinct query ids, then
 * closeness, then query order; a phrase counts its inner words as close and in order.
 */
function intervalScore(matches: Match[], from: number, to: number): [number, number, number] {
  const ids = new Set<number>();
  let distance = 0;
  let order = 0;
  for (let k = from; k <= to; k++) {
    const m = matches[k] as Match;
    for (const id of m.ids) ids.add(id);
    order += m.last - m.first;
    distance -= m.last - m.first;
    if (k < to) {
      const next = matches[k + 1] as Match;
      if (minId(next) > minId(m)) order++;
      distance -= Math.min(next.first - m.last, 7);
    }
  }
  return [ids.size, distance, order];
}

const better = (a: [number, number, number], b: [number, number, number] | null): boolean =>
  b === null || a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])));

/** The first and last match of the best interval of matches spanning fewer than `crop` words (best_match_interval.rs). */
function bestInterval(matches: Match[], crop: number): [Match, Match] {
  let best: [number, number] | null = null;
  let bestScore: [number, number, number] | null = null;
  const consider = (from: number, to: number) => {
    const score = intervalScore(matches, from, to);
    if (better(score, bestScore)) {
      bestScore = score;
      best = [from, to];
    }
  };
  let first = 0;
  for (let index = 0; index < matches.length; index++) {
    const last = (matches[index] as Match).last;
    if (last - (matches[first] as Match).first >= crop) {
      if (index !== 0) consider(first, index - 1);
      for (;;) {
        first++;
        if (first === matches.length) {
          first--;
          break;
        }
        const firstWord = (matches[first] as Match).first;
        if (firstWord > last || last - firstWord < crop) break;
      }
    }
  }
  const lone = matches[first] as Match;
  if (first !== matches.length - 1 || lone.last - lone.first + 1 < crop)
    consider(first, matches.length - 1);
  const [from, to] = (best as [number, number] | null) ?? [0, 0];
  return [matches[from] as Match, matches[to] as Match];
}

/**
 * The crop window around the best interval of matches (Meilisearch's crop_bounds): grown one word at a time
 * on both sides, preferring the side of a word over a separator and a soft separator over a hard one.
 */
function cropBounds(text: string, all: Piece[], matches: Match[], crop: number): [number, number] {
  let remaining = crop;
  let before = 0; // pieces before this index, walked backwards
  let after = 0; // pieces from this index, walked forwards
  let backwards = false; // the matches are wider than the window: the right side shrinks
  if (matches.length) {
    const [first, last] = bestInterval(matches, crop);
    const size = last.last - first.first + 1;
    const fits = crop >= size;
    remaining = fits ? crop - size : size - crop;
    backwards = !fits;
    before = fits ? first.firstPiece : 0;
    after = Math.min(last.lastPiece + 1, all.length);
  }
  let left = before - 1;
  let right = backwards ? after : after;
  const leftPeek = () => (left >= 0 ? (all[left] as Piece) : null);
  const rightPeek = () =>
    backwards
      ? right >= 0
        ? (all[right] as Piece)
        : null
      : right < all.length
        ? (all[right] as Piece)
        : null;
  const rightNext = () => (backwards ? right-- : right++);
  while (remaining > 0) {
    const l = leftPeek();
    const r = rightPeek();
    if (l && r) {
      if (!l.token && !r.token) {
        if (l.hard === r.hard) {
          left--;
          // No separator right before the end marker.
          if (remaining > 1) rightNext();
        } else if (l.hard) rightNext();
        else left--;
      } else if (l.token && !r.token) {
        left--;
        remaining--;
      } else if (!l.token && r.token) {
        rightNext();
        remaining--;
      } else {
        left--;
        remaining--;
        if (remaining > 0) {
          rightNext();
          remaining--;
        }
      }
    } else if (l) {
      left--;
      if (l.token) remaining--;
    } else if (r) {
      rightNext();
      if (r.token) remaining--;
    } else break;
  }
  const start = left >= 0 ? (all[left] as Piece).end : 0;
  const r = rightPeek();
  const end = r ? r.start : text.length;
  return [start, end];
}

/** Highlight matched words and crop around the best window of matches, as Meilisearch's formatter. */
export function formatText(
  text: string,
  matching: Matching,
  highlight: boolean,
  crop: number | null,
  pre: string,
  post: string,
  marker: string,
): string {
  // Attributes only retrieved into `_formatted` come back as they are: no need to read their words.
  if (!highlight && !crop) return text;
  const tokens = tokenize(text);
  const all = pieces(text, tokens);
  const pieceOf: number[] = [];
  all.forEach((piece, index) => piece.token && pieceOf.push(index));
  const matches: Match[] = findMatches(tokens, matching).map((m) => ({
    ...m,
    firstPiece: pieceOf[m.first] as number,
    lastPiece: pieceOf[m.last] as number,
  }));
  const [from, to] = crop ? cropBounds(text, all, matches, crop) : [0, text.length];
  let out = from > 0 ? marker : '';
  let cursor = from;
  if (highlight) {
    for (const m of matches) {
      const first = tokens[m.first] as Token;
      const last = tokens[m.last] as Token;
      if (last.end < from || first.start > to) continue;
      const start = Math.max(first.start, from);
      const end = Math.min(last.end, to);
      if (cursor < start) out += text.slice(cursor, start);
      const highlighted =
        m.first === m.last ? Math.min(highlightEnd(text, first, m.length), end) : end;
      out += pre + text.slice(start, highlighted) + post + text.slice(highlighted, end);
      cursor = end;
    }
  }
  if (cursor < to) out += text.slice(cursor, to);
  if (to < text.length) out += marker;
  return out;
}

export function formatValue(value: unknown, format: (s: string) => string): unknown {
  if (typeof value === 'string') return format(value);
  // Numbers come back as strings in `_formatted`; booleans and null keep their type (as Meilisearch does).
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(v, format));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, formatValue(v, format)]));
  return value;
}

/**
 * Byte offsets of matched words in each attribute, as Meilisearch's `_matchesPosition`: every leaf value (a
 * string or number, nested fields named by their dotted path) is read, and a path's entry is the matches of
 * its last value that has any (Meilisearch overwrites it per value, so a list reports one of its values,
 * with `indices` saying which).
 */
export function matchesPosition(
  doc: Document,
  matching: Matching,
): Record<string, Array<{ start: number; length: number; indices?: number[] }>> {
  const out: Record<string, Array<{ start: number; length: number; indices?: number[] }>> = {};
  const encoder = new TextEncoder();
  const leaf = (path: string, value: string, indices: number[]) => {
    const found: Array<{ start: number; length: number; indices?: number[] }> = [];
    const tokens = tokenize(value);
    for (const m of findMatches(tokens, matching)) {
      const first = tokens[m.first] as Token;
      const last = tokens[m.last] as Token;
      const start = encoder.encode(value.slice(0, first.start)).length;
      const end = m.first === m.last ? highlightEnd(value, first, m.length) : last.end;
      const length = encoder.encode(value.slice(first.start, end)).length;
      found.push(indices.length ? { start, length, indices } : { start, length });
    }
    if (found.length) out[path] = found;
  };
  const visit = (path: string, value: unknown, indices: number[]) => {
    // Numbers are searchable text too (Meilisearch reports matches in an `id` that is a number).
    if (typeof value === 'string' || typeof value === 'number') leaf(path, String(value), indices);
    else if (Array.isArray(value)) value.forEach((item, i) => visit(path, item, [...indices, i]));
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) visit(`${path}.${key}`, inner, indices);
  };
  for (const [key, value] of Object.entries(doc)) visit(key, value, []);
  // Attributes in name order, as Meilisearch's map of them.
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
