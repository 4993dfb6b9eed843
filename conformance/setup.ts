import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateArticles } from '../bench/corpus.ts';
import { runIndexer } from '../indexer/run.ts';
import { startMeiliLocal } from '../meili-local/server.ts';
import { findMeilisearchBinary, startMeilisearch } from '../scripts/meilisearch-bin.ts';
import type { ChunkDocument } from '../src/schema/chunk.ts';
import { ROOT, stopProcess } from '../test/setup/processes.ts';
import { startWorker } from '../test/setup/stack.ts';
import { send, type HttpRequest } from './http.ts';

export type EngineName = 'meilisearch' | 'meili-local';
export const MAIN_INDEX = 'articles';
const MASTER_KEY = 'conformance-master-key-0123456789';

/** Indexes holding a subset of the corpus, each with other ranking rules (name -> rules). */
export const RANKING_VARIANTS: Record<string, string[]> = {
  rr_sort_first: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  rr_date_desc: ['words', 'date_ts:desc', 'typo', 'proximity', 'attribute', 'exactness'],
  rr_exactness_first: ['exactness', 'words', 'proximity', 'typo', 'attribute', 'sort'],
  rr_split_attribute: [
    'words',
    'typo',
    'proximity',
    'attributeRank',
    'wordPosition',
    'sort',
    'exactness',
  ],
  rr_typo_words: ['typo', 'words'],
};
const SUBSET_ARTICLES = 50;
/** Generated articles in the corpus (besides the sample), by default. */
export const DEFAULT_ARTICLES = 300;

/** API keys made for the catalogue: name -> what `POST /keys` gets (fixed uids, so paths match on both). */
export const SCOPED_KEYS: Record<
  string,
  { uid: string; actions: string[]; indexes: string[]; expiresAt: string | null }
> = {
  scoped: {
    uid: '11111111-1111-4111-8111-111111111111',
    actions: ['search'],
    indexes: [MAIN_INDEX],
    expiresAt: null,
  },
  docs: {
    uid: '22222222-2222-4222-8222-222222222222',
    actions: ['documents.get', 'settings.get'],
    indexes: ['rr_*'],
    expiresAt: null,
  },
  tasks: {
    uid: '33333333-3333-4333-8333-333333333333',
    actions: ['tasks.get', 'indexes.get'],
    indexes: [MAIN_INDEX],
    expiresAt: null,
  },
  later: {
    uid: '44444444-4444-4444-8444-444444444444',
    actions: ['*'],
    indexes: ['*'],
    expiresAt: '2099-01-01T00:00:00Z',
  },
};

export interface Side {
  engine: EngineName;
  url: string;
  workerUrl?: string;
  /** API key values by name: master, search (the default search key), bad, and SCOPED_KEYS. */
  keys: Record<string, string>;
}

export interface Conformance {
  reference: Side;
  local: Side;
  /** The chunk documents of the main index, as the indexer built them. */
  documents: ChunkDocument[];
  stop(): Promise<void>;
}

export interface SetupOptions {
  articles: number;
  seed?: number;
  worker: boolean;
  log?: (line: string) => void;
}

