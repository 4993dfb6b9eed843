/**
 * The engines every engine-facing test runs against: meili-local (in-process, fresh database) always; the
 * real Meilisearch binary when it is found (MEILI_BIN, default ../shared/meilisearch/meilisearch); and the
 * user's own Meilisearch when MEILI_HOST (with MEILI_API_KEY) is set. Each gets its own data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { startMeiliLocal } from '../../../meili-local/server.ts';
import { findMeilisearchBinary, startMeilisearch, whereMeilisearchWasSought } from '../../../scripts/meilisearch-bin.ts';

export type EngineName = 'meili-local' | 'meilisearch' | 'MEILI_HOST';

export interface Harness {
  engine: EngineName;
  url: string;
  masterKey: string;
  client: Meilisearch;
  close(): Promise<void>;
}

const realBinary = findMeilisearchBinary();

/** The engines found on this machine, meili-local first. Says once, clearly, when the real one is missing. */
export const ENGINES: EngineName[] = ['meili-local', ...(realBinary ? (['meilisearch'] as const) : []), ...(process.env.MEILI_HOST ? (['MEILI_HOST'] as const) : [])];
if (!realBinary) console.warn(`[engines] real Meilisearch not found at ${whereMeilisearchWasSought()}: engine tests run on meili-local only, the real engine's are skipped`);

export async function startHarness(engine: EngineName): Promise<Harness> {
  const masterKey = 'contract-master-key-0123456789';
  if (engine === 'MEILI_HOST') {
    const key = process.env.MEILI_API_KEY ?? '';
    const url = process.env.MEILI_HOST as string;
    return { engine, url, masterKey: key, client: new Meilisearch({ host: url, apiKey: key }), close: async () => {} };
  }
  const dbPath = mkdtempSync(join(tmpdir(), `contract-${engine}-`));
  const server = engine === 'meilisearch' ? await startMeilisearch({ bin: realBinary as string, dbPath, masterKey }) : await startMeiliLocal({ httpAddr: '127.0.0.1:0', dbPath, masterKey, logLevel: 'silent' });
  return {
    engine,
    url: server.url,
    masterKey,
    client: new Meilisearch({ host: server.url, apiKey: masterKey }),
    close: async () => {
      'stop' in server ? await server.stop() : await server.close();
      rmSync(dbPath, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A fresh index name per test, so tests never see each other's data. */
export function uniqueIndex(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}
