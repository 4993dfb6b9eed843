/**
 * `npm run conformance [-- --family NAME ...] [--articles N] [--examples N]`: the differential run. Both
 * engines (and, for Worker families, one Worker per engine) get the same documents and the same requests;
 * prints per family how many answers are identical and which fields differ, with examples, and writes
 * JSON to conformance/results/. Exit 0 whatever differs (it measures); 1 only when the run itself fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../test/setup/processes.ts';
import type { Difference } from './compare.ts';
import { closeClient } from './http.ts';
import { MUST_AGREE } from './must-agree.ts';
import { runCatalogue, selectFamilies, type FamilyResult } from './runner.ts';
import { DEFAULT_ARTICLES, startConformance } from './setup.ts';

const { values } = parseArgs({
  options: {
    family: { type: 'string', multiple: true },
    articles: { type: 'string', default: String(DEFAULT_ARTICLES) },
    examples: { type: 'string', default: '3' },
  },
});
const families = (values.family ?? []).flatMap((f) => f.split(',')).filter(Boolean);
const shownExamples = Number(values.examples);

const clip = (value: unknown, n = 240): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > n ? `${text.slice(0, n)}…` : text;
};

function printTable(results: FamilyResult[]): void {
  const rows = results.map((r) => [
    `${MUST_AGREE.includes(r.name) ? '*' : ' '}${r.name}`,
    r.target,
    r.requests,
    r.identical,
    r.differing,
    Object.entries(r.fields)
      .sort((a, b) => b[1] - a[1])
      .map(([f, n]) => `${f} (${n})`)
      .join(', '),
  ]);
  const sum = (k: 'requests' | 'identical' | 'differing', target?: string) =>
    results.filter((r) => !target || r.target === target).reduce((s, r) => s + r[k], 0);
  for (const target of ['engine', 'worker'])
    if (results.some((r) => r.target === target))
      rows.push([
        ` total ${target}`,
        '',
        sum('requests', target),
        sum('identical', target),
        sum('differing', target),
        '',
      ]);
  const header = [
    'family',
    'target',
    'requests',
    'identical',
    'differing',
    'differing fields (requests)',
  ];
  const widths = header
    .slice(0, 5)
    .map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>) =>
    cells
      .map((c, i) =>
        i < 5
          ? typeof c === 'number'
            ? String(c).padStart(widths[i] as number)
            : String(c).padEnd(widths[i] as number)
          : c,
      )
      .join('  ');
  console.log(
    `\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)).concat('-'.repeat(27)))}`,
  );
  for (const row of rows) console.log(line(row));
  console.log('(* must agree: asserted by test/node/conformance.test.ts)');
}

/** A difference as lines: lists of ids from their first divergence, with what only one side has. */
function describe(d: Difference): string {
  if (/\.(ids|order)$/.test(d.field) && Array.isArray(d.reference) && Array.isArray(d.local)) {
    const [a, b] = [d.reference as unknown[], d.local as unknown[]];
    let k = 0;
    while (k < a.length && a[k] === b[k]) k++;
    const only = (x: unknown[], y: unknown[]) => x.filter((v) => !y.includes(v));
    const extra = d.field.endsWith('.ids')
      ? `; only meilisearch: ${clip(only(a, b), 120)}, only meili-local: ${clip(only(b, a), 120)}`
      : '';
    return `    ${d.at}: ${a.length} vs ${b.length}, first difference at #${k}${extra}\n      meilisearch[${k}..]: ${clip(a.slice(k))}\n      meili-local[${k}..]: ${clip(b.slice(k))}`;
  }
  if (
    typeof d.reference === 'string' &&
    typeof d.local === 'string' &&
    d.field !== 'error.code' &&
    Math.max(d.reference.length, d.local.length) > 100
  ) {
    const [a, b] = [d.reference, d.local];
    let k = 0;
    while (k < a.length && a[k] === b[k]) k++;
    const from = Math.max(0, k - 30);
    const tail = (x: string) => clip(`${from ? '…' : ''}${x.slice(from)}`);
    return `    ${d.at}: first difference at character ${k}\n      meilisearch: ${tail(a)}\n      meili-local: ${tail(b)}`;
  }
  return `    ${d.at}:\n      meilisearch: ${clip(d.reference)}\n      meili-local: ${clip(d.local)}`;
}

function printExamples(results: FamilyResult[]): void {
  for (const r of results.filter((x) => x.examples.length)) {
    console.log(`\n## ${r.name}: ${r.differing} of ${r.requests} differ`);
    for (const ex of r.examples.slice(0, shownExamples)) {
      const auth = ex.request.auth ? ` [key: ${ex.request.auth}]` : '';
      console.log(
        `  ${ex.request.method} ${decodeURIComponent(ex.request.path)}${ex.request.body === undefined ? '' : ` ${clip(ex.request.body, 300)}`}${auth}  -> ${ex.status[0]} / ${ex.status[1]}`,
      );
      for (const d of ex.differences.slice(0, 4)) console.log(describe(d));
    }
  }
}

const started = Date.now();
try {
  const selected = selectFamilies(families);
  const conformance = await startConformance({
    articles: Number(values.articles),
    worker: selected.some((f) => f.target === 'worker'),
    log: (l) => console.log(l),
  });
  // Interrupted: still stop the engines and Workers, so no process outlives the run.
  process.once('SIGINT', () => void conformance.stop().finally(() => process.exit(130)));
  let results: FamilyResult[];
  try {
    results = await runCatalogue(conformance, {
      families: selected.map((f) => f.name),
      examples: 10,
      onFamily: (r) =>
        console.log(
          `${r.name}: ${r.identical}/${r.requests} identical (${(r.ms / 1000).toFixed(1)} s)`,
        ),
    });
  } finally {
    await conformance.stop();
    closeClient();
  }
  printTable(results);
  printExamples(results);
  const dir = join(ROOT, 'conformance/results');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    families.length ? `conformance-${families.join('+')}.json` : 'conformance.json',
  );
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        articles: Number(values.articles),
        seconds: (Date.now() - started) / 1000,
        mustAgree: MUST_AGREE,
        families: results,
      },
      null,
      1,
    ),
  );
  console.log(`\nwrote ${file}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
