/**
 * `npm run eval -- ../shared/corpus/factrueval-dev`: person extraction and chunking measured against the
 * factRuEval-2016 gold annotations, on articles as given and flattened onto one line like the seed.
 *
 * Persons: see eval-persons.ts (`--misses` lists what it missed and added, `--natasha PYTHON` compares).
 * Chunking: articles intact (chunks join back to the text), chunk boundaries on gold sentence ends, and on
 * flattened text the precision/recall of chunk boundaries against the original paragraph boundaries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkArticle, joinChunks, type Chunk } from './chunk.ts';
import { evaluatePersons } from './eval-persons.ts';
import { loadMorphology } from './morphology.ts';

interface GoldDocument {
  name: string;
  text: string;
  /** Gold sentence end offsets into `text`. */
  sentenceEnds: Set<number>;
}

function loadGold(dir: string, name: string): GoldDocument {
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
  const natashaAt = process.argv.indexOf('--natasha');
  console.log(`factRuEval-2016 dev: ${names.length} articles\n`);
  evaluatePersons(dir, names, morphology, {
    misses: process.argv.includes('--misses'),
    natasha: natashaAt > 0 ? process.argv[natashaAt + 1] : undefined,
  });
  const started = performance.now();
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
    const doc = loadGold(dir, name);
    const { flat, map, paragraphEnds } = flatten(doc.text);
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
  const pp = chunking.paraTp / Math.max(1, chunking.paraPredicted);
  const pr = chunking.paraTp / Math.max(1, chunking.paraGold);
  console.log(`Chunking (${(ms / 1000).toFixed(1)} s)`);
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
