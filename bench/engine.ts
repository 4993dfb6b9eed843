/**
 * The engine alone (`npx tsx bench/engine.ts [--quick]`): meili-local on N paragraph documents of generated
 * Russian news-like text, with the project's own index settings.
 *   ingest docs/s   bulk indexing through HTTP (the official client, batches of 5000, each task awaited,
 *                   so the figure includes LMDB commits)
 *   in-process      search latency p50/p99 calling the engine directly
 *   HTTP            the same searches over HTTP (server and client in this process)
 *   RSS             resident memory after indexing; restart: time to reopen the database and rebuild
 * Queries: 1-3 words, facets on persons and year, a year-range filter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Meilisearch } from 'meilisearch';
import { search, type SearchQuery } from '../meili-local/search.ts';
import { startMeiliLocal } from '../meili-local/server.ts';
import { F, indexSettings, personNameKeys, type ChunkDocument } from '../src/schema/chunk.ts';
import { loadMorphology, type Morphology } from '../indexer/morphology.ts';
import { latinNames, textForms, textKeys } from '../indexer/text-keys.ts';
import { generateArticles, prng } from './corpus.ts';

const INDEX = 'bench_engine';
const MASTER_KEY = 'bench-engine-master-key-0123456789';
const BATCH = 5000;

type Row = Record<string, string | number>;

/**
 * Paragraph documents shaped like the indexer's chunks, deterministic for a seed: matched by the indexer's
 * own keys and forms (indexer/text-keys.ts), the title through the first paragraph, as indexer/documents.ts
 * builds them (person extraction aside: the generator knows its persons).
 */
export function generateDocuments(
  count: number,
  morphology: Morphology,
  seed = 7,
): ChunkDocument[] {
  const documents: ChunkDocument[] = [];
  // Articles have 3-7 paragraphs; generate enough of them, then cut to `count`.
  for (const article of generateArticles(Math.ceil(count / 3), seed)) {
    const paragraphs = article.text.split('\n\n');
    const [year, month] = article.date.split('-') as [string, string];
    const dateTs = Math.floor(Date.parse(`${article.date}T00:00:00Z`) / 1000);
    paragraphs.forEach((text, paragraph) => {
      if (documents.length >= count) return;
      const persons = article.persons.filter((name) => text.includes(name.split(' ')[1] as string));
      const matched = paragraph === 0 ? `${article.title}\n${text}` : text;
      documents.push({
        id: `${article.id}-${paragraph}`,
        article_id: article.id,
        paragraph,
        paragraphs: paragraphs.length,
        title: article.title,
        heading: '',
        text,
        text_stem: textKeys(matched, morphology),
        text_forms: textForms(matched),
        persons,
        persons_latin: latinNames(persons),
        article_persons: article.persons,
        person_names: article.persons.flatMap(personNameKeys),
        date: article.date,
        date_ts: dateTs,
        year: Number(year),
        month: `${year}-${month}`,
        dates_mentioned: [],
        url: '',
        source: `bench:${article.id}`,
        origin: `bench:${article.id}`,
        content_hash: article.id,
      });
    });
    if (documents.length >= count) break;
  }
  return documents;
}

/** 1-3 word queries from the corpus vocabulary, each with two facets and a year-range filter. */
export function queryMix(count: number, seed = 11): SearchQuery[] {
  const vocabulary = [
    'решение',
    'бюджета',
    'министр',
    'парламент',
    'границы',
    'цен',
    'газ',
    'выборов',
    'энергетики',
    'депутаты',
    'водных',
    'ресурсов',
    'ситуация',
    'сложной',
    'делегации',
    'комиссия',
    'Бишкеке',
    'Ташиев',
    'эксперты',
    'обсудили',
  ];
  const random = prng(seed);
  return Array.from({ length: count }, () => {
    const words = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => vocabulary[Math.floor(random() * vocabulary.length)] as string,
    );
    const from = 2018 + Math.floor(random() * 5);
    return {
      q: words.join(' '),
      facets: [F.persons, F.year],
      filter: `${F.year} >= ${from} AND ${F.year} <= ${from + 2}`,
      limit: 10,
      attributesToHighlight: [F.text],
      attributesToCrop: [F.text],
      cropLength: 30,
    };
  });
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

