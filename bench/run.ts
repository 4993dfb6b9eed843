/**
 * `npm run bench [-- --quick | --million | --sizes=N,N]`: both engines side by side on the same generated
 * paragraph documents (meili-local, and the real Meilisearch when `scripts/meilisearch-bin.ts` finds it),
 * in one run, with a `node:http` client (see bench/http.ts). Per size:
 *   ingest      docs/s through HTTP, batches of 2000 each awaited, as the indexer sends them
 *   searches    p50/p95/p99 ms of each row below, asked in turn query by query on both engines (one
 *               interleaved run, so both see the same moment of the machine): a plain search, the Worker's
 *               exact multi-search bodies (src/search/query.ts) for typical requests, with and without a
 *               person and a year chosen, grouped by article and by paragraph, browsing by filters only, and
 *               the facet search of /api/persons; the articles body once more through Node's `fetch`; and
 *               the same requests as the Worker sends them now, with article counts from the article index
 *               (src/search/counts.ts: one to three multi-searches in turn)
 *   engine c=8  the typical request (articles, person+year chosen) from 8 clients at once
 *   Worker      the same requests end to end through the Worker bundle on workerd over each engine, in turn
 *               and at c=8
 *   RSS         resident memory of each engine process after the searches; restart: stop, start on the
 *               same data, time to the first answered search
 * Sizes: 10k and 100k paragraphs, 300 queries (--quick: 1k and 10k, 60 queries; --queries=N, and
 * --engines=meilisearch for one engine). --million adds 1M with
 * 60 queries and its batches enqueued ahead (each awaited would take the real engine most of an hour): on
 * 2 loaded cores its two ingests alone took 30 min, and its searches would have taken as long again. Prints tables, writes
 * bench/results/<date>.json.
 * `npm run bench -- --load`: the Worker under overload instead (bench/load.ts).
 */
import { loadMorphology } from '../indexer/morphology.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { findMeilisearchBinary } from '../scripts/meilisearch-bin.ts';
import { searchParams } from '../src/api/params.ts';
import { articleIndexName, articleIndexSettings } from '../src/schema/article.ts';
import { F, indexSettings, type ChunkDocument } from '../src/schema/chunk.ts';
import type { MultiSearchQuery } from 'meilisearch';
import { searchCountingArticles } from '../src/search/counts.ts';
import { buildSearches, personLookup, type SearchPlan } from '../src/search/query.ts';
import { articleDocumentsOf } from '../indexer/article-index.ts';
import {
  ENGINE_NAMES,
  type EngineName,
  type EngineProcess,
  startNamedEngine,
} from '../test/setup/processes.ts';
import { generateDocuments, percentile, round } from './engine.ts';
import { type Answer, HttpClient } from './http.ts';
import { benchLoad } from './load.ts';
import { startWorkerd } from './workerd.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const sizesArg = argv.find((a) => a.startsWith('--sizes='));
const SIZES = sizesArg
  ? sizesArg.slice('--sizes='.length).split(',').map(Number)
  : quick
    ? [1_000, 10_000]
    : [10_000, 100_000, ...(argv.includes('--million') ? [1_000_000] : [])];
const queriesArg = argv.find((a) => a.startsWith('--queries='));
const QUERIES = queriesArg ? Number(queriesArg.slice('--queries='.length)) : quick ? 60 : 300;
const enginesArg = argv.find((a) => a.startsWith('--engines='));
const ENGINES_RUN = enginesArg
  ? ENGINE_NAMES.filter((e) => enginesArg.slice('--engines='.length).split(',').includes(e))
  : ENGINE_NAMES;
const LOAD_SECONDS = quick ? 3 : 15;
const BATCH = 2000;
const INDEX = 'bench';
const MASTER_KEY = 'bench-master-key-0123456789';

