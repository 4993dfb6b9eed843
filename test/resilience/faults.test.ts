/**
 * Under faults and load, through the whole stack (each engine as a process, indexer, Worker under wrangler dev):
 * sustained load with zero errors, the engine killed and brought back, malformed input, hostile requests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../bench/corpus.ts';
import { runIndexer } from '../../indexer/run.ts';
import {
  ENGINE_NAMES,
  ROOT,
  startNamedEngine,
  stopProcess,
  type EngineProcess,
} from '../setup/processes.ts';
import { freePort, indexInto, startWorker } from '../setup/stack.ts';

const MASTER_KEY = 'resilience-master-key-0123456789';
const QUERIES = [
  'войск',
  'бюджет',
  'министр экономики',
  'парламент',
  'выборов',
  'цен на газ',
  'решение',
  'Ташиеву',
];

describe.each(ENGINE_NAMES)('on %s', (name) => {
  let dir: string;
  let engine: EngineProcess;
  let engineAddr: string;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let vars: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `resilience-${name}-`));
    engineAddr = `127.0.0.1:${await freePort()}`;
    engine = await startNamedEngine(name, join(dir, 'db'), MASTER_KEY, engineAddr);
    const corpus = join(dir, 'corpus.jsonl');
    writeFileSync(
      corpus,
      generateArticles(500, 9)
        .map((a) => JSON.stringify(a))
        .join('\n'),
    );
    const searchKey = await indexInto(engine.url, MASTER_KEY, [join(ROOT, 'sample'), corpus]);
    vars = { MEILI_HOST: engine.url, MEILI_SEARCH_KEY: searchKey, MEILI_TIMEOUT_MS: '2000' };
    worker = await startWorker(vars, 'bench', { persistTo: join(dir, 'wrangler-state') });
  });

  afterAll(async () => {
    if (worker) await stopProcess(worker.child);
    if (engine) await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('load', () => {
    it('serves 30 s at 64 connections with zero errors', async () => {
      const result = await autocannon({
        url: worker.url,
        connections: 64,
        duration: 30,
        requests: QUERIES.map((q, i) => ({
          path: `/api/search?q=${encodeURIComponent(q)}&year=${2018 + (i % 7)}&person_mode=any`,
        })),
      });
      // Load shedding may answer a deliberate 503 (with Retry-After); nothing else but 200 is allowed.
      const statuses = Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0]),
      );
      console.log(`[load ${name}] ${result.requests.total} answers by status:`, statuses);
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(Object.keys(statuses).filter((code) => code !== '200' && code !== '503')).toEqual([]);
      expect(statuses['503'] ?? 0).toBeLessThan(result.requests.total / 100);
      expect(result.requests.total).toBeGreaterThan(500);
      expect(
        (await fetch(`${worker.url}/api/health`, { signal: AbortSignal.timeout(5000) })).status,
      ).toBe(200);
    }, 90_000);
  });

  describe('the engine killed under load', () => {
    it('gives quick 503 JSON answers, and service comes back with the engine', async () => {
      // A steady stream of distinct searches (so answers come from the engine, not the cache).
      const seen: Array<{ status: number; ms: number; code?: string }> = [];
      let running = true;
      const stream = (async () => {
        for (let page = 1; running; page = (page % 1000) + 1) {
          const started = Date.now();
          const response = await fetch(
            `${worker.url}/api/search?q=${encodeURIComponent('бюджет')}&per_page=1&page=${page}`,
            { signal: AbortSignal.timeout(5000) },
          );
          const body = (await response.json()) as { error?: { code: string } };
          seen.push({
            status: response.status,
            ms: Date.now() - started,
            ...(body.error ? { code: body.error.code } : {}),
          });
        }
      })();
      await new Promise((r) => setTimeout(r, 1000));
      await stopProcess(engine.child, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 2000));
      expect((await fetch(`${worker.url}/api/health`)).status).toBe(503);

      engine = await startNamedEngine(name, join(dir, 'db'), MASTER_KEY, engineAddr);
      await new Promise((r) => setTimeout(r, 1000));
      running = false;
      await stream;
      const failures = seen.filter((s) => s.status !== 200);
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) {
        expect(failure.status).toBe(503);
        expect(failure.code).toBe('search_unavailable');
        expect(failure.ms).toBeLessThan(1500);
      }
      expect(seen.at(-1)?.status).toBe(200);
      expect((await fetch(`${worker.url}/api/health`)).status).toBe(200);
    });
  });

  describe('malformed input', () => {
    it('reports random bytes, truncated JSON, huge lines, wrong encodings and empty files, and loses nothing else', async () => {
      const inputs = join(dir, 'bad');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(inputs, { recursive: true });
      writeFileSync(
        join(inputs, 'random.txt'),
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      );
      writeFileSync(
        join(inputs, 'truncated.jsonl'),
        '{"id":"ok1","text":"Целая статья о бюджете.","date":"2022-05-01"}\n{"id":"cut","text":"Обрыв стр',
      );
      writeFileSync(
        join(inputs, 'huge.jsonl'),
        `{"id":"huge","text":"${'Очень длинное предложение о заседании парламента. '.repeat(20000)}","date":"2022-06-01"}\n`,
      );
      writeFileSync(
        join(inputs, 'latin1.txt'),
        Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x00, 0xff, 0xfe]),
      );
      writeFileSync(join(inputs, 'empty.txt'), '');
      writeFileSync(
        join(inputs, 'good.md'),
        '---\ntitle: Хорошая статья\ndate: 2022-07-01\n---\nТекст хорошей статьи о выборах.',
      );
      const summary = await runIndexer({
        paths: [inputs],
        host: engine.url,
        apiKey: MASTER_KEY,
        index: 'malformed',
      });
      const problems = summary.problems.map(
        (p) => `${p.file.split('/').pop()}${p.line ? `:${p.line}` : ''}`,
      );
      expect(problems).toEqual(
        expect.arrayContaining(['random.txt', 'truncated.jsonl:2', 'latin1.txt']),
      );
      expect(summary.warnings.map((w) => `${w.file.split('/').pop()}: ${w.kind}`)).toContain(
        'empty.txt: empty-file',
      );
      expect(summary.articles).toBe(3);
      const facets = await new Meilisearch({ host: engine.url, apiKey: MASTER_KEY })
        .index('malformed')
        .search('', { facets: ['article_id'], limit: 0 });
      const ids = Object.keys(facets.facetDistribution?.article_id ?? {});
      expect(ids).toHaveLength(3);
      expect(ids).toEqual(expect.arrayContaining(['ok1', 'huge']));
    });
  });

  describe('hostile requests', () => {
    it('rejects filter injection, oversized and malformed requests with 400 JSON', async () => {
      const injected = await fetch(
        `${worker.url}/api/search?person=${encodeURIComponent('x" OR article_persons EXISTS OR "')}`,
      );
      expect(injected.status).toBe(200);
      expect(((await injected.json()) as { totalHits: number }).totalHits).toBe(0);
      for (const path of [
        `/api/search?q=${'ы'.repeat(5000)}`,
        '/api/search?page=100000',
        `/api/articles/${'x'.repeat(300)}`,
        '/api/search?year=1;DROP',
      ]) {
        const response = await fetch(`${worker.url}${path}`);
        expect([400, 404, 414]).toContain(response.status);
        expect(await response.json()).toHaveProperty('error.code');
      }
      const body = await fetch(`${worker.url}/multi-search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queries: Array.from({ length: 500 }, () => ({ q: 'x' })) }),
      });
      expect(body.status).toBe(400);
      const garbage = await fetch(`${worker.url}/multi-search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"queries": [',
      });
      expect(garbage.status).toBe(400);
    });
  });
});
