/**
 * Snippets: HTML-escaped text with the words that match the query, in any inflected form, in <mark>.
 * Marking is done here rather than by Meilisearch because the query is matched through stems.
 */
import { stemWord } from '../text/stem.ts';

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface QueryStems {
  /** Stems of the complete words. */
  stems: Set<string>;
  /** Stem of the last word, matched as a prefix (the word may still be being typed). */
  prefix: string | null;
}

export function isMatch(word: string, query: QueryStems): boolean {
  const stem = stemWord(word);
  if (query.stems.has(stem)) return true;
  return (
    query.prefix !== null &&
    query.prefix.length > 0 &&
    (stem.startsWith(query.prefix) ||
      word.toLowerCase().replaceAll('ё', 'е').startsWith(query.prefix))
  );
}

/** Escape `text` and wrap matching words in <mark>. */
export function markSnippet(text: string, query: QueryStems): string {
  let out = '';
  let cursor = 0;
  for (const m of text.matchAll(WORD)) {
    if (!isMatch(m[0], query)) continue;
    out += `${escapeHtml(text.slice(cursor, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    cursor = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(cursor));
}