async function benchSize(size: number, queries: SearchQuery[]): Promise<Row> {
  const documents = generateDocuments(size, await loadMorphology());
  const dbPath = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  const row: Row = { documents: size };
  try {
    let server = await startMeiliLocal({
      httpAddr: '127.0.0.1:0',
      dbPath,
      masterKey: MASTER_KEY,
      logLevel: 'silent',
    });
    const client = new Meilisearch({ host: server.url, apiKey: MASTER_KEY, timeout: 600_000 });
    await client.createIndex(INDEX, { primaryKey: F.id }).waitTask();
    await client
      .index(INDEX)
      .updateSettings(structuredClone(indexSettings) as never)
      .waitTask();

    const ingestStart = performance.now();
    for (let i = 0; i < documents.length; i += BATCH) {
      const task = await client
        .index(INDEX)
        .addDocuments(documents.slice(i, i + BATCH))
        .waitTask({ timeout: 600_000, interval: 20 });
      if (task.status !== 'succeeded') throw new Error(`indexing failed: ${task.error?.message}`);
    }
    row['ingest docs/s'] = Math.round(size / ((performance.now() - ingestStart) / 1000));

    const index = server.engine.getIndex(INDEX);
    // Warm up the JIT and caches so the first queries do not stand for steady state.
    for (const query of queries.slice(0, 30)) search(index, query);
    const inProcess = queries.map((query) => {
      const started = performance.now();
      search(index, query);
      return performance.now() - started;
    });
    row['in-process p50 ms'] = round(percentile(inProcess, 50));
    row['in-process p99 ms'] = round(percentile(inProcess, 99));

    const overHttp: number[] = [];
    for (const query of queries) {
      const started = performance.now();
      const response = await fetch(`${server.url}/indexes/${INDEX}/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${MASTER_KEY}` },
        body: JSON.stringify(query),
      });
      if (!response.ok)
        throw new Error(`search answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      overHttp.push(performance.now() - started);
    }
    row['HTTP p50 ms'] = round(percentile(overHttp, 50));
    row['HTTP p99 ms'] = round(percentile(overHttp, 99));
    globalThis.gc?.();
    row['RSS MB'] = Math.round(process.memoryUsage().rss / 2 ** 20);
    row['heap MB'] = Math.round(process.memoryUsage().heapUsed / 2 ** 20);

    await server.close();
    const reopenStart = performance.now();
    server = await startMeiliLocal({
      httpAddr: '127.0.0.1:0',
      dbPath,
      masterKey: MASTER_KEY,
      logLevel: 'silent',
    });
    row['restart ms'] = Math.round(performance.now() - reopenStart);
    if (server.engine.getIndex(INDEX).size !== size)
      throw new Error('documents missing after restart');
    await server.close();
  } finally {
    rmSync(dbPath, { recursive: true, force: true });
  }
  return row;
}

/** Measure the engine at each size; one row per size. */
export async function benchEngine(opts: { sizes: number[]; queries?: number }): Promise<Row[]> {
  const queries = queryMix(opts.queries ?? 300);
  const rows: Row[] = [];
  for (const size of opts.sizes) {
    const row = await benchSize(size, queries);
    console.error(JSON.stringify(row));
    rows.push(row);
  }
  return rows;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rows = await benchEngine({
    sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000],
    queries: quick ? 100 : 300,
  });
  console.log(
    'meili-local engine (latencies over 1-3 word queries with persons/year facets and a year filter)',
  );
  console.table(rows);
  console.log('targets: ingest >= 5000 docs/s, p50 <= 5 ms, p99 <= 25 ms, RSS <= 1536 MB');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
