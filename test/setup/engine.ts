/**
 * vitest globalSetup for the Worker project: a real meili-local over HTTP, with a master key, holding the
 * bundled sample content indexed by the real indexer. Tests read the URL and the search-only key with
 * `inject('meiliHost')` / `inject('meiliSearchKey')`. With MEILI_HOST set, a real Meilisearch is used instead.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Meilisearch } from 'meilisearch';
import type { TestProject } from 'vitest/node';
import { runIndexerProcess, startEngineProcess } from './processes.ts';
import './provided.ts';

export const E2E_INDEX = 'e2e_articles';
export const FORMS_INDEX = 'e2e_forms';

/**
 * Synthetic articles where a stemmed match would outrank the exact one (the inflected form sits in the
 * title, which ranks above the text), to show that the words as typed still come first.
 */
const FORMS_ARTICLES = [
  { id: 'title-inflected', title: 'Депутатов собрали в парламенте', date: '2024-03-01', text: 'Встреча прошла в парламенте. Депутатов было много.' },
  { id: 'exact-form', title: 'Новости недели', date: '2024-02-01', text: 'На встрече с депутатами обсудили бюджет.' },
  { id: 'tashkent', title: 'Ташкент принимает гостей', date: '2024-03-02', text: 'В Ташкенте открылась выставка.' },
  { id: 'tashiev', title: 'Заявление', date: '2024-01-15', text: 'Камчыбек Ташиев выступил с заявлением.' },
];
const sampleDir = fileURLToPath(new URL('../../sample', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.MEILI_HOST;
  const dbPath = mkdtempSync(join(tmpdir(), 'e2e-meili-'));
  const masterKey = external ? (process.env.MEILI_API_KEY ?? '') : 'e2e-master-key-0123456789';
  // Separate processes: the engine and the indexer run exactly as users run them.
  const engine = external ? { url: external, stop: async () => {} } : await startEngineProcess(dbPath, masterKey);
  const admin = new Meilisearch({ host: engine.url, apiKey: masterKey });
  const indexed = await runIndexerProcess(['--reset', sampleDir], { MEILI_HOST: engine.url, MEILI_API_KEY: masterKey, MEILI_INDEX: E2E_INDEX });
  if (indexed.code !== 0) throw new Error(`indexing the sample failed (${indexed.code}): ${indexed.stderr}`);
  const formsFile = join(dbPath, 'forms.jsonl');
  writeFileSync(formsFile, FORMS_ARTICLES.map((a) => JSON.stringify(a)).join('\n'));
  const forms = await runIndexerProcess(['--reset', formsFile], { MEILI_HOST: engine.url, MEILI_API_KEY: masterKey, MEILI_INDEX: FORMS_INDEX });
  if (forms.code !== 0) throw new Error(`indexing the word-form articles failed (${forms.code}): ${forms.stderr}`);
  const { results } = await admin.getKeys();
  const searchKey = results.find((k) => k.actions.length === 1 && k.actions[0] === 'search')?.key;
  if (!searchKey) throw new Error('the engine has no search-only key');
  project.provide('meiliHost', engine.url);
  project.provide('meiliSearchKey', searchKey);
  project.provide('meiliIndex', E2E_INDEX);
  project.provide('formsIndex', FORMS_INDEX);
  const slow = await listen((_req, res) => {
    const timer = setTimeout(() => res.end('{}'), 10_000);
    res.on('close', () => clearTimeout(timer));
  });
  const garbage = await listen((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops'));
  const dead = await listen(() => {});
  const deadHost = dead.url;
  await close(dead.server);
  project.provide('slowHost', slow.url);
  project.provide('garbageHost', garbage.url);
  project.provide('deadHost', deadHost);
  return async () => {
    await Promise.all([close(slow.server), close(garbage.server)]);
    await engine.stop();
    rmSync(dbPath, { recursive: true, force: true });
  };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
