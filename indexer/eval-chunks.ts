/**
 * Chunking measured against factRuEval-2016 (called by eval.ts), on the tuning and validation halves of
 * dev-split.ts apart: articles intact (chunks join back to the text), chunk boundaries on gold sentence
 * ends, the longest chunk, and, on each article flattened onto one line like the seed, how well chunk
 * boundaries recover the original paragraph boundaries (precision, recall, F1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkArticle, joinChunks, type Chunk, type WordSense } from './chunk.ts';
import { DEV_HALVES, devHalves, type DevHalf } from './dev-split.ts';

export interface GoldChunking {
  name: string;
  text: string;
  /** Gold sentence end offsets into `text`. */
  sentenceEnds: Set<number>;
}

export function loadGoldChunking(dir: string, name: string): GoldChunking {
  const read = (ext: string) => readFileSync(join(dir, `${name}.${ext}`), 'utf8');
  const sentenceEnds = new Set<number>();
  for (const sentence of read('tokens').split(/\n\s*\n/)) {
    const tokens = sentence.trim().split('\n').filter(Boolean);
    const last = tokens.at(-1)?.split(' ');
    if (last && last.length >= 3) sentenceEnds.add(Number(last[1]) + Number(last[2]));
  }
  return { name, text: read('txt'), sentenceEnds };
}

/** Flatten paragraphs onto one line; returns the text and a map from original offsets to flattened ones. */
export function flatten(text: string): {
  flat: string;
  map: (offset: number) => number;
  paragraphEnds: Set<number>;
} {
  const paragraphs = [...text.matchAll(/[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g)]
    .map((m) => ({ start: m.index, raw: m[0] }))
    .map(({ start, raw }) => {
      const lead = raw.length - raw.trimStart().length;
      return { start: start + lead, text: raw.trim().replace(/\s*\n\s*/g, ' ') };
    })
    .filter((p) => p.text.length > 0);
  const starts: Array<{ original: number; flat: number; length: number }> = [];
  let flat = '';
  for (const p of paragraphs) {
    if (flat) flat += ' ';
    starts.push({ original: p.start, flat: flat.length, length: p.text.length });
    flat += p.text;
  }
  const paragraphEnds = new Set(starts.slice(0, -1).map((s) => s.flat + s.length));
  const map = (offset: number) => {
    const p = [...starts].reverse().find((s) => s.original <= offset);
    return p ? p.flat + Math.min(offset - p.original, p.length) : offset;
  };
  return { flat, map, paragraphEnds };
}

/** End offsets of chunks in `text` (except the last, which is the end of the text). */
export function boundaries(text: string, chunks: Chunk[]): number[] {
  return chunkSpans(text, chunks)
    .map((c) => c.end)
    .slice(0, -1);
}

/**
 * Paragraph boundaries as the article page shows them: the chunk ends, and the end of the heading a chunk
 * opens a section with, when its text begins with it: the page shows that heading apart, above the rest
 * (src/page/view.tsx).
 */
export function shownBoundaries(text: string, chunks: Chunk[]): number[] {
  const headingEnds = chunkSpans(text, chunks).flatMap(({ start, end }, i) => {
    const { heading, text: chunkText } = chunks[i] as Chunk;
    const opensSection = heading !== '' && heading !== chunks[i - 1]?.heading;
    return opensSection && chunkText.startsWith(heading) && start + heading.length < end
      ? [start + heading.length]
      : [];
  });
  return [...boundaries(text, chunks), ...headingEnds].sort((a, b) => a - b);
}

function chunkSpans(text: string, chunks: Chunk[]): Array<{ start: number; end: number }> {
  let cursor = 0;
  return chunks.map((chunk) => {
    const start = text.indexOf(chunk.text, cursor);
    cursor = start + chunk.text.length;
    return { start, end: cursor };
  });
}

/** Intact: the chunks give the text back, and only whitespace stood between them. */
const intact = (chunks: Chunk[], text: string) =>
  joinChunks(chunks) === text.trim() && chunks.every((c) => c.separator.trim() === '');

export interface ChunkScores {
  articles: number;
  intact: number;
  intactFlat: number;
  boundaries: number;
  onSentence: number;
  flatBoundaries: number;
  flatOnSentence: number;
  /** Flattened boundaries that are original paragraph boundaries. */
  paraTp: number;
  paraPredicted: number;
  paraGold: number;
  longest: number;
  longestFlat: number;
  /** Lengths of the chunks of the flattened articles. */
  flatLengths: number[];
  /** Flattened boundaries that are boundaries of the article's own chunks as given (headings apart). */
  chunkTp: number;
  chunkGold: number;
}

const emptyScores = (): ChunkScores => ({
  articles: 0,
  intact: 0,
  intactFlat: 0,
  boundaries: 0,
  onSentence: 0,
  flatBoundaries: 0,
  flatOnSentence: 0,
  paraTp: 0,
  paraPredicted: 0,
  paraGold: 0,
  longest: 0,
  longestFlat: 0,
  flatLengths: [],
  chunkTp: 0,
  chunkGold: 0,
});

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * Boundary precision, recall and F1 on flattened text (shownBoundaries), against the original paragraph ends
 * or (`against: 'chunks'`) against the boundaries of the article's own chunks as given, shown the same way.
 */
export function paragraphRecovery(
  s: ChunkScores,
  against: 'paragraphs' | 'chunks' = 'paragraphs',
): { p: number; r: number; f1: number } {
  const [tp, gold] = against === 'paragraphs' ? [s.paraTp, s.paraGold] : [s.chunkTp, s.chunkGold];
  const p = tp / Math.max(1, s.paraPredicted);
  const r = tp / Math.max(1, gold);
  return { p, r, f1: f1(p, r) };
}

/** The q-quantile (0..1) of the numbers, by the nearest rank. */
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * values.length) - 1)] ?? 0;

