/**
 * vitest globalSetup for the Worker project: a real meili-local over HTTP, with a master key, holding the
 * bundled sample content indexed by the real indexer. Tests read the URL and the search-only key with
 * `inject('meiliHost')` / `inject('meiliSearchKey')`. With MEILI_HOST set, a real Meilisearch is used instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Meilisearch } from 'meilisearch';
import type { TestProject } from 'vitest/node';
import { runIndexer } from '../../indexer/run.ts';
import { startMeiliLocal } from '../../meili-local/server.ts';

export const E2E_INDEX = 'e2e_articles';
const sampleDir = fileURLToPath(new URL('../../sample', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    meiliHost: string;
    meiliSearchKey: string;
    meiliIndex: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.MEILI_HOST;
  const dbPath = mkdtempSync(join(tmpdir(), 'e2e-meili-'));
  const masterKey = external ? (process.env.MEILI_API_KEY ?? '') : 'e2e-master-key-0123456789';
  const engine = external
    ? { url: external, close: async () => {} }
    : await startMeiliLocal({ httpAddr: '127.0.0.1:0', dbPath, masterKey, logLevel: 'silent' });
  const admin = new Meilisearch({ host: engine.url, apiKey: masterKey });
  await runIndexer({ paths: [sampleDir], host: engine.url, apiKey: masterKey, index: E2E_INDEX, reset: true, log: () => {} });
  const { results } = await admin.getKeys();
  const searchKey = results.find((k) => k.actions.length === 1 && k.actions[0] === 'search')?.key;
  if (!searchKey) throw new Error('the engine has no search-only key');
  project.provide('meiliHost', engine.url);
  project.provide('meiliSearchKey', searchKey);
  project.provide('meiliIndex', E2E_INDEX);
  return async () => {
    await engine.close();
    rmSync(dbPath, { recursive: true, force: true });
  };
}
