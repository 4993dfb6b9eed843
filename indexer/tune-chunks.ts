/**
 * `npx tsx indexer/tune-chunks.ts [../shared/corpus/factrueval-dev]`: fits the weights of
 * PARAGRAPH_START_RULES (chunk.ts) on the tuning half of the dev set flattened, by logistic regression
 * over the rules that hold at each sentence (the chunk so far counted from the gold paragraph start), then
 * picks the threshold that gives the best boundary F1 when the chunker decides sentence by sentence, and
 * prints the weights (the threshold folded into "always") to copy into chunk.ts. The validation half is
 * never read here.
 */
import { readdirSync } from 'node:fs';
import {
  cohesion,
  namedOpening,
  PARAGRAPH_START_RULES,
  type SentenceContext,
  startsParagraph,
} from './chunk.ts';
import { devHalves } from './dev-split.ts';
import { flatten, loadGoldChunking } from './eval-chunks.ts';
import { loadMorphology } from './morphology.ts';
import { splitSentences } from './sentences.ts';

const dir = process.argv[2] ?? '../shared/corpus/factrueval-dev';
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4))
  .sort();
const halves = devHalves(names);
const morphology = await loadMorphology();
const documents = names
  .filter((n) => halves.get(n) === 'tuning')
  .map((name) => {
    const { flat, paragraphEnds } = flatten(loadGoldChunking(dir, name).text);
    return { flat, paragraphEnds, sentences: splitSentences(flat) };
  });

/** Sentence by sentence: `decide` says whether each starts a chunk; returns the predicted boundaries. */
function walk(
  doc: (typeof documents)[number],
  decide: (c: SentenceContext, isStart: boolean) => boolean,
): number[] {
  const starts = new Set([...doc.paragraphEnds].map((end) => end + 1));
  const predicted: number[] = [];
  let chunkStart = 0;
  let sentencesBefore = 0;
  let previous = '';
  let previousEnd = 0;
  for (const [index, s] of doc.sentences.entries()) {
    const sentence = doc.flat.slice(s.start, s.end);
    if (index > 0) {
      const context = {
        sentence,
        previous,
        charsBefore: s.start - chunkStart,
        sentencesBefore,
        cohesion: cohesion(previous, sentence),
        index,
        namedOpening: namedOpening(sentence, morphology),
      };
      if (decide(context, starts.has(s.start))) {
        predicted.push(previousEnd);
        chunkStart = s.start;
        sentencesBefore = 0;
      }
    }
    sentencesBefore++;
    previous = sentence;
    previousEnd = s.end;
  }
  return predicted;
}

// The samples: every sentence but the first, labelled by the gold, with the gold chunk so far.
const samples: Array<{ x: number[]; y: number }> = [];
for (const doc of documents)
  walk(doc, (context, isStart) => {
    samples.push({
      x: PARAGRAPH_START_RULES.map((r) => (r.holds(context) ? 1 : 0)),
      y: isStart ? 1 : 0,
    });
    return isStart;
  });

// Batch gradient descent with L2: few features, a few hundred samples.
const L2 = Number(process.env.L2 ?? 0.05);
const w = PARAGRAPH_START_RULES.map(() => 0);
for (let epoch = 0; epoch < 3000; epoch++) {
  const grad = w.map(() => 0);
  for (const { x, y } of samples) {
    const z = x.reduce((sum, xi, j) => sum + xi * (w[j] as number), 0);
    const p = 1 / (1 + Math.exp(-z));
    x.forEach((xi, j) => {
      grad[j] = (grad[j] as number) + (p - y) * xi;
    });
  }
  w.forEach((wj, j) => {
    w[j] = wj - 0.5 * ((grad[j] as number) / samples.length + (j === 0 ? 0 : L2 * wj));
  });
}

// The threshold: the best F1 of boundaries as the chunker decides them (its own chunk so far).
let best = { f1: -1, shift: 0 };
for (let shift = -2; shift <= 1; shift += 0.05) {
  const rules = PARAGRAPH_START_RULES.map((r, j) => ({
    holds: r.holds,
    weight: (w[j] as number) + (j === 0 ? shift : 0),
  }));
  let tp = 0;
  let predictedCount = 0;
  let gold = 0;
  for (const doc of documents) {
    const predicted = walk(doc, (context) => startsParagraph(context, rules));
    predictedCount += predicted.length;
    gold += doc.paragraphEnds.size;
    tp += predicted.filter((b) => doc.paragraphEnds.has(b)).length;
  }
  const p = tp / Math.max(1, predictedCount);
  const r = tp / Math.max(1, gold);
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  if (f1 > best.f1) best = { f1, shift };
}
w[0] = (w[0] as number) + best.shift;
console.log(
  `${samples.length} sentences of the tuning half, ${samples.filter((s) => s.y).length} paragraph starts; boundary F1 ${best.f1.toFixed(3)} on it`,
);
for (const [j, rule] of PARAGRAPH_START_RULES.entries())
  console.log(`  ${JSON.stringify(rule.name).padEnd(34)} ${(w[j] as number).toFixed(2)}`);
