/**
 * Known-item queries, generated deterministically from the corpus: for a target paragraph, 2-3 of its most
 * distinctive words (the rarest lexemes in the corpus), asked five ways. Pure, given the morphology.
 */
import type { Lexeme, Morphology } from '../../indexer/morphology.ts';

export const VARIANTS = ['written', 'inflected', 'lemma', 'typo', 'prefix'] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_NAMES: Record<Variant, string> = {
  written: 'as written',
  inflected: 'inflected',
  lemma: 'dictionary form',
  typo: 'one typo',
  prefix: 'cut short',
};

export interface Paragraph {
  id: string;
  text: string;
}

export interface KnownItem {
  target: string;
  variant: Variant;
  q: string;
}

/** Parts of speech a user types as a search word. */
const CONTENT_POS = new Set(['NOUN', 'ADJF', 'VERB', 'INFN']);
const MIN_LENGTH = 5;
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** FNV-1a: a stable number from a string, for every deterministic choice. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const lower = (w: string) => w.toLowerCase().replaceAll('ё', 'е');

/** Neighbours on the Russian keyboard (ЙЦУКЕН), for substitution typos. */
const ROWS = ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю'];
function neighbour(letter: string): string {
  for (const row of ROWS) {
    const i = row.indexOf(letter);
    if (i >= 0) return row[i + 1] ?? row[i - 1] ?? letter;
  }
  return letter;
}

/** One edit inside `word` (never its first letter): swap two letters, drop one, or hit a neighbouring key. */
export function typo(word: string): string {
  const h = hash(word);
  const at = 1 + (h % (word.length - 2));
  const letters = [...word];
  const op = (h >>> 8) % 3;
  if (op === 0 && letters[at] !== letters[at + 1])
    [letters[at], letters[at + 1]] = [letters[at + 1] as string, letters[at] as string];
  else if (op === 1) letters.splice(at, 1);
  else letters[at] = neighbour(letters[at] as string);
  const out = letters.join('');
  return out === word ? letters.toSpliced(at, 1).join('') : out;
}

/** The last word cut short as while typing: about its first 60%, at least four letters. */
export function cutShort(word: string): string {
  return word.slice(0, Math.max(4, Math.ceil(word.length * 0.6)));
}

interface Candidate {
  written: string;
  lexeme: Lexeme;
  position: number;
}

/** The reading of `word` a user would mean: a content word's lexeme that has `word` among its forms. */
function contentLexeme(word: string, morphology: Morphology): Lexeme | null {
  const w = lower(word);
  return (
    morphology
      .lexemes(word)
      .find((l) => l.known && CONTENT_POS.has(l.pos) && l.forms.some((f) => f.word === w)) ?? null
  );
}

/** Another form of the same lexeme and part of speech, chosen by the word's hash. */
function otherForm(c: Candidate): string | null {
  const w = lower(c.written);
  const pos = c.lexeme.forms.find((f) => f.word === w)?.pos;
  const others = c.lexeme.forms.filter(
    (f) => f.pos === pos && f.word !== w && !f.word.includes('-'),
  );
  return others.length ? (others[hash(w) % others.length] as { word: string }).word : null;
}

/**
 * Five known items per target (one per variant): targets are every n-th of `targets` (in id order)
 * with at least three candidate words, so that `count` of them are taken.
 */
export function knownItems(
  all: Paragraph[],
  targets: Paragraph[],
  count: number,
  morphology: Morphology,
): KnownItem[] {
  // Document frequency of each lexeme over the whole corpus (a paragraph counts once per lemma).
  const df = new Map<string, number>();
  const candidatesOf = new Map<string, Candidate[]>();
  for (const p of all) {
    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    let position = 0;
    for (const m of p.text.matchAll(WORD)) {
      const word = m[0];
      position++;
      if (word.length < MIN_LENGTH || !/^\p{Script=Cyrillic}+$/u.test(word)) continue;
      const lexeme = contentLexeme(word, morphology);
      if (!lexeme) continue;
      if (!seen.has(lexeme.lemma)) {
        seen.add(lexeme.lemma);
        df.set(lexeme.lemma, (df.get(lexeme.lemma) ?? 0) + 1);
        candidates.push({ written: word, lexeme, position });
      }
    }
    candidatesOf.set(p.id, candidates);
  }
  const eligible = [...targets]
    .sort((a, b) => a.id.localeCompare(b.id))
    .filter((p) => (candidatesOf.get(p.id) ?? []).length >= 3);
  const step = Math.max(1, eligible.length / count);
  const chosen = Array.from(
    { length: Math.min(count, eligible.length) },
    (_, i) => eligible[Math.floor(i * step)] as Paragraph,
  );
  const items: KnownItem[] = [];
  for (const p of chosen) {
    const k = 2 + (hash(p.id) % 2);
    const words = [...(candidatesOf.get(p.id) ?? [])]
      .sort(
        (a, b) =>
          (df.get(a.lexeme.lemma) ?? 0) - (df.get(b.lexeme.lemma) ?? 0) || a.position - b.position,
      )
      .slice(0, k)
      .sort((a, b) => a.position - b.position);
    const written = words.map((c) => lower(c.written));
    const longest = written.reduce(
      (best, w, i) => (w.length > (written[best] as string).length ? i : best),
      0,
    );
    const variants: Record<Variant, string[]> = {
      written,
      inflected: words.map((c) => otherForm(c) ?? lower(c.written)),
      lemma: words.map((c) => c.lexeme.lemma),
      typo: written.map((w, i) => (i === longest ? typo(w) : w)),
      prefix: written.map((w, i) => (i === written.length - 1 ? cutShort(w) : w)),
    };
    for (const variant of VARIANTS)
      items.push({ target: p.id, variant, q: variants[variant].join(' ') });
  }
  return items;
}
