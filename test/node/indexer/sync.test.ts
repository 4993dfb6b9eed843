/**
 * Keeping the index in step: unchanged articles skipped, changed ones replaced without stale paragraphs,
 * vanished sources pruned, and a run killed half-way converging to the index of one clean run.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../../bench/corpus.ts';
import { runIndexer } from '../../../indexer/run.ts';
import { runTs, stopProcess } from '../../setup/processes.ts';
import { ENGINES, startHarness, uniqueIndex, type Harness } from '../meili/harness.ts';

let h: Harness;
let client: Meilisearch;
const dir = mkdtempSync(join(tmpdir(), 'sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jsonl = (articles: object[]) => articles.map((a) => JSON.stringify(a)).join('\n');

/** Every document's id and content hash, sorted: what "the same index" means here. */
async function snapshot(index: string): Promise<string[]> {
  const { results } = await client
    .index(index)
    .getDocuments({ fields: ['id', 'content_hash'], limit: 100_000 });
  return results.map((d) => `${d.id}:${d.content_hash}`).sort();
}

describe.each(ENGINES)('on %s', (engine) => {
  beforeAll(async () => {
    h = await startHarness(engine);
    client = h.client;
  });
  afterAll(async () => h.close());

  describe('incremental sync', () => {
    it('skips unchanged articles, replaces changed ones, and prunes vanished sources', async () => {
      const index = uniqueIndex('sync');
      const folder = join(dir, 'incremental');
      const run = (extra: { prune?: boolean } = {}) =>
        runIndexer({ paths: [folder], host: h.url, apiKey: h.masterKey, index, ...extra });
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      const articles = generateArticles(3, 1).map((a) => ({
        ...a,
        text: `${a.text}\n\nЗаключительный абзац статьи.`,
      }));
      writeFileSync(join(folder, 'a.jsonl'), jsonl(articles.slice(0, 2)));
      writeFileSync(join(folder, 'b.jsonl'), jsonl(articles.slice(2)));

      expect(await run()).toMatchObject({ added: 3, updated: 0, unchanged: 0 });
      expect(await run()).toMatchObject({ added: 0, updated: 0, unchanged: 3, chunksSent: 0 });

      const first = articles[0] as (typeof articles)[number];
      const shorter = { ...first, text: first.text.split('\n\n').slice(0, 2).join('\n\n') };
      writeFileSync(join(folder, 'a.jsonl'), jsonl([shorter, articles[1] as object]));
      expect(await run()).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
      const { hits } = await client
        .index(index)
        .search('', { filter: `article_id = "${first.id}"`, limit: 100 });
      expect(hits.length).toBe(2);
      expect(new Set(hits.map((d) => d.content_hash)).size).toBe(1);

      unlinkSync(join(folder, 'b.jsonl'));
      expect(await run()).toMatchObject({ removed: 0 });
      expect(await run({ prune: true })).toMatchObject({ removed: 1 });
      expect(
        (
          await client
            .index(index)
            .search('', { filter: `article_id = "${(articles[2] as { id: string }).id}"` })
        ).hits,
      ).toEqual([]);
    });

    it('converges after a run killed half-way', async () => {
      const file = join(dir, 'many.jsonl');
      writeFileSync(file, jsonl(generateArticles(3000, 3)));
      const clean = uniqueIndex('clean');
      const killed = uniqueIndex('killed');
      await runIndexer({ paths: [file], host: h.url, apiKey: h.masterKey, index: clean });

      const child = runTs('indexer/cli.ts', [file], {
        MEILI_HOST: h.url,
        MEILI_API_KEY: h.masterKey,
        MEILI_INDEX: killed,
      });
      // Kill it once it has started sending (the index exists and holds some documents), or after 20 s.
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const count = await client
          .index(killed)
          .getStats()
          .then(
            (s) => s.numberOfDocuments,
            () => 0,
          );
        if (count > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await stopProcess(child, 'SIGKILL');
      const partial = (await snapshot(killed)).length;

      const rerun = await runIndexer({
        paths: [file],
        host: h.url,
        apiKey: h.masterKey,
        index: killed,
      });
      expect(rerun.added + rerun.updated + rerun.unchanged).toBe(3000);
      expect(await snapshot(killed)).toEqual(await snapshot(clean));
      expect(partial).toBeLessThanOrEqual((await snapshot(clean)).length);
    }, 120_000);
  });

  describe('--watch', () => {
    it('indexes a file dropped into the watched folder', async () => {
      const index = uniqueIndex('watch');
      const folder = mkdtempSync(join(dir, 'watched-'));
      writeFileSync(
        join(folder, 'first.jsonl'),
        jsonl([{ id: 'w1', text: 'Первая статья о бюджете.', date: '2023-01-01' }]),
      );
      const child = runTs('indexer/cli.ts', ['--watch', folder], {
        MEILI_HOST: h.url,
        MEILI_API_KEY: h.masterKey,
        MEILI_INDEX: index,
      });
      try {
        const count = () =>
          client
            .index(index)
            .getStats()
            .then(
              (s) => s.numberOfDocuments,
              () => 0,
            );
        await expect.poll(count, { timeout: 20_000, interval: 100 }).toBe(1);
        writeFileSync(
          join(folder, 'second.jsonl'),
          jsonl([{ id: 'w2', text: 'Вторая статья о выборах.', date: '2023-01-02' }]),
        );
        await expect.poll(count, { timeout: 20_000, interval: 100 }).toBe(2);
      } finally {
        await stopProcess(child);
      }
    }, 60_000);
  });
});
