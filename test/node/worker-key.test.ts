/** The key `npm start` gives the Worker: never an expired one, and never through a file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchKeyFor, usableSearchKey, wranglerEnv } from '../../scripts/worker-key.ts';
import { ENGINE_NAMES, type EngineProcess, startNamedEngine } from '../setup/processes.ts';

const MASTER = 'worker-key-master-key-0123456789';
const INDEX = 'articles';
const log = () => {};

describe('wranglerEnv', () => {
  it('passes the search key and what wrangler needs, and no admin key or other secret', () => {
    const env = wranglerEnv(
      {
        PATH: '/bin',
        HOME: '/home/x',
        MEILI_MASTER_KEY: 'master',
        MEILI_API_KEY: 'admin',
        AWS_SECRET_ACCESS_KEY: 'aws',
        CLOUDFLARE_API_TOKEN: 'cf',
      },
      'search-key',
    );
    expect(env).toMatchObject({
      PATH: '/bin',
      HOME: '/home/x',
      MEILI_SEARCH_KEY: 'search-key',
      CLOUDFLARE_INCLUDE_PROCESS_ENV: 'true',
    });
    for (const secret of ['master', 'admin', 'aws', 'cf'])
      expect(Object.values(env)).not.toContain(secret);
  });
});

describe.each(ENGINE_NAMES)('the Worker key on %s', (name) => {
  let dir: string;
  let engine: EngineProcess;
  let admin: Meilisearch;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `worker-key-${name}-`));
    engine = await startNamedEngine(name, join(dir, 'db'), MASTER);
    admin = new Meilisearch({ host: engine.url, apiKey: MASTER });
    await admin.createIndex(INDEX).waitTask();
  });

  afterAll(async () => {
    await engine?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes over an expired search key and creates one that works', async () => {
    // Only an expiring search key is left: the default one is deleted.
    for (const key of (await admin.getKeys()).results)
      if (key.actions.length === 1 && key.actions[0] === 'search') await admin.deleteKey(key.uid);
    const expiring = await admin.createKey({
      actions: ['search'],
      indexes: ['*'],
      expiresAt: new Date(Date.now() + 1500),
    });
    await new Promise((r) => setTimeout(r, 2000));
    const keys = (await admin.getKeys()).results;
    expect(usableSearchKey(keys, INDEX, Date.now())).toBeUndefined();
    const key = await searchKeyFor({ host: engine.url, adminKey: MASTER, index: INDEX, log });
    expect(key).toBeDefined();
    expect(key).not.toBe(expiring.key);
    const search = await new Meilisearch({ host: engine.url, apiKey: key }).index(INDEX).search('');
    expect(search.hits).toEqual([]);
    // Next time the key just made is found and used again.
    expect(await searchKeyFor({ host: engine.url, adminKey: MASTER, index: INDEX, log })).toBe(key);
  });

  it('refuses a given MEILI_SEARCH_KEY the engine does not accept, saying so', async () => {
    await expect(
      searchKeyFor({ host: engine.url, adminKey: MASTER, index: INDEX, given: 'wrong', log }),
    ).rejects.toThrow(/refuses MEILI_SEARCH_KEY/);
  });
});