/** What users type: word forms, 1-3 words, from the generated corpus's vocabulary. */
const TYPED = [
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
  'Касымова',
  'в Бишкеке',
  'таможенного союза',
];
const PERSONS = ['Айгуль Касымова', 'Бакыт Исаков', 'Елена Соколова', 'Сергей Волков'];

interface Request {
  q: string;
  person: string;
  year: number;
}
const requestAt = (i: number): Request => ({
  q: TYPED[i % TYPED.length] as string,
  person: PERSONS[i % PERSONS.length] as string,
  year: 2018 + (i % 7),
});

/** Worker API parameters of each typical request; each is also a row of engine bodies. */
const WORKER_REQUESTS: Record<string, (r: Request) => Record<string, unknown>> = {
  'articles, nothing chosen': ({ q }) => ({ q }),
  'articles, person+year chosen': ({ q, person, year }) => ({
    q,
    person: [person],
    person_mode: 'any',
    year: [String(year)],
  }),
  'paragraphs, nothing chosen': ({ q }) => ({ q, group: 'paragraph' }),
  'paragraphs, person+year chosen': ({ q, person, year }) => ({
    q,
    group: 'paragraph',
    person: [person],
    person_mode: 'any',
    year: [String(year)],
  }),
  'filters only (browse)': ({ person, year }) => ({ person: [person], year: [String(year)] }),
};
const TYPICAL = 'articles, person+year chosen';
type RequestParams = (r: Request) => Record<string, unknown>;

function workerPath(params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    for (const v of [value].flat()) query.append(key, String(v));
  return `/api/search?${query}`;
}

type Ask = (client: HttpClient, i: number) => Promise<Answer>;

const multiSearch =
  (params: (r: Request) => Record<string, unknown>): Ask =>
  (client, i) =>
    client.send('POST', '/multi-search', {
      queries: buildSearches(searchParams.parse(params(requestAt(i))), INDEX).queries,
    });

/**
 * What the Worker sends now for one request (src/search/counts.ts): hits from the paragraph index, article
 * counts from the article index where they are exact; one to three multi-searches in turn.
 */
const workerRequest =
  (params: (r: Request) => Record<string, unknown>): Ask =>
  async (client, i) => {
    let last: Answer = { status: 200, text: '', headers: {} };
    const plan = buildSearches(searchParams.parse(params(requestAt(i))), INDEX);
    try {
      await searchCountingArticles(plan, async (queries) => {
        last = await client.send('POST', '/multi-search', { queries });
        if (last.status !== 200) throw new Error(`status ${last.status}`);
        return JSON.parse(last.text).results;
      });
    } catch {
      // `last` says how it failed.
    }
    return last;
  };

