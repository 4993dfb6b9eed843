/**
 * The engines every engine-facing test runs against: meili-local (in-process, fresh database) always; the
 * real Meilisearch binary when it is found (MEILI_BIN, default ../shared/meilisearch/meilisearch); and the
 * user's own Meilisearch when MEILI_HOST (with MEILI_API_KEY) is set. Each gets its own data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch, type Settings } from 'meilisearch';
import { startMeiliLocal } from '../../../meili-local/server.ts';
import { ENGINE_NAMES, startNamedEngine } from '../../setup/processes.ts';

export type EngineName = 'meili-local' | 'meilisearch' | 'MEILI_HOST';

export interface Harness {
  engine: EngineName;
  url: string;
  masterKey: string;
  client: Meilisearch;
  close(): Promise<void>;
}

/** The engines found on this machine, meili-local first (test/setup/processes.ts says when the real one is missing). */
export const ENGINES: EngineName[] = [
  ...ENGINE_NAMES,
  ...(process.env.MEILI_HOST ? (['MEILI_HOST'] as const) : []),
];

/**
 * Tasks are visibly enqueued for a moment on both engines (meili-local: TASK_PICKUP_MS), so a test that
 * awaits one polls again soon rather than after the client's default 50 ms.
 */
const WAIT_OPTIONS = { defaultWaitOptions: { interval: 5 } };

export async function startHarness(engine: EngineName): Promise<Harness> {
  const masterKey = 'contract-master-key-0123456789';
  if (engine === 'MEILI_HOST') {
    const key = process.env.MEILI_API_KEY ?? '';
    const url = process.env.MEILI_HOST as string;
    return {
      engine,
      url,
      masterKey: key,
      client: new Meilisearch({ host: url, apiKey: key, ...WAIT_OPTIONS }),
      close: async () => {},
    };
  }
  const dbPath = mkdtempSync(join(tmpdir(), `contract-${engine}-`));
  const server =
    engine === 'meilisearch'
      ? await startNamedEngine(engine, dbPath, masterKey)
      : await startMeiliLocal({ httpAddr: '127.0.0.1:0', dbPath, masterKey, logLevel: 'silent' });
  return {
    engine,
    url: server.url,
    masterKey,
    client: new Meilisearch({ host: server.url, apiKey: masterKey, ...WAIT_OPTIONS }),
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

/**
 * A harness on `engine` with one fresh index (`prefix` names it): created with primary key `id`, `settings`
 * applied, then `documents` added; each task must succeed.
 */
export async function startWithIndex(
  engine: EngineName,
  prefix: string,
  documents: Array<Record<string, unknown>>,
  settings?: Settings,
): Promise<Harness & { uid: string }> {
  const h = await startHarness(engine);
  const uid = uniqueIndex(prefix);
  const index = h.client.index(uid);
  const tasks = [
    () => h.client.createIndex(uid, { primaryKey: 'id' }).waitTask(),
    ...(settings ? [() => index.updateSettings(settings).waitTask()] : []),
    () => index.addDocuments(documents).waitTask(),
  ];
  for (const task of tasks) {
    const done = await task();
    if (done.error) throw new Error(`${done.type} failed on ${engine}: ${done.error.message}`);
  }
  return { ...h, uid };
}
