/**
 * What the catalogue draws its requests from: words, phrases, persons, dates and ids of the indexed
 * documents, plus a deterministic picker per family (same corpus, same requests, run after run).
 */
import { prng } from '../bench/corpus.ts';
import type { ChunkDocument } from '../src/schema/chunk.ts';

export interface Vocabulary {
  docs: ChunkDocument[];
  /** Distinct lower-case words of `text`, most frequent first (ties: first seen). */
  words: string[];
  /** Words seen in at most two documents. */
  rare: string[];
  /** Distinct words by length in characters. */
  byLength: Map<number, string[]>;
  /** Words of `text_stem` that are not words of `text`. */
  stems: string[];
  /** Runs of 2-3 consecutive words from the texts, as written (lower case). */
  phrases: string[];
  /** Person names, most frequent first. */
  persons: string[];
  years: number[];
  months: string[];
  /** Sorted distinct `date_ts` values. */
  dateTs: number[];
  articleIds: string[];
  ids: string[];
}

/** Deterministic choices for one family: seeded by its name, so families never shift each other. */
export interface Picker {
  /** `n` distinct items spread over `list` (all of it when shorter), in a seeded order. */
  pick<T>(list: readonly T[], n: number): T[];
  one<T>(list: readonly T[]): T;
  int(min: number, max: number): number;
}

export function picker(name: string): Picker {
  let seed = 2166136261;
  for (const ch of name) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619);
  const random = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    int,
    one: <T>(list: readonly T[]) => list[int(0, list.length - 1)] as T,
    pick<T>(list: readonly T[], n: number): T[] {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, n);
    },
  };
}

const tokens = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

export function buildVocabulary(docs: ChunkDocument[]): Vocabulary {
  const frequency = new Map<string, number>();
  const stemWords = new Set<string>();
  const phrases = new Set<string>();
  const personCount = new Map<string, number>();
  for (const doc of docs) {
    const words = tokens(doc.text).filter((w) => /^\p{L}+$/u.test(w));
    for (const w of new Set(words)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    for (const w of tokens(doc.text_stem)) stemWords.add(w);
    for (let i = 0; i + 3 <= words.length; i += 7)
      phrases.add(words.slice(i, i + 2 + (i % 2)).join(' '));
    for (const p of doc.persons) personCount.set(p, (personCount.get(p) ?? 0) + 1);
  }
  const words = [...frequency.keys()].sort(
    (a, b) => (frequency.get(b) as number) - (frequency.get(a) as number),
  );
  const byLength = new Map<number, string[]>();
  for (const w of words) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  const distinct = <T>(values: Array<T | null>) => [
    ...new Set(values.filter((v): v is T => v !== null)),
  ];
  return {
    docs,
    words,
    rare: words.filter((w) => (frequency.get(w) as number) <= 2),
    byLength,
    stems: [...stemWords].filter((s) => !frequency.has(s)),
    phrases: [...phrases],
    persons: [...personCount.keys()].sort(
      (a, b) =>
        (personCount.get(b) as number) - (personCount.get(a) as number) || a.localeCompare(b),
    ),
    years: distinct(docs.map((d) => d.year)).sort(),
    months: distinct(docs.map((d) => d.month)).sort(),
    dateTs: distinct(docs.map((d) => d.date_ts)).sort((a, b) => a - b),
    articleIds: distinct(docs.map((d) => d.article_id)),
    ids: docs.map((d) => d.id),
  };
}