/** The engine rows: each an HTTP request per query index, the same on both engines. */
const ENGINE_ROWS: Record<string, Ask> = {
  'plain search': (client, i) =>
    client.send('POST', `/indexes/${INDEX}/search`, { q: requestAt(i).q }),
  ...Object.fromEntries(
    Object.entries(WORKER_REQUESTS).map(([name, params]) => [
      `Worker body: ${name}`,
      multiSearch(params),
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(WORKER_REQUESTS).map(([name, params]) => [
      `Worker request, article index: ${name}`,
      workerRequest(params),
    ]),
  ),
  'facet search (/api/persons)': (client, i) => {
    const lookup = personLookup((requestAt(i).person.split(' ')[1] as string).slice(0, 4));
    return client.send('POST', `/indexes/${INDEX}/facet-search`, {
      facetName: lookup.facetName,
      facetQuery: lookup.facetQuery,
    });
  },
};

/**
 * What each change of the query shape would buy: the typical request's searches with one part left out or
 * made cheaper (not what the Worker sends; each loses something, said in its name).
 */
const SHAPE_VARIANTS: Record<string, (plan: SearchPlan) => MultiSearchQuery[]> = {
  'without the exact-forms search (exact forms no longer first)': (plan) =>
    plan.exact ? plan.queries.slice(0, -1) : plan.queries,
  'main search only (chosen facets lose their alternatives’ counts)': (plan) =>
    plan.queries.slice(0, 1),
  'main search without distinct (counts paragraphs, not articles)': (plan) =>
    plan.queries.slice(0, 1).map(({ distinct: _d, ...q }) => q),
  'main search, estimated counts (limit/offset, not page)': (plan) =>
    plan.queries
      .slice(0, 1)
      .map(({ page: _p, hitsPerPage, ...q }) => ({ ...q, limit: hitsPerPage })),
  'main search without facets': (plan) => plan.queries.slice(0, 1).map(({ facets: _f, ...q }) => q),
};
const variantRows: Record<string, Ask> = Object.fromEntries(
  Object.entries(SHAPE_VARIANTS).map(([name, change]) => [
    `${TYPICAL}: ${name}`,
    (client: HttpClient, i: number) =>
      client.send('POST', '/multi-search', {
        queries: change(
          buildSearches(
            searchParams.parse((WORKER_REQUESTS[TYPICAL] as RequestParams)(requestAt(i))),
            INDEX,
          ),
        ),
      }),
  ]),
);

type Stats = { p50: number; p95: number; p99: number; 'not 200'?: number };
const stats = (times: number[]): Stats => ({
  p50: round(percentile(times, 50)),
  p95: round(percentile(times, 95)),
  p99: round(percentile(times, 99)),
});
const show = (s: Stats | undefined) =>
  s ? `${s.p50} / ${s.p95} / ${s.p99}${s['not 200'] ? ` (${s['not 200']} not 200)` : ''}` : '—';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** The time of one request, and whether it was answered 200 (anything else is counted, not hidden). */
async function timed(ask: () => Promise<Answer>): Promise<[number, boolean]> {
  const started = performance.now();
  const answer = await ask();
  return [performance.now() - started, answer.status === 200];
}

/** Each row asked in turn on each engine, query by query. */
async function interleaved(
  rows: Record<string, Ask>,
  clients: Map<EngineName, HttpClient>,
  queries: number,
): Promise<Record<string, Partial<Record<EngineName, Stats>>>> {
  const times = new Map<string, number[]>();
  const failed = new Map<string, number>();
  for (let i = 0; i < queries; i++)
    for (const [row, ask] of Object.entries(rows))
      for (const [engine, client] of clients) {
        const key = `${row}\0${engine}`;
        const [ms, ok] = await timed(() => ask(client, i));
        times.set(key, [...(times.get(key) ?? []), ms]);
        if (!ok) failed.set(key, (failed.get(key) ?? 0) + 1);
      }
  const out: Record<string, Partial<Record<EngineName, Stats>>> = {};
  for (const [key, values] of times) {
    const [row, engine] = key.split('\0') as [string, EngineName];
    (out[row] ??= {})[engine] = {
      ...stats(values),
      ...(failed.has(key) ? { 'not 200': failed.get(key) } : {}),
    };
  }
  return out;
}

/** `connections` clients asking in a loop for `seconds`: latency and how many answers were not 200. */
async function concurrent(
  ask: (i: number) => Promise<Answer>,
  connections: number,
  seconds: number,
): Promise<string> {
  const times: number[] = [];
  let failed = 0;
  let next = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const answer = await ask(next++);
        times.push(performance.now() - started);
        if (answer.status !== 200) failed++;
      }
    }),
  );
  return `${show(stats(times))}, ${Math.round(times.length / seconds)} req/s, ${failed} not 200`;
}

interface Engine {
  name: EngineName;
  dir: string;
  process: EngineProcess;
  admin: HttpClient;
  search: HttpClient;
  searchKey: string;
}

