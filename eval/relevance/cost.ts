/**
 * `npx tsx eval/relevance/cost.ts ../shared/corpus/factrueval-dev`: what the morphology costs. Index time:
 * the keys of every paragraph (`textKeys`, dictionary lexemes) and its marked forms (`textForms`) beside
 * the Snowball-only stemmed copy they replaced (`stemText`), in paragraphs per second and in size. Query time: building the searches of one
 * request (`buildSearches`, which computes the keys) for the benchmark's queries, p50 and p99.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadMorphology } from '../../indexer/morphology.ts';
import { textForms, textKeys } from '../../indexer/text-keys.ts';
import { searchParams } from '../../src/api/params.ts';
import { buildSearches } from '../../src/search/query.ts';
import { stemText } from '../../src/text/stem.ts';
import { knownItems } from './queries.ts';

const dir = resolve(process.argv[2] ?? '../shared/corpus/factrueval-dev');
const paragraphs = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split(/\n\s*\n/)
      .map((text, i) => ({ id: `${f}:${i}`, text: text.trim() }))
      .filter((p) => p.text),
  );
const started = performance.now();
const morphology = await loadMorphology();
const loadMs = performance.now() - started;

function timed(f: () => number): { ms: number; chars: number } {
  const t = performance.now();
  const chars = f();
  return { ms: performance.now() - t, chars };
}
// Cold (every word new to the caches) and warm (a second pass over the same text).
const matched = (p: { text: string }) =>
  textKeys(p.text, morphology).length + textForms(p.text).length + 1;
const keysCold = timed(() => paragraphs.reduce((n, p) => n + matched(p), 0));
const keysWarm = timed(() => paragraphs.reduce((n, p) => n + matched(p), 0));
const stems = timed(() => paragraphs.reduce((n, p) => n + stemText(p.text).length, 0));
const text = paragraphs.reduce((n, p) => n + p.text.length, 0);
const rate = (ms: number) => Math.round(paragraphs.length / (ms / 1000));
console.log(
  `${paragraphs.length} paragraphs, ${text} characters; dictionaries loaded in ${loadMs.toFixed(0)} ms`,
);
console.log(`| index time | paragraphs/s | fields' size (× text) |`);
console.log(`|---|---|---|`);
console.log(
  `| Snowball stemmed copy (before) | ${rate(stems.ms)} | ${(stems.chars / text).toFixed(2)} |`,
);
console.log(
  `| keys and marked forms, cold | ${rate(keysCold.ms)} | ${(keysCold.chars / text).toFixed(2)} |`,
);
console.log(
  `| keys and marked forms, warm | ${rate(keysWarm.ms)} | ${(keysWarm.chars / text).toFixed(2)} |`,
);

const queries = knownItems(paragraphs, paragraphs, 300, morphology).map((i) => i.q);
const samples: number[] = [];
for (let round = 0; round < 5; round++)
  for (const q of queries) {
    const params = searchParams.parse({ q, group: 'paragraph' });
    const t = performance.now();
    buildSearches(params, 'articles');
    samples.push(performance.now() - t);
  }
samples.sort((a, b) => a - b);
const at = (p: number) => (samples[Math.floor(p * (samples.length - 1))] as number).toFixed(3);
console.log(
  `\nquery time (buildSearches, ${samples.length} requests): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
);
