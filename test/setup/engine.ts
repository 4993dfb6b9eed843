/**
 * vitest globalSetup for the Worker project: every engine found, each over HTTP with a master key and its
 * own data dir, holding the bundled sample content indexed by the real indexer: meili-local always, the
 * real Meilisearch binary when found (MEILI_BIN), and the user's Meilisearch when MEILI_HOST is set.
 * Tests read them with `inject('engines')`; the first (meili-local) is also `inject('meiliHost')` etc.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Meilisearch } from 'meilisearch';
import type { TestProject } from 'vitest/node';
import { ENGINE_NAMES, runIndexerProcess, startNamedEngine } from './processes.ts';
import type { WorkerEngine } from './provided.ts';
import './provided.ts';

export const E2E_INDEX = 'e2e_articles';
export const FORMS_INDEX = 'e2e_forms';

/**
 * Synthetic articles where a stemmed match would outrank the exact one (the inflected form sits in the
 * title, which ranks above the text), to show that the words as typed still come first.
 */
const FORMS_ARTICLES = [
  {
    id: 'title-inflected',
    title: 'Депутатов собрали в парламенте',
    date: '2024-03-01',
    text: 'Встреча прошла в парламенте. Депутатов было много.',
  },
  {
    id: 'exact-form',
    title: 'Новости недели',
    date: '2024-02-01',
    text: 'На встрече с депутатами обсудили бюджет.',
  },
  {
    id: 'tashkent',
    title: 'Ташкент принимает гостей',
    date: '2024-03-02',
    text: 'В Ташкенте открылась выставка.',
  },
  {
    id: 'tashiev',
    title: 'Заявление',
    date: '2024-01-15',
    text: 'Камчыбек Ташиев выступил с заявлением.',
  },
];
const sampleDir = fileURLToPath(new URL('../../sample', import.meta.url));

interface StartedEngine extends WorkerEngine {
  stop(): Promise<void>;
}

/** Start one engine (or take MEILI_HOST's), index the sample and the word-form articles into it. */
async function prepare(name: WorkerEngine['name']): Promise<StartedEngine> {
  const dbPath = mkdtempSync(join(tmpdir(), `e2e-${name}-`));
  const masterKey =
    name === 'MEILI_HOST' ? (process.env.MEILI_API_KEY ?? '') : 'e2e-master-key-0123456789';
  // Separate processes: the engine and the indexer run exactly as users run them.
  const engine =
    name === 'MEILI_HOST'
      ? { url: process.env.MEILI_HOST as string, stop: async () => {} }
      : await startNamedEngine(name, join(dbPath, 'engine'), masterKey);
  const stop = async () => {
    await engine.stop();
    rmSync(dbPath, { recursive: true, force: true });
  };
  try {
    const env = { MEILI_HOST: engine.url, MEILI_API_KEY: masterKey };
    const indexed = await runIndexerProcess(['--reset', sampleDir], {
      ...env,
      MEILI_INDEX: E2E_INDEX,
    });
    if (indexed.code !== 0)
      throw new Error(
        `indexing the sample into ${name} failed (${indexed.code}): ${indexed.stderr}`,
      );
    const formsFile = join(dbPath, 'forms.jsonl');
    writeFileSync(formsFile, FORMS_ARTICLES.map((a) => JSON.stringify(a)).join('\n'));
    const forms = await runIndexerProcess(['--reset', formsFile], {
      ...env,
      MEILI_INDEX: FORMS_INDEX,
    });
    if (forms.code !== 0)
      throw new Error(
        `indexing the word-form articles into ${name} failed (${forms.code}): ${forms.stderr}`,
      );
    const { results } = await new Meilisearch({ host: engine.url, apiKey: masterKey }).getKeys();
    const searchKey = results.find((k) => k.actions.length === 1 && k.actions[0] === 'search')?.key;
    if (!searchKey) throw new Error(`${name} has no search-only key`);
    return { name, host: engine.url, searchKey, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const names: Array<WorkerEngine['name']> = [
    ...ENGINE_NAMES,
    ...(process.env.MEILI_HOST ? (['MEILI_HOST'] as const) : []),
  ];
  const engines: StartedEngine[] = [];
  try {
    for (const name of names) engines.push(await prepare(name));
  } catch (error) {
    await Promise.all(engines.map((e) => e.stop()));
    throw error;
  }
  const [first] = engines as [StartedEngine];
  project.provide(
    'engines',
    engines.map(({ name, host, searchKey }) => ({ name, host, searchKey })),
  );
  project.provide('meiliHost', first.host);
  project.provide('meiliSearchKey', first.searchKey);
  project.provide('meiliIndex', E2E_INDEX);
  project.provide('formsIndex', FORMS_INDEX);
  const slow = await listen((_req, res) => {
    const timer = setTimeout(() => res.end('{}'), 10_000);
    res.on('close', () => clearTimeout(timer));
  });
  // The first engine, each answer 300 ms late: long enough for requests to overlap.
  const late = await listen((req, res) => {
    const target = new URL(req.url ?? '/', first.host);
    setTimeout(() => {
      const forwarded = request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forwarded.on('error', () => res.destroy());
      req.pipe(forwarded);
    }, 300);
  });
  const garbage = await listen((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops'),
  );
  // Meilisearch's answer when its search queue is full.
  const busy = await listen((_req, res) =>
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' }).end(
      JSON.stringify({
        message: 'Too many search requests running at the same time.',
        code: 'too_many_search_requests',
        type: 'system',
        link: 'https://docs.meilisearch.com/errors#too_many_search_requests',
      }),
    ),
  );
  const dead = await listen(() => {});
  const deadHost = dead.url;
  await close(dead.server);
  project.provide('slowHost', slow.url);
  project.provide('lateHost', late.url);
  project.provide('garbageHost', garbage.url);
  project.provide('busyHost', busy.url);
  project.provide('deadHost', deadHost);
  return async () => {
    await Promise.all([slow, late, garbage, busy].map(({ server }) => close(server)));
    await Promise.all(engines.map((e) => e.stop()));
  };
}

async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
