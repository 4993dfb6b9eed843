/**
 * `npm run eval:relevance -- ../shared/corpus/factrueval-dev`: known-item paragraph retrieval.
 *
 * The dev set is indexed by the project's own indexer into each engine (meili-local, and the real
 * Meilisearch when it is found); target paragraphs come from each half of the fixed split (tuning and
 * validation, reported apart); each target is asked five ways (see queries.ts) through the Worker's own
 * search code (`search` of src/search/service.ts, paragraph view), beside Lucene's RussianAnalyzer + BM25
 * (plain and one-edit fuzzy) and plain Meilisearch (the words as typed, no morphology).
 * Prints MRR@10, recall@10 and the junk share (top-10 hits holding no form of any query word) per variant.
 * Options: --per-half N (targets per half, default 150), --engines meili-local,meilisearch, --json FILE,
 * --show-junk N (print N junk hits of each system, from the tuning half: what to look at when tuning).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { DEV_HALVES, type DevHalf, devHalves } from '../../indexer/dev-split.ts';
import { loadMorphology } from '../../indexer/morphology.ts';
import type { ChunkDocument } from '../../src/schema/chunk.ts';
import { searchParams } from '../../src/api/params.ts';
import { search } from '../../src/search/service.ts';
import {
  ENGINE_NAMES,
  type EngineName,
  runTs,
  startNamedEngine,
} from '../../test/setup/processes.ts';
import { createJudge } from './judge.ts';
import { knownItems, type KnownItem, VARIANT_NAMES, VARIANTS, type Variant } from './queries.ts';
import { luceneSearch } from './lucene.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'per-half': { type: 'string', default: '150' },
    engines: { type: 'string', default: ENGINE_NAMES.join(',') },
    json: { type: 'string' },
    'show-junk': { type: 'string', default: '0' },
  },
});
const dir = resolve(positionals[0] ?? '../shared/corpus/factrueval-dev');
const perHalf = Number(values['per-half']);
const engines = (values.engines as string).split(',') as EngineName[];
const showJunk = Number(values['show-junk']);
const INDEX = 'relevance';
const MASTER_KEY = 'relevance-eval-master-key';

function waitExit(
  child: ReturnType<typeof runTs>,
): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}

/** The chunk documents exactly as the indexer builds them (a dry run). */
async function documentsOf(work: string): Promise<ChunkDocument[]> {
  const out = join(work, 'chunks.jsonl');
  const { code, output } = await waitExit(
    runTs('indexer/cli.ts', ['--dry-run', '--out', out, dir]),
  );
  if (code !== 0 && code !== 2) throw new Error(`indexer dry run failed: ${output}`);
  return readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ChunkDocument);
}

interface Run {
  system: string;
  variant: Variant;
  half: DevHalf;
  ranks: Array<number | null>;
  junk: number;
  hits: number;
}