/** Score one article into `s`; `misses` collects flattened boundaries off the gold sentences. */
export function scoreArticle(
  doc: GoldChunking,
  sense: WordSense,
  s: ChunkScores,
  misses?: string[],
): void {
  s.articles++;
  const { flat, map, paragraphEnds } = flatten(doc.text);
  const given = chunkArticle(doc.text, sense);
  if (intact(given, doc.text)) s.intact++;
  for (const b of boundaries(doc.text, given)) {
    s.boundaries++;
    if (doc.sentenceEnds.has(b)) s.onSentence++;
  }
  // As the seed's format gives it: the format says the text is flattened.
  const flatChunks = chunkArticle(flat, sense, { flattened: true });
  if (intact(flatChunks, flat)) s.intactFlat++;
  const flatSentenceEnds = new Set([...doc.sentenceEnds].map(map));
  for (const b of boundaries(flat, flatChunks)) {
    s.flatBoundaries++;
    if (flatSentenceEnds.has(b)) s.flatOnSentence++;
    else
      misses?.push(
        `${doc.name}: flattened boundary off the gold sentences: …${flat.slice(b - 60, b)}|${flat.slice(b, b + 30)}…`,
      );
  }
  const predicted = shownBoundaries(flat, flatChunks);
  for (const b of predicted) if (paragraphEnds.has(b)) s.paraTp++;
  s.paraPredicted += predicted.length;
  s.paraGold += paragraphEnds.size;
  const chunkEnds = new Set(shownBoundaries(doc.text, given).map(map));
  for (const b of predicted) if (chunkEnds.has(b)) s.chunkTp++;
  s.chunkGold += chunkEnds.size;
  s.flatLengths.push(...flatChunks.map((c) => c.text.length));
  s.longest = Math.max(s.longest, ...given.map((c) => c.text.length));
  s.longestFlat = Math.max(s.longestFlat, ...flatChunks.map((c) => c.text.length));
}

/** Scores per half of the dev split. */
export function scoreChunking(
  dir: string,
  names: readonly string[],
  sense: WordSense,
  misses?: string[],
): Record<DevHalf, ChunkScores> {
  const halves = devHalves(names);
  const scores = { tuning: emptyScores(), validation: emptyScores() };
  for (const name of names)
    scoreArticle(loadGoldChunking(dir, name), sense, scores[halves.get(name) as DevHalf], misses);
  return scores;
}

const pct = (n: number, d: number) => `${n}/${d} (${((100 * n) / Math.max(1, d)).toFixed(1)}%)`;

/** Print the chunking figures, one block per half. */
export function evaluateChunks(
  dir: string,
  names: readonly string[],
  sense: WordSense,
  options: { misses?: boolean } = {},
): void {
  const started = performance.now();
  const misses: string[] = [];
  const scores = scoreChunking(dir, names, sense, options.misses ? misses : undefined);
  console.log(`Chunking (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  for (const half of DEV_HALVES) {
    const s = scores[half];
    const { p, r, f1: f } = paragraphRecovery(s);
    const chunks = paragraphRecovery(s, 'chunks');
    console.log(`  ${half} half, ${s.articles} articles`);
    console.log(
      `    intact: as given ${s.intact}/${s.articles}, flattened ${s.intactFlat}/${s.articles}`,
    );
    console.log(
      `    boundaries on gold sentence ends: as given ${pct(s.onSentence, s.boundaries)}, flattened ${pct(s.flatOnSentence, s.flatBoundaries)}`,
    );
    console.log(
      `    flattened paragraph boundaries: P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (${s.paraTp} of ${s.paraPredicted} predicted, ${s.paraGold} gold)`,
    );
    console.log(
      `    the same against the chunks as given (a heading shown apart): P ${chunks.p.toFixed(3)}  R ${chunks.r.toFixed(3)}  F1 ${chunks.f1.toFixed(3)}  (${s.chunkGold} boundaries)`,
    );
    console.log(
      `    longest chunk: as given ${s.longest}, flattened ${s.longestFlat} characters; flattened chunks: ${s.flatLengths.length}, median ${quantile(s.flatLengths, 0.5)}, p95 ${quantile(s.flatLengths, 0.95)}`,
    );
  }
  if (options.misses) console.log(`\n${misses.join('\n')}`);
}
