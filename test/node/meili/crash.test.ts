/** A task reported succeeded survives kill -9: meili-local runs as its own process and is killed hard. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, expect, it } from 'vitest';
import { startEngineProcess, stopProcess, type EngineProcess } from '../../setup/processes.ts';

const dbPath = mkdtempSync(join(tmpdir(), 'meili-crash-'));
const masterKey = 'crash-test-master-key';
let engine: EngineProcess | undefined;

afterAll(async () => {
  if (engine) await engine.stop();
  rmSync(dbPath, { recursive: true, force: true });
});

it('keeps succeeded documents, settings and keys across kill -9', async () => {
  engine = await startEngineProcess(dbPath, masterKey);
  let client = new Meilisearch({ host: engine.url, apiKey: masterKey });
  await client.createIndex('news', { primaryKey: 'id' }).waitTask();
  await client
    .index('news')
    .updateSettings({ filterableAttributes: ['year'] })
    .waitTask();
  const documents = Array.from({ length: 500 }, (_, i) => ({
    id: i,
    text: `Новость номер ${i} о заседании парламента`,
    year: 2000 + (i % 20),
  }));
  const task = await client.index('news').addDocuments(documents).waitTask();
  expect(task.status).toBe('succeeded');
  const searchKey = (await client.getKeys()).results.find(
    (k) => k.name === 'Default Search API Key',
  )?.key;

  await stopProcess(engine.child, 'SIGKILL');
  engine = await startEngineProcess(dbPath, masterKey);
  client = new Meilisearch({ host: engine.url, apiKey: masterKey });

  expect((await client.index('news').getStats()).numberOfDocuments).toBe(500);
  expect((await client.index('news').getDocument(499)).text).toContain('499');
  expect(
    (await client.index('news').search('заседании', { filter: 'year = 2005', limit: 100 })).hits,
  ).toHaveLength(25);
  expect((await client.tasks.getTask(task.uid)).status).toBe('succeeded');
  const searchClient = new Meilisearch({ host: engine.url, apiKey: searchKey });
  expect((await searchClient.index('news').search('новость')).hits.length).toBeGreaterThan(0);
});
