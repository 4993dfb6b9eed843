/**
 * `npm run eval -- ../shared/corpus/factrueval-dev`: person extraction and chunking measured against the
 * factRuEval-2016 gold annotations, on articles as given and flattened onto one line like the seed.
 *
 * Persons: document level, micro-averaged. Gold persons are coreference entities made of Person mentions
 * that have both a first name and a last name (`Имя Фамилия` is what the indexer produces); entities with
 * only one of them (or an initial for a given name) are counted separately and left out of the score.
 * Names compare case-insensitively, ё = е, in any word order (see gold-persons.ts).
 * Chunking: articles intact (chunks join back to the text), chunk boundaries on gold sentence ends, and on
 * flattened text the precision/recall of chunk boundaries against the original paragraph boundaries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkArticle, joinChunks, type Chunk } from './chunk.ts';
import { loadMorphology } from './morphology.ts';
import { findPersons } from './persons.ts';
import { goldPersons, scorePersons, type GoldPersons } from './gold-persons.ts';

interface GoldDocument extends GoldPersons {
  name: string;
  text: string;
  /** Gold sentence end offsets into `text`. */
  sentenceEnds: Set<number>;
}

function loadGold(
  dir: string,
  name: string,
  givenNominatives: (word: string) => string[],
): GoldDocument {
  const read = (ext: string) => readFileSync(join(dir, `${name}.${ext}`), 'utf8');
  const sentenceEnds = new Set<number>();
  for (const sentence of read('tokens').split(/\n\s*\n/)) {
    const tokens = sentence.trim().split('\n').filter(Boolean);
    const last = tokens.at(-1)?.split(' ');
    if (last && last.length >= 3) sentenceEnds.add(Number(last[1]) + Number(last[2]));
  }
  return {
    name,
    text: read('txt'),
    ...goldPersons(read('objects'), read('coref'), givenNominatives),
    sentenceEnds,
  };
}

/** Flatten paragraphs onto one line; returns the text and a map from original offsets to flattened ones. */
function flatten(text: string): {
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
function boundaries(text: string, chunks: Chunk[]): number[] {
  const out: number[] = [];
  let cursor = 0;
  for (const chunk of chunks) {
    const at = text.indexOf(chunk.text, cursor);
    cursor = at + chunk.text.length;
    out.push(cursor);
  }
  return out.slice(0, -1);
}

/** Intact: the chunks give the text back, and only whitespace stood between them. */
const intact = (chunks: Chunk[], text: string) =>
  joinChunks(chunks) === text.trim() && chunks.every((c) => c.separator.trim() === '');

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '../shared/corpus/factrueval-dev';
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
  const morphology = await loadMorphology();
  const isCommonWord = (w: string) => morphology.isCommonWord(w);
  // A given name the dictionary knows only in an oblique case ("Егора") has its nominative as a variant.
  const givenNominatives = (w: string) => {
    const readings = morphology.givenName(w);
    return readings.some((n) => n.case === 'nomn') ? [] : readings.map((n) => n.nominative);
  };
  const started = performance.now();
  let partial = 0;
  const scores = { given: { tp: 0, fp: 0, fn: 0 }, flat: { tp: 0, fp: 0, fn: 0 } };
  const chunking = {
    intact: 0,
    intactFlat: 0,
    boundaries: 0,
    onSentence: 0,
    flatBoundaries: 0,
    flatOnSentence: 0,
    paraTp: 0,
    paraPredicted: 0,
    paraGold: 0,
  };
  const misses: string[] = [];
  for (const name of names) {
    const doc = loadGold(dir, name, givenNominatives);
    partial += doc.partial.length;
    const { flat, map, paragraphEnds } = flatten(doc.text);
    for (const [form, text] of [
      ['given', doc.text],
      ['flat', flat],
    ] as const) {
      const { tp, fp, fn } = scorePersons(
        findPersons(text, morphology).map((m) => m.name),
        doc,
      );
      const s = scores[form];
      s.tp += tp;
      s.fp += fp.length;
      s.fn += fn.length;
      if (form === 'given')
        misses.push(
          ...fp.map((f) => `${name}: extra ${f}`),
          ...fn.map((f) => `${name}: missed ${f}`),
        );
    }
    const given = chunkArticle(doc.text, isCommonWord);
    if (intact(given, doc.text)) chunking.intact++;
    for (const b of boundaries(doc.text, given)) {
      chunking.boundaries++;
      if (doc.sentenceEnds.has(b)) chunking.onSentence++;
    }
    const flatChunks = chunkArticle(flat, isCommonWord);
    if (intact(flatChunks, flat)) chunking.intactFlat++;
    const flatSentenceEnds = new Set([...doc.sentenceEnds].map(map));
    const predicted = boundaries(flat, flatChunks);
    for (const b of predicted) {
      chunking.flatBoundaries++;
      if (flatSentenceEnds.has(b)) chunking.flatOnSentence++;
      else if (process.argv.includes('--misses'))
        misses.push(
          `${name}: flattened boundary off the gold sentences: …${flat.slice(b - 60, b)}|${flat.slice(b, b + 30)}…`,
        );
      if (paragraphEnds.has(b)) chunking.paraTp++;
    }
    chunking.paraPredicted += predicted.length;
    chunking.paraGold += paragraphEnds.size;
  }
  const ms = performance.now() - started;
  console.log(`factRuEval-2016 dev: ${names.length} articles (${(ms / 1000).toFixed(1)} s)\n`);
  console.log('Persons (document level, micro-averaged; gold = entities with first and last name)');
  for (const [form, s] of Object.entries(scores)) {
    const p = s.tp / Math.max(1, s.tp + s.fp);
    const r = s.tp / Math.max(1, s.tp + s.fn);
    console.log(
      `  ${form === 'given' ? 'as given ' : 'flattened'}  P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1(p, r).toFixed(3)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
    );
  }
  console.log(
    `  gold entities with only a first or a last name (or an initial for the first), not scored: ${partial}\n`,
  );
  const pp = chunking.paraTp / Math.max(1, chunking.paraPredicted);
  const pr = chunking.paraTp / Math.max(1, chunking.paraGold);
  console.log('Chunking');
  console.log(
    `  articles intact: as given ${chunking.intact}/${names.length}, flattened ${chunking.intactFlat}/${names.length}`,
  );
  console.log(
    `  boundaries on gold sentence ends: as given ${chunking.onSentence}/${chunking.boundaries} (${pct(chunking.onSentence / Math.max(1, chunking.boundaries))}), flattened ${chunking.flatOnSentence}/${chunking.flatBoundaries} (${pct(chunking.flatOnSentence / Math.max(1, chunking.flatBoundaries))})`,
  );
  console.log(
    `  flattened paragraph boundaries: P ${pp.toFixed(3)}  R ${pr.toFixed(3)}  F1 ${f1(pp, pr).toFixed(3)}`,
  );
  if (process.argv.includes('--misses')) console.log(`\n${misses.join('\n')}`);
}

await main();
