/**
 * Snippets: HTML-escaped text with the words that match the query, in any inflected form or with a typo,
 * in <mark>. Marking is done here rather than by Meilisearch because the query is matched through keys.
 */
import { CYRILLIC, normalizeWord, stemWord } from '../text/stem.ts';
import { isTypoOf } from '../text/typo.ts';

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
/** Words of context kept before the first match of a cropped snippet. */
const CONTEXT_BEFORE = 5;

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface QueryMarks {
  /** Stems (to a fixpoint: broad, as marking only looks at hits) of the words. */
  stems: Set<string>;
  /** The words as typed (normalised), for their typos. */
  words: string[];
  /** The last word as typed, matched as a prefix (the word may still be being typed). */
  prefix: string | null;
}

export function isMatch(word: string, query: QueryMarks): boolean {
  const normal = normalizeWord(word);
  if (query.stems.has(stemWord(word))) return true;
  if (query.prefix && normal.startsWith(query.prefix)) return true;
  // Meilisearch's typos keep the first letter in practice; requiring it keeps marks from spreading.
  return query.words.some((typed) => typed[0] === normal[0] && isTypoOf(normal, typed));
}

/**
 * The marks for one hit, with the names it holds that were typed in Latin letters: `persons_latin` spells
 * each of `persons` word for word ("Tashiev" for «Ташиев»), so a Latin word typed that matches a word of
 * one (as typed, by its start or with a typo; a hyphenated word by any part) marks the Cyrillic word in
 * any case form («Ташиева»).
 */
export function withLatinNames(query: QueryMarks, persons: string[], latin: string[]): QueryMarks {
  const typed = query.words.filter((w) => !CYRILLIC.test(w));
  if (typed.length === 0) return query;
  const stems = new Set(query.stems);
  persons.forEach((person, i) => {
    const cyrillic = person.match(WORD) ?? [];
    const latinWords = latin[i]?.match(WORD) ?? [];
    if (cyrillic.length !== latinWords.length) return;
    latinWords.forEach((latinWord, j) => {
      const parts = normalizeWord(latinWord).split('-');
      if (
        parts.some((part) =>
          isMatch(part, { stems: new Set(typed), words: typed, prefix: query.prefix }),
        )
      )
        stems.add(stemWord(cyrillic[j] as string));
    });
  });
  return { ...query, stems };
}

/** How matches and cuts are written: HTML-escaped with <mark> for snippets, or as a client asked. */
export interface MarkStyle {
  pre: string;
  post: string;
  /** "…" where text is cut. */
  marker: string;
  escape: (text: string) => string;
}

const SNIPPET_STYLE: MarkStyle = {
  pre: '<mark>',
  post: '</mark>',
  marker: '…',
  escape: escapeHtml,
};

/**
 * Escape `text` and wrap matching words in <mark>; with `cropLength`, only the `cropLength` words around
 * the most matches, "…" where text is cut. Cropped here, not by Meilisearch, which crops around the words
 * it matched in `text`: the keys it matched are in `text_stem`.
 */
export function markSnippet(text: string, query: QueryMarks, cropLength?: number): string {
  return markText(text, query, cropLength, SNIPPET_STYLE);
}

/** `markSnippet` in another style; without `style.pre`/`style.post` nothing is marked, only cropped. */
export function markText(
  text: string,
  query: QueryMarks,
  cropLength: number | undefined,
  style: MarkStyle,
): string {
  const all = [...text.matchAll(WORD)];
  const matched = all.map((m) => isMatch(m[0], query));
  let first = 0;
  let last = all.length;
  if (cropLength !== undefined && all.length > cropLength) {
    // The window of `cropLength` words holding the most matches, the earliest of equals; a few words of
    // context before its first match.
    let best = 0;
    let bestCount = -1;
    let count = 0;
    for (let i = 0; i < all.length; i++) {
      count += Number(matched[i]);
      if (i >= cropLength) count -= Number(matched[i - cropLength]);
      if (i >= cropLength - 1 && count > bestCount) [best, bestCount] = [i - cropLength + 1, count];
    }
    const firstMatch = matched.indexOf(true, best);
    const lead = Math.min(CONTEXT_BEFORE, Math.max(0, firstMatch - best));
    first = Math.max(0, Math.min(firstMatch < 0 ? 0 : firstMatch - lead, all.length - cropLength));
    last = first + cropLength;
  }
  const start = first === 0 ? 0 : (all[first] as RegExpExecArray).index;
  const endMatch = all[last - 1];
  const end = last >= all.length || !endMatch ? text.length : endMatch.index + endMatch[0].length;
  const write = style.escape;
  let out = first === 0 ? '' : style.marker;
  let cursor = start;
  for (let i = first; i < last; i++) {
    const m = all[i] as RegExpExecArray;
    if (!matched[i] || (style.pre === '' && style.post === '')) continue;
    out += `${write(text.slice(cursor, m.index))}${style.pre}${write(m[0])}${style.post}`;
    cursor = m.index + m[0].length;
  }
  return out + write(text.slice(cursor, end)) + (end < text.length ? style.marker : '');
}