async function call(url: string, req: HttpRequest): Promise<unknown> {
  const answer = await send(url, { apiKey: MASTER_KEY, ...req });
  if (answer.status >= 400)
    throw new Error(`${req.method} ${req.path} -> ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function waitTask(url: string, taskUid: number): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const task = (await call(url, { method: 'GET', path: `/tasks/${taskUid}` })) as {
      status: string;
      error?: unknown;
    };
    if (task.status === 'succeeded') return;
    if (task.status === 'failed' || task.status === 'canceled')
      throw new Error(`task ${taskUid} ${task.status}: ${JSON.stringify(task.error)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`task ${taskUid} did not finish`);
}

/** The same sequence on each engine: index the corpus, the ranking-rule indexes, then the keys. */
async function fill(
  url: string,
  corpus: string[],
  subset: string,
  out?: string,
): Promise<Record<string, string>> {
  const index = async (paths: string[], name: string, outFile?: string) => {
    const summary = await runIndexer({
      paths,
      host: url,
      apiKey: MASTER_KEY,
      index: name,
      ...(outFile ? { out: outFile } : {}),
    });
    if (summary.problems.length)
      throw new Error(`indexing ${name}: ${JSON.stringify(summary.problems.slice(0, 3))}`);
  };
  await index(corpus, MAIN_INDEX, out);
  for (const [name, rankingRules] of Object.entries(RANKING_VARIANTS)) {
    await index([subset], name);
    const task = (await call(url, {
      method: 'PATCH',
      path: `/indexes/${name}/settings`,
      body: { rankingRules },
    })) as { taskUid: number };
    await waitTask(url, task.taskUid);
  }
  const keys: Record<string, string> = { master: MASTER_KEY, bad: 'not-a-key-of-this-engine' };
  const listed = (await call(url, { method: 'GET', path: '/keys' })) as {
    results: Array<{ name: string | null; key: string }>;
  };
  keys.search = listed.results.find((k) => k.name === 'Default Search API Key')?.key ?? '';
  for (const [name, spec] of Object.entries(SCOPED_KEYS)) {
    const created = (await call(url, {
      method: 'POST',
      path: '/keys',
      body: { name: `conformance-${name}`, description: `catalogue key ${name}`, ...spec },
    })) as { key: string };
    keys[name] = created.key;
  }
  return keys;
}

export async function startConformance(options: SetupOptions): Promise<Conformance> {
  const log = options.log ?? (() => {});
  const bin = findMeilisearchBinary();
  if (!bin) throw new Error('the real Meilisearch binary was not found (set MEILI_BIN)');
  const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  const stops: Array<() => Promise<void>> = [
    async () => rmSync(dir, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    const articles = generateArticles(options.articles, options.seed ?? 12);
    const generated = join(dir, 'generated.jsonl');
    const subset = join(dir, 'subset.jsonl');
    writeFileSync(generated, articles.map((a) => JSON.stringify(a)).join('\n'));
    writeFileSync(
      subset,
      articles
        .slice(0, SUBSET_ARTICLES)
        .map((a) => JSON.stringify(a))
        .join('\n'),
    );
    const corpus = [join(ROOT, 'sample'), generated];

    const started = Date.now();
    const real = await startMeilisearch({
      bin,
      dbPath: join(dir, 'meilisearch'),
      masterKey: MASTER_KEY,
    });
    stops.push(() => real.stop());
    const local = await startMeiliLocal({
      httpAddr: '127.0.0.1:0',
      dbPath: join(dir, 'meili-local'),
      masterKey: MASTER_KEY,
      logLevel: 'silent',
    });
    stops.push(() => local.close());
    const out = join(dir, 'documents.jsonl');
    const [realKeys, localKeys] = await Promise.all([
      fill(real.url, corpus, subset, out),
      fill(local.url, corpus, subset),
    ]);
    const documents = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ChunkDocument);
    log(
      `corpus: ${articles.length} generated articles + sample, ${documents.length} chunks, indexed into both engines in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const reference: Side = { engine: 'meilisearch', url: real.url, keys: realKeys };
    const localSide: Side = { engine: 'meili-local', url: local.url, keys: localKeys };
    if (options.worker) {
      const t = Date.now();
      // Settled, not all: a Worker that started is stopped even when the other failed.
      const started = await Promise.allSettled(
        [reference, localSide].map(async (side) => {
          const persistTo = join(dir, `wrangler-${side.engine}`);
          mkdirSync(persistTo, { recursive: true });
          // No rate limit (`--env bench`), no cache, its state in its own dir.
          const worker = await startWorker(
            {
              MEILI_HOST: side.url,
              MEILI_SEARCH_KEY: side.keys.search ?? '',
              MEILI_INDEX: MAIN_INDEX,
              CACHE_TTL_SECONDS: '0',
            },
            'bench',
            { persistTo },
          );
          stops.push(() => stopProcess(worker.child));
          side.workerUrl = worker.url;
        }),
      );
      const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      log(`workers: 2 under wrangler dev in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    return { reference, local: localSide, documents, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
