/**
 * Dumps: each engine writes one with `POST /dumps`, and the real Meilisearch starts from it
 * (`--import-dump`) with the same documents (their `_vectors` too), settings and API keys. This is how a
 * meili-local install moves to the real engine.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMeilisearchBinary, startMeilisearch } from '../../../scripts/meilisearch-bin.ts';
import { startMeiliLocal } from '../../../meili-local/server.ts';
import { ENGINE_NAMES, startNamedEngine } from '../../setup/processes.ts';

const MASTER_KEY = 'dump-master-key-0123456789abcdef';
const realBinary = findMeilisearchBinary();

const docs = [
  { id: 'a1', title: 'Бюджет края', year: 2023, _vectors: { manual: [1, 0] } },
  { id: 'a2', title: 'Выборы в совет', year: 2024, _vectors: { manual: null } },
];

/** What an engine answers about the index: the state a dump must carry over. */
async function state(client: Meilisearch, uid: string) {
  const index = client.index(uid);
  const { results: keys } = await client.getKeys();
  return {
    documents: (await index.getDocuments({ retrieveVectors: true })).results,
    settings: await index.getSettings(),
    primaryKey: (await index.getRawInfo()).primaryKey,
    keys: keys
      .filter((k) => k.name === 'editors')
      .map(({ key, uid, actions, indexes, name }) => ({ key, uid, actions, indexes, name })),
  };
}

describe.each(ENGINE_NAMES)('a dump from %s', (engine) => {
  let dir: string;
  let stop: () => Promise<void>;
  let client: Meilisearch;
  let dumpDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `dump-${engine}-`));
    if (engine === 'meilisearch') {
      const server = await startNamedEngine(engine, join(dir, 'db'), MASTER_KEY);
      [client, stop, dumpDir] = [
        new Meilisearch({ host: server.url, apiKey: MASTER_KEY }),
        server.stop,
        join(dir, 'db', 'dumps'),
      ];
    } else {
      const server = await startMeiliLocal({
        httpAddr: '127.0.0.1:0',
        dbPath: join(dir, 'db'),
        masterKey: MASTER_KEY,
        logLevel: 'silent',
      });
      [client, stop, dumpDir] = [
        new Meilisearch({ host: server.url, apiKey: MASTER_KEY }),
        server.close,
        join(dir, 'dumps'),
      ];
    }
    await client.createIndex('articles', { primaryKey: 'id' }).waitTask();
    await client
      .index('articles')
      .updateSettings({
        searchableAttributes: ['title'],
        filterableAttributes: ['year'],
        sortableAttributes: ['year'],
        embedders: { manual: { source: 'userProvided', dimensions: 2 } },
      })
      .waitTask();
    const added = await client.index('articles').addDocuments(docs).waitTask();
    expect(added.error).toBeNull();
    await client.createKey({
      name: 'editors',
      actions: ['documents.add', 'search'],
      indexes: ['articles'],
      expiresAt: null,
    });
  }, 60_000);
  afterAll(async () => {
    await stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written by a dumpCreation task into the dump directory', async () => {
    const task = await client.createDump().waitTask();
    expect(task.status).toBe('succeeded');
    const dumpUid = task.details?.dumpUid as string;
    expect(dumpUid).toMatch(/^\d{8}-\d{9}$/);
    expect(existsSync(join(dumpDir, `${dumpUid}.dump`))).toBe(true);
  });

  it.skipIf(!realBinary)(
    'starts the real Meilisearch with the same documents, settings and keys',
    async () => {
      const before = await state(client, 'articles');
      const [file] = readdirSync(dumpDir).filter((f) => f.endsWith('.dump'));
      const imported = await startMeilisearch({
        bin: realBinary as string,
        dbPath: join(dir, 'imported'),
        masterKey: MASTER_KEY,
        importDump: join(dumpDir, file as string),
      });
      try {
        const after = await state(
          new Meilisearch({ host: imported.url, apiKey: MASTER_KEY }),
          'articles',
        );
        expect(after).toEqual(before);
        expect(after.documents).toHaveLength(docs.length);
      } finally {
        await imported.stop();
      }
    },
    60_000,
  );
});