const morphology = await loadMorphology();
const judge = createJudge(morphology);
const work = mkdtempSync(join(tmpdir(), 'relevance-'));
try {
  const docs = await documentsOf(work);
  const nameOf = (d: ChunkDocument) => basename(d.origin, '.txt');
  const halves = devHalves(docs.map(nameOf));
  const paragraphs = docs.map((d) => ({
    id: d.id,
    text: d.heading ? `${d.heading}\n${d.text}` : d.text,
  }));
  const byId = new Map(paragraphs.map((p) => [p.id, p.text]));
  const items = new Map<DevHalf, KnownItem[]>(
    DEV_HALVES.map((half) => [
      half,
      knownItems(
        paragraphs,
        paragraphs.filter((_, i) => halves.get(nameOf(docs[i] as ChunkDocument)) === half),
        perHalf,
        morphology,
      ),
    ]),
  );
  console.log(
    `${docs.length} paragraphs in ${halves.size} articles; targets per half: ` +
      DEV_HALVES.map((h) => `${h} ${(items.get(h)?.length ?? 0) / VARIANTS.length}`).join(', '),
  );
  const all = DEV_HALVES.flatMap((half) => (items.get(half) ?? []).map((item) => ({ half, item })));
  const runs: Run[] = [];
  const junkShown: string[] = [];
  const record = (system: string, results: string[][]) => {
    let shown = 0;
    const byKey = new Map<string, Run>();
    all.forEach(({ half, item }, i) => {
      const key = `${half} ${item.variant}`;
      let run = byKey.get(key);
      if (!run)
        byKey.set(
          key,
          (run = { system, variant: item.variant, half, ranks: [], junk: 0, hits: 0 }),
        );
      const ids = (results[i] ?? []).slice(0, 10);
      const at = ids.indexOf(item.target);
      run.ranks.push(at < 0 ? null : at + 1);
      run.hits += ids.length;
      const junk = ids.filter((id) => !judge(item.q, byId.get(id) ?? ''));
      run.junk += junk.length;
      if (half === 'tuning')
        for (const id of junk)
          if (shown++ < showJunk)
            junkShown.push(
              `${system} | ${item.variant} | ${item.q} | ${id} | ${(byId.get(id) ?? '').replaceAll('\n', ' ')}`,
            );
    });
    runs.push(...byKey.values());
  };

  for (const mode of ['plain', 'fuzzy'] as const)
    record(
      mode === 'plain' ? 'Lucene RussianAnalyzer + BM25' : 'the same, 1-edit fuzzy',
      luceneSearch(
        paragraphs,
        all.map((a) => a.item.q),
        mode,
        work,
      ),
    );

  for (const engine of engines) {
    const server = await startNamedEngine(engine, join(work, `db-${engine}`), MASTER_KEY);
    try {
      const indexed = await waitExit(
        runTs('indexer/cli.ts', [dir], {
          MEILI_HOST: server.url,
          MEILI_API_KEY: MASTER_KEY,
          MEILI_INDEX: INDEX,
        }),
      );
      if (indexed.code !== 0 && indexed.code !== 2)
        throw new Error(`indexing failed: ${indexed.output}`);
      const admin = new Meilisearch({ host: server.url, apiKey: MASTER_KEY });
      const key = (await admin.getKeys()).results.find(
        (k) => k.name === 'Default Search API Key',
      )?.key;
      const env = {
        MEILI_HOST: server.url,
        MEILI_INDEX: INDEX,
        MEILI_SEARCH_KEY: key,
        MEILI_TIMEOUT_MS: '20000',
      };
      const worker: string[][] = [];
      const plain: string[][] = [];
      for (const { item } of all) {
        const answer = await search(
          env,
          searchParams.parse({ q: item.q, group: 'paragraph', per_page: '10' }),
        );
        worker.push(answer.hits.map((h) => h.id));
        const direct = await admin
          .index(INDEX)
          .search(item.q, { limit: 10, attributesToRetrieve: ['id'] });
        plain.push(direct.hits.map((h) => String(h.id)));
      }
      record(`the Worker on ${engine}`, worker);
      record(`plain Meilisearch on ${engine} (no morphology)`, plain);
    } finally {
      await server.stop();
    }
  }

  if (showJunk)
    console.log(`\njunk hits (system | variant | query | id | hit)\n${junkShown.join('\n')}`);
  const fmt = (x: number) => x.toFixed(3).replace(/^0/, '');
  for (const half of DEV_HALVES) {
    console.log(`\n${half} half (MRR@10 / recall@10; junk share of top-10 hits)\n`);
    console.log(`| system | ${VARIANTS.map((v) => VARIANT_NAMES[v]).join(' | ')} | junk |`);
    console.log(`|---|${VARIANTS.map(() => '---').join('|')}|---|`);
    for (const system of [...new Set(runs.map((r) => r.system))]) {
      const mine = runs.filter((r) => r.system === system && r.half === half);
      const cells = VARIANTS.map((v) => {
        const r = mine.find((x) => x.variant === v) as Run;
        const mrr = r.ranks.reduce<number>((s, x) => s + (x ? 1 / x : 0), 0) / r.ranks.length;
        const recall = r.ranks.filter((x) => x !== null).length / r.ranks.length;
        return `${fmt(mrr)} / ${fmt(recall)}`;
      });
      const junk =
        mine.reduce((s, r) => s + r.junk, 0) /
        Math.max(
          1,
          mine.reduce((s, r) => s + r.hits, 0),
        );
      console.log(`| ${system} | ${cells.join(' | ')} | ${(junk * 100).toFixed(1)}% |`);
    }
  }
  if (values.json)
    writeFileSync(values.json, JSON.stringify({ items: Object.fromEntries(items), runs }, null, 1));
} finally {
  rmSync(work, { recursive: true, force: true });
}