async function startEngine(name: EngineName, dir: string): Promise<EngineProcess> {
  // meili-local holds the index in its heap: let it have the machine's memory at 1M.
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --max-old-space-size=16384`.trim();
  try {
    // A restart of a large index takes meili-local minutes: let it.
    return await startNamedEngine(name, dir, MASTER_KEY, '127.0.0.1:0', 3_600_000);
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
}

/** `ahead`: every batch enqueued at once, the engine batching them as it likes (the 1M run, for time). */
async function ingest(engine: Engine, docs: unknown[], ahead: boolean): Promise<number> {
  const { admin } = engine;
  const created = await admin.json<{ taskUid: number }>('POST', '/indexes', {
    uid: INDEX,
    primaryKey: F.id,
  });
  await admin.waitTask(created.taskUid);
  const settings = await admin.json<{ taskUid: number }>(
    'PATCH',
    `/indexes/${INDEX}/settings`,
    indexSettings,
  );
  await admin.waitTask(settings.taskUid);
  const started = performance.now();
  let last = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    const task = await admin.json<{ taskUid: number }>(
      'POST',
      `/indexes/${INDEX}/documents`,
      docs.slice(i, i + BATCH),
    );
    if (!ahead) await admin.waitTask(task.taskUid);
    last = task.taskUid;
  }
  // Enqueued ahead, the last task waits for all the others: at 1M on 2 loaded cores that is over 30 min.
  await admin.waitTask(last, ahead ? 6 * 3_600_000 : undefined);
  return Math.round(docs.length / ((performance.now() - started) / 1000));
}

/** The article index the indexer keeps beside it (indexer/article-index.ts), built from the same paragraphs. */
async function ingestArticles(
  engine: Engine,
  docs: ChunkDocument[],
  ahead: boolean,
): Promise<number> {
  const { admin } = engine;
  const uid = articleIndexName(INDEX);
  const created = await admin.json<{ taskUid: number }>('POST', '/indexes', {
    uid,
    primaryKey: 'id',
  });
  await admin.waitTask(created.taskUid);
  const settings = await admin.json<{ taskUid: number }>(
    'PATCH',
    `/indexes/${uid}/settings`,
    articleIndexSettings,
  );
  await admin.waitTask(settings.taskUid);
  const articles = articleDocumentsOf(docs);
  const started = performance.now();
  let last = 0;
  for (let i = 0; i < articles.length; i += BATCH) {
    const task = await admin.json<{ taskUid: number }>(
      'POST',
      `/indexes/${uid}/documents`,
      articles.slice(i, i + BATCH),
    );
    if (!ahead) await admin.waitTask(task.taskUid);
    last = task.taskUid;
  }
  // Enqueued ahead, the last task waits for all the others: at 1M on 2 loaded cores that is over 30 min.
  await admin.waitTask(last, ahead ? 6 * 3_600_000 : undefined);
  return Math.round(articles.length / ((performance.now() - started) / 1000));
}

/** Node's fetch, as the indexer (meilisearch-js) sends requests. */
const viaFetch =
  (engine: Engine, ask: Ask): Ask =>
  async (_client, i) => {
    let path = '';
    let body: unknown;
    const recorder = {
      send: (_method: string, p: string, b?: unknown) => {
        path = p;
        body = b;
        return Promise.resolve({ status: 200, text: '', headers: {} });
      },
    } as unknown as HttpClient;
    await ask(recorder, i);
    const response = await fetch(`${engine.process.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${engine.searchKey}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text(), headers: {} };
  };

