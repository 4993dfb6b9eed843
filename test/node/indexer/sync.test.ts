/**
 * Keeping the index in step: unchanged articles skipped, changed ones replaced without stale paragraphs,
 * vanished articles pruned (only those of the paths given, by the file they came from), ids that Meilisearch
 * would mix refused, a re-run changing nothing, and a run killed half-way converging to one clean run.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../../../bench/corpus.ts';
import { runIndexer, type IndexSummary } from '../../../indexer/run.ts';
import { articleIndexName } from '../../../src/schema/article.ts';
import { ROOT, runTs, stopProcess } from '../../setup/processes.ts';
import { ENGINES, startHarness, uniqueIndex, type Harness } from '../meili/harness.ts';

let h: Harness;
let client: Meilisearch;
const dir = mkdtempSync(join(tmpdir(), 'sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jsonl = (articles: object[]) => articles.map((a) => JSON.stringify(a)).join('\n');

/** The indexer CLI run from `cwd` (not the project's folder). */
function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'indexer/cli.ts'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Every document's id and content hash, sorted: what "the same index" means here. */
async function snapshot(index: string): Promise<string[]> {
  // An index not created yet (a run killed before it got that far) holds nothing.
  const { results } = await client
    .index(index)
    .getDocuments({ fields: ['id', 'content_hash'], limit: 100_000 })
    .catch((error: { cause?: { code?: string } }) => {
      if (error.cause?.code === 'index_not_found') return { results: [] };
      throw error;
    });
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
      // Enough articles for several batches, so that the kill lands between them.
      writeFileSync(file, jsonl(generateArticles(1500, 3)));
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
      expect(rerun.added + rerun.updated + rerun.unchanged).toBe(1500);
      expect(await snapshot(killed)).toEqual(await snapshot(clean));
      // The article index too (its documents' ids and hashes), whatever the kill left of it.
      expect(await snapshot(articleIndexName(killed))).toEqual(
        await snapshot(articleIndexName(clean)),
      );
      expect(partial).toBeLessThanOrEqual((await snapshot(clean)).length);
    }, 240_000);
  });

  describe('identity and --prune', () => {
    const article = (id: string, extra: object = {}) => ({
      id,
      text: `Статья ${id} о заседании городского совета.`,
      date: '2024-03-01',
      ...extra,
    });
    const articleIds = async (index: string) =>
      (await client.index(index).getDocuments({ fields: ['article_id'], limit: 10_000 })).results
        .map((d) => d.article_id as string)
        .filter((id, i, all) => all.indexOf(id) === i)
        .sort();

    it('prunes only articles from the paths of this run that are gone from them, whatever `source` says', async () => {
      const index = uniqueIndex('prune');
      const root = mkdtempSync(join(dir, 'prune-'));
      const [a, b, other] = ['a', 'b', 'other'].map((name) => join(root, name)) as [
        string,
        string,
        string,
      ];
      for (const folder of [a, b, other]) mkdirSync(folder);
      // `source` is displayable only: one names a publication, one looks like a path in b.
      writeFileSync(
        join(a, 'x.jsonl'),
        jsonl([
          article('x1', { source: 'Вечерний Бишкек' }),
          article('x2', { source: join(b, 'y.jsonl') }),
        ]),
      );
      writeFileSync(join(b, 'y.jsonl'), jsonl([article('y1')]));
      writeFileSync(join(other, 'z.jsonl'), jsonl([article('z1')]));
      const run = (paths: string[], extra: { prune?: boolean; dryRun?: boolean } = {}) =>
        runIndexer({ paths, host: h.url, apiKey: h.masterKey, index, ...extra });
      expect(await run([a, b])).toMatchObject({ added: 3 });

      // A folder that has nothing to do with them: nothing removed.
      expect(await run([other], { prune: true })).toMatchObject({ added: 1, removed: 0 });
      // A file gone from b, but this run is about a: nothing removed.
      unlinkSync(join(b, 'y.jsonl'));
      expect(await run([a], { prune: true })).toMatchObject({ removed: 0, pruned: [] });
      expect(await articleIds(index)).toEqual(['x1', 'x2', 'y1', 'z1']);

      // --dry-run lists what would go and removes nothing.
      const dry = await run([b], { prune: true, dryRun: true });
      expect(dry.pruned).toEqual([
        { articleId: 'y1', file: expect.stringMatching(/b\/y\.jsonl$/) },
      ]);
      expect(await articleIds(index)).toEqual(['x1', 'x2', 'y1', 'z1']);

      // An article gone from a file that is still there, and a file gone (named as it was), each in a
      // run about it.
      writeFileSync(join(a, 'x.jsonl'), jsonl([article('x1', { source: 'Вечерний Бишкек' })]));
      const pruned = await run([join(b, 'y.jsonl'), join(a, 'x.jsonl')], { prune: true });
      expect(pruned.pruned.map((p) => p.articleId).sort()).toEqual(['x2', 'y1']);
      expect(await articleIds(index)).toEqual(['x1', 'z1']);
    });

    it('keeps the articles of a file that had errors in this run', async () => {
      const index = uniqueIndex('prune_errors');
      const folder = mkdtempSync(join(dir, 'errors-'));
      const file = join(folder, 'x.jsonl');
      writeFileSync(file, jsonl([article('e1'), article('e2')]));
      const run = () =>
        runIndexer({ paths: [folder], host: h.url, apiKey: h.masterKey, index, prune: true });
      await run();
      // e2's line is broken now: it was not read, which is not the same as gone.
      writeFileSync(file, `${JSON.stringify(article('e1'))}\n{"id":"e2","text":"Обрыв`);
      const summary = await run();
      expect(summary).toMatchObject({ removed: 0, skipped: 1 });
      expect(summary.warnings.map((w) => w.kind)).toContain('not-pruned');
      expect(await articleIds(index)).toEqual(['e1', 'e2']);
    });

    it('refuses an id that differs from another only in letter case, naming both files', async () => {
      const index = uniqueIndex('case');
      const folder = mkdtempSync(join(dir, 'case-'));
      writeFileSync(join(folder, 'first.jsonl'), jsonl([article('CaseTest')]));
      const run = (file: string) =>
        runIndexer({ paths: [join(folder, file)], host: h.url, apiKey: h.masterKey, index });
      await run('first.jsonl');
      writeFileSync(join(folder, 'second.jsonl'), jsonl([article('casetest'), article('other')]));
      const second = await run('second.jsonl');
      expect(second.problems).toEqual([
        expect.objectContaining({
          kind: 'id-case-collision',
          file: expect.stringMatching(/second\.jsonl$/),
          line: 1,
          reason: expect.stringMatching(/"casetest".*"CaseTest".*first\.jsonl/),
        }),
      ]);
      expect(second.added).toBe(1);
      // The article page's filter (case-insensitive in Meilisearch) finds one article's paragraphs only.
      const { hits } = await client
        .index(index)
        .search('', { filter: 'article_id = "casetest"', limit: 100 });
      expect(hits.map((d) => d.article_id)).toEqual(['CaseTest']);

      // In one run: the second is refused, naming the first's file and line.
      writeFileSync(join(folder, 'both.jsonl'), jsonl([article('Dup'), article('dUP')]));
      const both = await run('both.jsonl');
      expect(both.problems).toEqual([
        expect.objectContaining({
          kind: 'id-case-collision',
          line: 2,
          reason: expect.stringMatching(/both\.jsonl:1/),
        }),
      ]);
    });

    it('re-indexing the sample changes nothing and prunes nothing, from another working directory too', async () => {
      const index = uniqueIndex('rerun');
      const env = { MEILI_HOST: h.url, MEILI_API_KEY: h.masterKey, MEILI_INDEX: index };
      const first = await runIndexer({
        paths: [join(ROOT, 'sample')],
        host: h.url,
        apiKey: h.masterKey,
        index,
      });
      expect(first.problems).toEqual([]);
      const before = await snapshot(index);
      // The same folder named relative to another directory, by the CLI run there, with --prune: origins
      // do not depend on the working directory, so nothing looks gone.
      const elsewhere = mkdtempSync(join(dir, 'cwd-'));
      const again = await runCli(
        ['--json', '--prune', relative(elsewhere, join(ROOT, 'sample'))],
        elsewhere,
        env,
      );
      expect(again.code).toBe(0);
      const summary = JSON.parse(again.stdout.trim().split('\n').at(-1) as string) as IndexSummary;
      expect(summary).toMatchObject({
        added: 0,
        updated: 0,
        removed: 0,
        pruned: [],
        chunksSent: 0,
        unchanged: first.articles,
      });
      expect(await snapshot(index)).toEqual(before);
    }, 60_000);
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
