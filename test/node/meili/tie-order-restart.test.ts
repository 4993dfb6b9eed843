/**
 * Ties are in internal id order: a new document takes the smallest id a deletion freed, else the next one.
 * The same on both engines, and on meili-local across a restart too (the ids are kept with the documents;
 * they were reassigned in id order on load, so ties changed order after every restart).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { startMeiliLocal } from '../../../meili-local/server.ts';
import { ENGINES, startHarness, uniqueIndex } from './harness.ts';

const doc = (id: string) => ({ id, text: 'одно и то же слово' });

/** c, a, b, d; then a deleted and e added: e takes a's id. */
async function build(client: Meilisearch, uid: string): Promise<void> {
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
  await client.index(uid).addDocuments(['c', 'a', 'b', 'd'].map(doc)).waitTask();
  await client.index(uid).deleteDocument('a').waitTask();
}
const order = async (client: Meilisearch, uid: string) =>
  (await client.index(uid).search('слово', { attributesToRetrieve: ['id'] })).hits.map((h) => h.id);

describe.each(ENGINES)('tie order on %s', (engine) => {
  it('follows internal ids, a freed id reused', async () => {
    const h = await startHarness(engine);
    try {
      const uid = uniqueIndex('ties');
      await build(h.client, uid);
      await h.client
        .index(uid)
        .addDocuments([doc('e')])
        .waitTask();
      expect(await order(h.client, uid)).toEqual(['c', 'e', 'b', 'd']);
    } finally {
      await h.close();
    }
  });
});

describe('meili-local tie order across a restart', () => {
  const dbPath = mkdtempSync(join(tmpdir(), 'ties-'));
  afterAll(() => rmSync(dbPath, { recursive: true, force: true }));
  const options = {
    httpAddr: '127.0.0.1:0',
    dbPath,
    masterKey: 'ties-master-key-0123456789',
    logLevel: 'silent' as const,
  };

  it('keeps internal ids, and the freed ones, across a restart', async () => {
    const first = await startMeiliLocal(options);
    await build(new Meilisearch({ host: first.url, apiKey: options.masterKey }), 'ties');
    await first.close();
    const second = await startMeiliLocal(options);
    try {
      const client = new Meilisearch({ host: second.url, apiKey: options.masterKey });
      expect(await order(client, 'ties')).toEqual(['c', 'b', 'd']);
      await client
        .index('ties')
        .addDocuments([doc('e')])
        .waitTask();
      expect(await order(client, 'ties')).toEqual(['c', 'e', 'b', 'd']);
    } finally {
      await second.close();
    }
  });
});