async function benchSize(size: number): Promise<Record<string, unknown>> {
  const runStarted = performance.now();
  console.error(`\n== ${size} paragraphs (load ${load()})`);
  const docs = generateDocuments(size, await loadMorphology());
  const ahead = size >= 1_000_000;
  const result: Record<string, unknown> = { paragraphs: size, loadBefore: load() };
  const engines: Engine[] = [];
  const perEngine: Record<string, Partial<Record<EngineName, unknown>>> = {};
  const put = (row: string, engine: EngineName, value: unknown) =>
    ((perEngine[row] ??= {})[engine] = value);
  try {
    for (const name of ENGINES_RUN) {
      const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
      const process = await startEngine(name, dir);
      const admin = new HttpClient(process.url, { authorization: `Bearer ${MASTER_KEY}` });
      const engine: Engine = { name, dir, process, admin, search: admin, searchKey: '' };
      engines.push(engine);
      console.error(`ingesting into ${name} (load ${load()})…`);
      put(
        ahead ? 'ingest docs/s (batches enqueued ahead)' : 'ingest docs/s (each batch awaited)',
        name,
        await ingest(engine, docs, ahead),
      );
      put(
        ahead
          ? 'article index ingest articles/s (enqueued ahead)'
          : 'article index ingest articles/s',
        name,
        await ingestArticles(engine, docs, ahead),
      );
      const keys = await admin.json<{ results: Array<{ name: string; key: string }> }>(
        'GET',
        '/keys',
      );
      engine.searchKey = keys.results.find((k) => k.name === 'Default Search API Key')?.key ?? '';
      engine.search = new HttpClient(process.url, { authorization: `Bearer ${engine.searchKey}` });
      put('RSS after ingest MB', name, rssMb(process.child.pid as number));
    }
    const clients = new Map(engines.map((e) => [e.name, e.search] as const));
    const queries = size >= 1_000_000 ? Math.min(QUERIES, 60) : QUERIES;
    // Warm-up: the first queries of a fresh process stand for its JIT and caches, not its steady state.
    await interleaved(ENGINE_ROWS, clients, 15);
    console.error(`searching (load ${load()})…`);
    const searched = await interleaved({ ...ENGINE_ROWS, ...variantRows }, clients, queries);
    for (const engine of engines) {
      const fetchRow = await interleaved(
        {
          fetch: viaFetch(engine, multiSearch(WORKER_REQUESTS[TYPICAL] as RequestParams)),
          'node:http': multiSearch(WORKER_REQUESTS[TYPICAL] as RequestParams),
        },
        new Map([[engine.name, engine.search]]),
        Math.min(queries, 100),
      );
      put(`Worker body: ${TYPICAL}, Node fetch`, engine.name, show(fetchRow.fetch?.[engine.name]));
      put(
        `Worker body: ${TYPICAL}, node:http beside it`,
        engine.name,
        show(fetchRow['node:http']?.[engine.name]),
      );
    }
    for (const [row, byEngine] of Object.entries(searched))
      for (const engine of engines) put(row, engine.name, show(byEngine[engine.name]));
    result.searches = searched;

    for (const engine of engines) {
      const typical = multiSearch(WORKER_REQUESTS[TYPICAL] as RequestParams);
      put(
        `engine c=8, ${TYPICAL}`,
        engine.name,
        await concurrent((i) => typical(engine.search, i), 8, LOAD_SECONDS),
      );
      const now = workerRequest(WORKER_REQUESTS[TYPICAL] as RequestParams);
      put(
        `engine c=8, ${TYPICAL}, article index`,
        engine.name,
        await concurrent((i) => now(engine.search, i), 8, LOAD_SECONDS),
      );
    }

    // The Worker on workerd, once over each engine.
    console.error(`the Worker on workerd (load ${load()})…`);
    const workers = new Map<EngineName, { client: HttpClient; stop(): Promise<void> }>();
    try {
      for (const engine of engines) {
        const served = await startWorkerd({
          MEILI_HOST: engine.process.url,
          MEILI_SEARCH_KEY: engine.searchKey,
          MEILI_INDEX: INDEX,
          CACHE_TTL_SECONDS: '0',
        });
        workers.set(engine.name, { client: new HttpClient(served.url), stop: served.stop });
      }
      const workerRows: Record<string, Ask> = Object.fromEntries(
        Object.entries(WORKER_REQUESTS).map(([name, params]) => [
          `Worker on workerd: ${name}`,
          (client: HttpClient, i: number) => client.send('GET', workerPath(params(requestAt(i)))),
        ]),
      );
      const workerClients = new Map([...workers].map(([name, w]) => [name, w.client] as const));
      await interleaved(workerRows, workerClients, 10);
      const throughWorker = await interleaved(workerRows, workerClients, Math.min(queries, 150));
      for (const [row, byEngine] of Object.entries(throughWorker))
        for (const engine of engines) put(row, engine.name, show(byEngine[engine.name]));
      result.worker = throughWorker;
      for (const [name, worker] of workers) {
        const params = WORKER_REQUESTS[TYPICAL] as RequestParams;
        put(
          `Worker on workerd c=8, ${TYPICAL}`,
          name,
          await concurrent(
            (i) => worker.client.send('GET', workerPath(params(requestAt(i)))),
            8,
            LOAD_SECONDS,
          ),
        );
      }
    } finally {
      await Promise.all([...workers.values()].map((w) => w.stop()));
    }

    for (const engine of engines) {
      put('RSS after searches MB', engine.name, rssMb(engine.process.child.pid as number));
      // Restart: stop, start on the same data, until a search is answered.
      await engine.process.stop();
      const started = performance.now();
      engine.process = await startEngine(engine.name, engine.dir);
      engine.search = new HttpClient(engine.process.url, {
        authorization: `Bearer ${engine.searchKey}`,
      });
      const answered = await engine.search.json<{ estimatedTotalHits?: number }>(
        'POST',
        `/indexes/${INDEX}/search`,
        { q: '' },
      );
      if (!answered.estimatedTotalHits) throw new Error(`${engine.name} lost its documents`);
      put(
        'restart ms (to the first search answered)',
        engine.name,
        Math.round(performance.now() - started),
      );
      put(
        'RSS after restart + 1 search MB',
        engine.name,
        rssMb(engine.process.child.pid as number),
      );
    }
  } finally {
    for (const engine of engines) {
      await engine.process.stop();
      engine.admin.close();
      engine.search.close();
      rmSync(engine.dir, { recursive: true, force: true });
    }
  }
  result.table = perEngine;
  result.loadAfter = load();
  result.seconds = Math.round((performance.now() - runStarted) / 1000);
  console.error(`== ${size} done in ${result.seconds} s (load ${load()})`);
  printTable(size, perEngine);
  return result;
}

