/**
 * `npx tsx indexer/tune-chunks.ts [../shared/corpus/factrueval-dev]`: fits the paragraph model of
 * flattened text (PARAGRAPH_FEATURES in chunk.ts) on the tuning half of the dev set flattened and writes
 * its weights to paragraph-weights.ts. A logistic regression over the features at every sentence gap the
 * rules leave open (labelled by the gold paragraph ends), its L2 strength and decision threshold chosen by
 * 5-fold cross-validation inside the tuning half for the best boundary F1; the threshold is folded into
 * "always". The validation half is never read here.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flattenedUnits, PARAGRAPH_FEATURES } from './chunk.ts';
import { devHalves } from './dev-split.ts';
import { flatten, loadGoldChunking } from './eval-chunks.ts';
import { loadMorphology } from './morphology.ts';

const dir = process.argv[2] ?? '../shared/corpus/factrueval-dev';
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4))
  .sort();
const halves = devHalves(names);
const morphology = await loadMorphology();

/** Per article: the gaps the model decides (features, gold label) and the boundaries the rules give. */
interface Article {
  gaps: Array<{ x: number[]; y: number }>;
  forcedHits: number;
  forcedCount: number;
  gold: number;
}
const articles: Article[] = names
  .filter((n) => halves.get(n) === 'tuning')
  .map((name) => {
    const { flat, paragraphEnds } = flatten(loadGoldChunking(dir, name).text);
    const { units, sentences, forced, headingLength } = flattenedUnits(flat, morphology);
    const article: Article = { gaps: [], forcedHits: 0, forcedCount: 0, gold: paragraphEnds.size };
    // The end of an inline heading is a boundary too, as the article page shows it (eval-chunks.ts).
    units.forEach((unit, i) => {
      const headingEnd =
        unit.start +
        flat.slice(unit.start, unit.start + (headingLength[i] as number)).trimEnd().length;
      if (headingEnd === unit.start || headingEnd >= unit.end) return;
      article.forcedCount++;
      if (paragraphEnds.has(headingEnd)) article.forcedHits++;
    });
    for (let i = 1; i < units.length; i++) {
      const y = paragraphEnds.has((units[i - 1] as { end: number }).end) ? 1 : 0;
      if (forced[i]) {
        article.forcedCount++;
        article.forcedHits += y;
      } else article.gaps.push({ x: PARAGRAPH_FEATURES.map((f) => f.value(sentences, i)), y });
    }
    return article;
  });

const dot = (w: number[], x: number[]) => x.reduce((sum, xi, j) => sum + xi * (w[j] as number), 0);

/** Batch gradient descent, L2 on all but "always": few features, some hundreds of gaps. */
function fitWeights(train: Article[], l2: number): number[] {
  const samples = train.flatMap((a) => a.gaps);
  const w = PARAGRAPH_FEATURES.map(() => 0);
  for (let epoch = 0; epoch < 1500; epoch++) {
    const grad = w.map(() => 0);
    for (const { x, y } of samples) {
      const p = 1 / (1 + Math.exp(-dot(w, x)));
      x.forEach((xi, j) => {
        grad[j] = (grad[j] as number) + (p - y) * xi;
      });
    }
    w.forEach((wj, j) => {
      w[j] = wj - 0.5 * ((grad[j] as number) / samples.length + (j === 0 ? 0 : l2 * wj));
    });
  }
  return w;
}

/** Boundary counts where a gap starts a chunk when its score is above `threshold`. */
function count(test: Article[], w: number[], threshold: number) {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const a of test) {
    tp += a.forcedHits;
    predicted += a.forcedCount;
    gold += a.gold;
    for (const { x, y } of a.gaps)
      if (dot(w, x) > threshold) {
        predicted++;
        tp += y;
      }
  }
  return { tp, predicted, gold };
}

const f1 = ({ tp, predicted, gold }: { tp: number; predicted: number; gold: number }) =>
  tp === 0 ? 0 : (2 * tp) / (predicted + gold);

const FOLDS = 5;
const L2S = [0.003, 0.01, 0.03];
const THRESHOLDS = Array.from({ length: 21 }, (_, k) => -2 + k * 0.1);
let best = { f1: -1, l2: 0, threshold: 0 };
for (const l2 of L2S) {
  const totals = THRESHOLDS.map(() => ({ tp: 0, predicted: 0, gold: 0 }));
  for (let fold = 0; fold < FOLDS; fold++) {
    const w = fitWeights(
      articles.filter((_, i) => i % FOLDS !== fold),
      l2,
    );
    const test = articles.filter((_, i) => i % FOLDS === fold);
    THRESHOLDS.forEach((t, k) => {
      const c = count(test, w, t);
      const total = totals[k] as { tp: number; predicted: number; gold: number };
      total.tp += c.tp;
      total.predicted += c.predicted;
      total.gold += c.gold;
    });
  }
  totals.forEach((total, k) => {
    if (f1(total) > best.f1) best = { f1: f1(total), l2, threshold: THRESHOLDS[k] as number };
  });
}

const w = fitWeights(articles, best.l2);
const inSample = f1(count(articles, w, best.threshold));
w[0] = (w[0] as number) - best.threshold;
const round = (x: number) => Math.round(x * 1000) / 1000;
const entries = PARAGRAPH_FEATURES.map(
  (f, j) => `  ${JSON.stringify(f.name)}: ${round(w[j] as number)},`,
);
const weightsFile = fileURLToPath(new URL('./paragraph-weights.ts', import.meta.url));
writeFileSync(
  weightsFile,
  `// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: fitted weights, not constants
/**
 * The weights of PARAGRAPH_FEATURES (chunk.ts), written by indexer/tune-chunks.ts: a logistic regression
 * fitted on the tuning half of the factRuEval-2016 dev set flattened (L2 ${best.l2}, threshold ${round(best.threshold)}
 * folded into "always", both by 5-fold cross-validation inside that half: boundary F1 ${best.f1.toFixed(3)}).
 * Do not edit by hand: run the script.
 */
export const PARAGRAPH_WEIGHTS: Readonly<Record<string, number>> = {
${entries.join('\n')}
};
`,
);
execFileSync('npx', ['biome', 'format', '--write', weightsFile], { stdio: 'ignore' });
console.log(
  `${articles.reduce((n, a) => n + a.gaps.length, 0)} gaps of the tuning half; cross-validated boundary F1 ${best.f1.toFixed(3)} (L2 ${best.l2}, threshold ${round(best.threshold)}), ${inSample.toFixed(3)} on the whole half; weights written to indexer/paragraph-weights.ts`,
);
