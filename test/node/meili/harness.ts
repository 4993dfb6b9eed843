/**
 * Where the contract tests run: against a real Meilisearch when MEILI_HOST (and MEILI_API_KEY) are set,
 * otherwise against meili-local started in-process on a free port with a fresh database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { startMeiliLocal } from '../../../meili-local/server.ts';

export interface Harness {
  url: string;
  masterKey: string;
  client: Meilisearch;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (process.env.MEILI_HOST) {
    const masterKey = process.env.MEILI_API_KEY ?? '';
    return { url: process.env.MEILI_HOST, masterKey, client: new Meilisearch({ host: process.env.MEILI_HOST, apiKey: masterKey }), close: async () => {} };
  }
  const dbPath = mkdtempSync(join(tmpdir(), 'meili-contract-'));
  const masterKey = 'contract-master-key-0123456789';
  const server = await startMeiliLocal({ httpAddr: '127.0.0.1:0', dbPath, masterKey, logLevel: 'silent' });
  return {
    url: server.url,
    masterKey,
    client: new Meilisearch({ host: server.url, apiKey: masterKey }),
    close: async () => {
      await server.close();
      rmSync(dbPath, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A fresh index name per test, so tests never see each other's data. */
export function uniqueIndex(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}