function printTable(
  size: number,
  table: Record<string, Partial<Record<EngineName, unknown>>>,
): void {
  console.log(`\n${size} paragraphs — latencies ms p50 / p95 / p99`);
  console.table(
    Object.entries(table).map(([row, byEngine]) => {
      const local = byEngine['meili-local'];
      const real = byEngine.meilisearch;
      const p50 = (v: unknown) => (typeof v === 'string' ? Number(v.split(' / ')[0]) : Number(v));
      return {
        row,
        'meili-local': local,
        meilisearch: real ?? '—',
        'local / real (p50)': real === undefined ? '—' : round(p50(local) / p50(real), 2),
      };
    }),
  );
}

async function main(): Promise<void> {
  const realBinary = findMeilisearchBinary();
  const report = {
    date: new Date().toISOString(),
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      kernel: release(),
      meilisearch: realBinary
        ? execFileSync(realBinary, ['--version']).toString().trim()
        : 'not found',
    },
    engines: ENGINES_RUN,
    sizes: [] as unknown[],
  };
  console.log(
    `${report.command} — ${report.date}\n${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGB} GB, Node ${report.machine.node}, ${report.machine.meilisearch}`,
  );
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  const out = join(
    import.meta.dirname,
    'results',
    `${report.date.slice(0, 19).replace(/:/g, '-')}.json`,
  );
  // Written after each size, so a long run that fails later keeps what it measured.
  for (const size of SIZES) {
    report.sizes.push(await benchSize(size));
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written to ${out}`);
  }
}

// `--load`: the Worker under overload instead (bench/load.ts).
if (argv.includes('--load')) await benchLoad(argv);
else await main();
