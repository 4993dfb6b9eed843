/**
 * `npm run bench [-- --quick]`: the project's figures, measured in one run on this machine.
 *   preprocessing  indexer: parse + chunk + persons + dates + stems, MB of article text per second
 *   ingestion      documents per second into meili-local over HTTP (batches of 2000, tasks awaited)
 *   search         latency p50/p95/p99 in-process and over HTTP: 1-3 word queries with a year filter and the
 *                  person/year/month facets, exactly the searches the Worker sends (multi-search)
 *   worker         the same searches through the Worker (wrangler dev) vs the engine directly, and
 *                  throughput at concurrency 1 and 32 (autocannon); also through a pass-through Worker
 *                  (bench/passthrough-worker.ts) under wrangler dev, the floor any Worker pays locally,
 *                  and through the same Worker bundle served by workerd alone (bench/workerd.ts), as in
 *                  production, without the dev server's proxy
 *   memory         resident memory of the engine process
 * at 1k, 10k and 100k paragraph documents (--quick: 1k and 10k, fewer queries). Prints a table and
 * writes bench/results/<date>.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Meilisearch } from 'meilisearch';
import { buildDocuments } from '../indexer/documents.ts';
import { loadMorphology } from '../indexer/morphology.ts';
import { Index } from '../meili-local/index.ts';
import { search } from '../meili-local/search.ts';
import { applySettings } from '../meili-local/settings.ts';
import { searchParams } from '../src/api/params.ts';
import { indexSettings, type ChunkDocument } from '../src/schema/chunk.ts';
import { buildSearches } from '../src/search/query.ts';
import { startEngineProcess, stopProcess } from '../test/setup/processes.ts';
import { startWorker } from '../test/setup/stack.ts';
import { generateArticles } from './corpus.ts';
import { startWorkerd } from './workerd.ts';
import { percentile, round } from './engine.ts';

const quick = process.argv.includes('--quick');
const SIZES = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const QUERIES = quick ? 100 : 300;
const LOAD_SECONDS = quick ? 3 : 10;
const INDEX = 'bench';
const MASTER_KEY = 'bench-master-key-0123456789';

type Row = Record<string, string | number>;

/** 1-3 word queries drawn from the corpus vocabulary, with person and year facets and a year filter. */
function queryMix(count: number): Array<{ q: string; year: number }> {
  const words = [
    'решение',
    'бюджет',
    'министр экономики',
    'парламент одобрил',
    'вопрос границы',
    'цен на газ',
    'выборов',
    'энергетики',
    'депутаты обсудили проект',
    'водных ресурсов',
    'ситуация остаётся сложной',
    'делегации',
  ];
  return Array.from({ length: count }, (_, i) => ({
    q: words[i % words.length] as string,
    year: 2018 + (i % 7),
  }));
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** The body of a successful answer; a failed one stops the bench rather than skewing its figures. */
async function textOf(url: string, init?: RequestInit): Promise<string> {
  const response = await fetch(url, init);
  if (!response.ok)
    throw new Error(`${url.split('?')[0]} answered ${response.status}: ${await response.text()}`);
  return response.text();
}

async function main(): Promise<void> {
  const morphology = await loadMorphology();
  const maxArticles = Math.ceil((SIZES[SIZES.length - 1] as number) / 4);
  console.error(`generating ${maxArticles} articles…`);
  const articles = generateArticles(maxArticles, 2026);

  // Preprocessing: the indexer's pure pipeline over every article.
  const [documents, preprocessMs] = await timed(async () =>
    articles.flatMap((a) => {
      const built = buildDocuments({ ...a, url: '', source: `bench:${a.id}` }, { morphology });
      return 'documents' in built ? built.documents : [];
    }),
  );
  const textMb = articles.reduce((sum, a) => sum + Buffer.byteLength(a.text), 0) / 1e6;
  const preprocess: Row = {
    articles: articles.length,
    documents: documents.length,
    'text MB': round(textMb),
    seconds: round(preprocessMs / 1000),
    'MB/s': round(textMb / (preprocessMs / 1000)),
  };
  console.error(`preprocessing: ${JSON.stringify(preprocess)}`);

  const mix = queryMix(QUERIES);
  const rows: Row[] = [];
  for (const size of SIZES) {
    const docs = documents.slice(0, size);
    rows.push(await benchSize(docs, mix));
  }

  const report = {
    date: new Date().toISOString(),
    command: `npm run bench${quick ? ' -- --quick' : ''}`,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      kernel: release(),
    },
    preprocess,
    scale: rows,
  };
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  const out = join(
    import.meta.dirname,
    'results',
    `${report.date.slice(0, 19).replace(/:/g, '-')}.json`,
  );
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\n${report.command} — ${report.date}\n${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGB} GB, Node ${report.machine.node}\n`,
  );
  console.log('Preprocessing (indexer, single process)');
  console.table([preprocess]);
  console.log('Engine and Worker by index size (latencies in ms; p50/p95/p99 over the query mix)');
  console.table(rows);
  console.log(`written to ${out}`);
}

async function benchSize(
  docs: ChunkDocument[],
  mix: Array<{ q: string; year: number }>,
): Promise<Row> {
  const size = docs.length;
  console.error(`\n== ${size} documents`);
  const row: Row = { documents: size };

  // In-process engine: indexing and search without HTTP.
  const index = new Index('bench');
  index.settings = applySettings(
    index.settings,
    structuredClone(indexSettings) as unknown as Record<string, unknown>,
  );
  const [, putMs] = await timed(async () =>
    docs.forEach((d) => index.put(d.id, d as unknown as Record<string, unknown>)),
  );
  row['in-process docs/s'] = Math.round(size / (putMs / 1000));
  // Exactly the searches the Worker sends for the same request (main query + disjunctive facet query).
  const searches = mix.map(
    ({ q, year }) => buildSearches(searchParams.parse({ q, year: [String(year)] }), INDEX).queries,
  );
  const inProcess: number[] = [];
  for (const queries of searches) {
    const started = performance.now();
    for (const query of queries) search(index, query as never);
    inProcess.push(performance.now() - started);
  }
  row['in-process p50'] = round(percentile(inProcess, 50));
  row['in-process p99'] = round(percentile(inProcess, 99));

  // The engine as its own process, over HTTP.
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const engine = await startEngineProcess(join(dir, 'db'), MASTER_KEY);
  try {
    const admin = new Meilisearch({ host: engine.url, apiKey: MASTER_KEY, timeout: 600_000 });
    await admin.createIndex(INDEX, { primaryKey: 'id' }).waitTask();
    await admin
      .index(INDEX)
      .updateSettings(structuredClone(indexSettings) as never)
      .waitTask();
    const [, ingestMs] = await timed(async () => {
      for (let i = 0; i < docs.length; i += 2000) {
        const task = await admin
          .index(INDEX)
          .addDocuments(docs.slice(i, i + 2000))
          .waitTask({ timeout: 600_000 });
        if (task.status !== 'succeeded')
          throw new Error(`ingestion failed: ${task.error?.message}`);
      }
    });
    row['HTTP ingest docs/s'] = Math.round(size / (ingestMs / 1000));
    const searchKey =
      (await admin.getKeys()).results.find((k) => k.name === 'Default Search API Key')?.key ?? '';
    const auth = { authorization: `Bearer ${searchKey}` };
    const multiSearch = (queries: unknown) =>
      textOf(`${engine.url}/multi-search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ queries }),
      });
    const vars = {
      MEILI_HOST: engine.url,
      MEILI_SEARCH_KEY: searchKey,
      MEILI_INDEX: INDEX,
      CACHE_TTL_SECONDS: '0',
    };
    const workerPaths = mix.map(
      ({ q, year }) => `/api/search?q=${encodeURIComponent(q)}&year=${year}`,
    );
    /** Each path asked in turn, query by query, so that all see the same moment of the machine; times by path. */
    const interleaved = async <K extends string>(
      paths: Record<K, (i: number) => Promise<string>>,
    ): Promise<Record<K, number[]>> => {
      const times = Object.fromEntries(
        Object.keys(paths).map((k) => [k, [] as number[]]),
      ) as Record<K, number[]>;
      for (let i = 0; i < mix.length; i++) {
        for (const [path, ask] of Object.entries(paths) as Array<
          [K, (i: number) => Promise<string>]
        >)
          times[path].push((await timed(() => ask(i)))[1]);
      }
      return times;
    };
    const p50 = (times: number[]) => round(percentile(times, 50));
    const engineSearch = (i: number) => multiSearch(searches[i]);
    const running: Array<() => Promise<void>> = [];
    try {
      // First the Worker on workerd alone beside the engine, before any wrangler dev runs (its file watchers
      // and proxies would share the two cores).
      const served = await startWorkerd(vars);
      running.push(served.stop);
      const quiet = await interleaved({
        engine: engineSearch,
        workerd: (i) => textOf(`${served.url}${workerPaths[i]}`),
      });
      row['engine HTTP p50'] = p50(quiet.engine);
      row['engine HTTP p95'] = round(percentile(quiet.engine, 95));
      row['engine HTTP p99'] = round(percentile(quiet.engine, 99));
      row['workerd Worker p50'] = p50(quiet.workerd);
      row['workerd Worker p99'] = round(percentile(quiet.workerd, 99));
      row['workerd Worker overhead p50'] = round(p50(quiet.workerd) - p50(quiet.engine));

      // Then under wrangler dev: the Worker, and a pass-through Worker for the floor the dev server sets.
      const passthrough = await startWorker({ MEILI_HOST: engine.url }, 'bench', {
        script: 'bench/passthrough-worker.ts',
        readyPath: '/',
      });
      running.push(() => stopProcess(passthrough.child));
      const worker = await startWorker(vars, 'bench');
      running.push(() => stopProcess(worker.child));
      const dev = await interleaved({
        engine: engineSearch,
        passthrough: (i) =>
          textOf(
            `${passthrough.url}/?body=${encodeURIComponent(JSON.stringify({ queries: searches[i] }))}`,
            { headers: auth },
          ),
        worker: (i) => textOf(`${worker.url}${workerPaths[i]}`),
      });
      row['engine HTTP p50 beside wrangler dev'] = p50(dev.engine);
      row['pass-through Worker p50'] = p50(dev.passthrough);
      row['Worker p50'] = p50(dev.worker);
      row['Worker p95'] = round(percentile(dev.worker, 95));
      row['Worker p99'] = round(percentile(dev.worker, 99));
      row['Worker overhead p50'] = round(p50(dev.worker) - p50(dev.engine));
      // What the Worker's own code adds: the same searches, over the pass-through floor.
      row['Worker code p50'] = round(p50(dev.worker) - p50(dev.passthrough));

      // Under load, the same 20 searches through the Worker and sent directly to the engine.
      const workerRequests = workerPaths.slice(0, 20).map((path) => ({ path }));
      const engineRequests = searches.slice(0, 20).map((queries) => ({
        method: 'POST' as const,
        path: '/multi-search',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${searchKey}` },
        body: JSON.stringify({ queries }),
      }));
      for (const connections of [1, 32]) {
        for (const [label, url, requests] of [
          ['Worker', worker.url, workerRequests],
          ['engine', engine.url, engineRequests],
        ] as const) {
          const result = await autocannon({
            url,
            connections,
            duration: LOAD_SECONDS,
            requests: [...requests],
          });
          row[`${label} c=${connections} req/s`] = Math.round(result.requests.average);
          row[`${label} c=${connections} p50/p97.5/p99`] =
            `${result.latency.p50}/${result.latency.p97_5}/${result.latency.p99}`;
          row[`${label} c=${connections} errors`] = result.errors + result.non2xx + result.timeouts;
        }
      }
    } finally {
      await Promise.all(running.map((stop) => stop()));
    }
    row['engine RSS MB'] = Math.round(rssOf(engine.child.pid as number));
  } finally {
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.error(JSON.stringify(row));
  return row;
}

await main();
