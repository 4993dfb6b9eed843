/**
 * Person extraction measured against the factRuEval-2016 gold persons, for `npm run eval`: document level,
 * micro-averaged, every gold person with a name (full names and one-part names reported apart), on articles
 * as given and flattened onto one line like the seed, on the tuning half and the validation half apart
 * (dev-split.ts). Each half is indexed as a whole, so a one-part name may resolve across its articles.
 * With `--natasha PYTHON`, Natasha scores every half and form beside it in the same run (natasha-persons.py),
 * and both are timed on each.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_HALVES, type DevHalf, devHalves } from './dev-split.ts';
import { type GoldKind, type GoldPersons, goldPersons, scorePersons } from './gold-persons.ts';
import type { Morphology } from './morphology.ts';
import { resolvedNames } from './persons/across-articles.ts';
import { articlePersons } from './persons.ts';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
type Tally = Record<GoldKind | 'all', Counts>;

const emptyTally = (): Tally => ({
  all: { tp: 0, fp: 0, fn: 0 },
  full: { tp: 0, fp: 0, fn: 0 },
  'one-part': { tp: 0, fp: 0, fn: 0 },
});

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function prf({ tp, fp, fn }: Counts): string {
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1(p, r).toFixed(3)}`;
}

/** Paragraphs joined onto one line, as in the seed article. */
export const flattenParagraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s*\n\s*/g, ' '))
    .filter(Boolean)
    .join(' ');

/** Add one document's score to the tally; returns the misses for `--misses`. */
function tallyDocument(tally: Tally, found: readonly string[], gold: GoldPersons): string[] {
  const score = scorePersons(found, gold);
  for (const kind of ['full', 'one-part'] as const) {
    for (const t of [tally[kind], tally.all]) {
      t.tp += score.tp[kind];
      t.fp += score.fp[kind].length;
      t.fn += score.fn[kind].length;
    }
  }
  return [
    ...[...score.fp.full, ...score.fp['one-part']].map((f) => `extra ${f}`),
    ...[...score.fn.full, ...score.fn['one-part']].map((f) => `missed ${f}`),
  ];
}

interface GoldDocument {
  name: string;
  text: string;
  gold: GoldPersons;
}

function loadDocument(dir: string, name: string, morphology: Morphology): GoldDocument {
  const read = (ext: string) => readFileSync(join(dir, `${name}.${ext}`), 'utf8');
  // A given name the dictionary knows only in an oblique case ("Егора") has its nominative as a variant.
  const givenNominatives = (w: string) => {
    const readings = morphology.givenName(w);
    return readings.some((n) => n.case === 'nomn') ? [] : readings.map((n) => n.nominative);
  };
  return {
    name,
    text: read('txt'),
    gold: goldPersons(read('objects'), read('coref'), givenNominatives, read('txt')),
  };
}

/** Names found in each text, resolved across all of them as one index would. */
function extract(texts: readonly string[], morphology: Morphology): string[][] {
  return resolvedNames(texts.map((t) => articlePersons(t, morphology)));
}

function natasha(python: string, texts: readonly string[]): { names: string[][]; seconds: number } {
  const script = join(import.meta.dirname, 'natasha-persons.py');
  const run = spawnSync(python, [script], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`natasha-persons.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Run the person evaluation over `names` in `dir` and print it. */
export function evaluatePersons(
  dir: string,
  names: readonly string[],
  morphology: Morphology,
  options: { misses: boolean; natasha?: string },
): void {
  const halves = devHalves(names);
  const docs = names.map((n) => loadDocument(dir, n, morphology));
  const goldCount = (half: DevHalf, kind: GoldKind) =>
    docs
      .filter((d) => halves.get(d.name) === half)
      .reduce((sum, d) => sum + d.gold.persons.filter((p) => p.kind === kind).length, 0);
  console.log(
    'Persons (document level, micro-averaged; every gold person: full = given name and surname, one-part = one of them)',
  );
  const misses: string[] = [];
  const line = (who: string, tally: Tally, speed: string) =>
    `    ${who.padEnd(19)}  all ${prf(tally.all)}  | full ${prf(tally.full)} | one-part ${prf(tally['one-part'])}  (tp ${tally.all.tp}, fp ${tally.all.fp}, fn ${tally.all.fn}; ${speed} articles/s)`;
  for (const half of DEV_HALVES) {
    const inHalf = docs.filter((d) => halves.get(d.name) === half);
    console.log(
      `  ${half} half: ${inHalf.length} articles, ${goldCount(half, 'full')} full-name and ${goldCount(half, 'one-part')} one-part gold persons`,
    );
    for (const form of ['as given', 'flattened'] as const) {
      const texts = inHalf.map((d) => (form === 'as given' ? d.text : flattenParagraphs(d.text)));
      const started = performance.now();
      const found = extract(texts, morphology);
      const seconds = (performance.now() - started) / 1000;
      const tally = emptyTally();
      inHalf.forEach((d, i) => {
        const docMisses = tallyDocument(tally, found[i] as string[], d.gold);
        // Only the tuning half's misses: the validation half is for measuring, not for reading.
        if (form === 'as given' && half === 'tuning')
          misses.push(...docMisses.map((m) => `${half} ${d.name}: ${m}`));
      });
      console.log(line(`${form}, rules`, tally, (texts.length / seconds).toFixed(0)));
      if (!options.natasha) continue;
      // The first pass over a half pays for looking its new words up; later passes show the steady
      // speed of a long indexing run. Both are timed (later: the median of three) against one Natasha run.
      const later = [0, 1, 2]
        .map(() => {
          const again = performance.now();
          extract(texts, morphology);
          return (performance.now() - again) / 1000;
        })
        .sort((x, y) => x - y)[1] as number;
      const result = natasha(options.natasha, texts);
      const theirs = emptyTally();
      inHalf.forEach((d, i) => tallyDocument(theirs, result.names[i] as string[], d.gold));
      console.log(line(`${form}, Natasha`, theirs, (texts.length / result.seconds).toFixed(1)));
      console.log(
        `    ${''.padEnd(19)}  the rules ${(result.seconds / seconds).toFixed(0)}x Natasha's speed on their first pass, ${(result.seconds / later).toFixed(0)}x on later passes (${(texts.length / later).toFixed(0)} articles/s)`,
      );
    }
  }
  console.log('');
  if (options.misses) console.log(`${misses.join('\n')}\n`);
}
