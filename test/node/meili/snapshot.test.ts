/**
 * Snapshots on both engines: `POST /snapshots` writes `<database>.snapshot`, and the same engine started from
 * it (`--import-snapshot`) has the documents, and not the snapshot task (it is not taken again).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMeiliLocal } from '../../../meili-local/server.ts';
import { importSnapshot } from '../../../meili-local/snapshot.ts';
import { findMeilisearchBinary, startMeilisearch } from '../../../scripts/meilisearch-bin.ts';
import { ENGINE_NAMES, type EngineName } from '../../setup/processes.ts';

const MASTER_KEY = 'snapshot-master-key-0123456789ab';

/** Start `engine` with its database in `dir` (from `snapshot` when given); its snapshots go to `dir/snapshots`. */
async function start(engine: EngineName, dir: string, snapshot?: string) {
  if (engine === 'meilisearch') {
    const server = await startMeilisearch({
      bin: findMeilisearchBinary() as string,
      dbPath: dir,
      masterKey: MASTER_KEY,
      importSnapshot: snapshot,
    });
    return {
      url: server.url,
      stop: server.stop,
      snapshotFile: join(dir, 'snapshots', 'data.ms.snapshot'),
    };
  }
  const server = await startMeiliLocal({
    httpAddr: '127.0.0.1:0',
    dbPath: join(dir, 'data.ms'),
    masterKey: MASTER_KEY,
    logLevel: 'silent',
    importSnapshot: snapshot,
  });
  return {
    url: server.url,
    stop: server.close,
    snapshotFile: join(dir, 'snapshots', 'data.ms.snapshot'),
  };
}

describe.each(ENGINE_NAMES)('a snapshot of %s', (engine) => {
  let dir: string;
  let original: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `snapshot-${engine}-`));
    original = await start(engine, join(dir, 'original'));
    const client = new Meilisearch({ host: original.url, apiKey: MASTER_KEY });
    const added = await client
      .index('articles')
      .addDocuments([
        { id: 'a1', title: 'Бюджет края' },
        { id: 'a2', title: 'Выборы в совет' },
      ])
      .waitTask();
    expect(added.error).toBeNull();
  }, 60_000);
  afterAll(async () => {
    await original?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written by a snapshotCreation task, and starts a new database with the same documents', async () => {
    const client = new Meilisearch({ host: original.url, apiKey: MASTER_KEY });
    const task = await client.createSnapshot().waitTask();
    expect(task.status).toBe('succeeded');
    expect(existsSync(original.snapshotFile)).toBe(true);

    const restored = await start(engine, join(dir, 'restored'), original.snapshotFile);
    try {
      const copy = new Meilisearch({ host: restored.url, apiKey: MASTER_KEY });
      const { results } = await copy.index('articles').getDocuments();
      expect(results.map((d) => d.id).sort()).toEqual(['a1', 'a2']);
      const snapshots = await copy.tasks.getTasks({ types: ['snapshotCreation'] });
      expect(snapshots.results).toEqual([]);
    } finally {
      await restored.stop();
    }
  }, 60_000);
});

describe('importSnapshot', () => {
  it('refuses to overwrite a database, and a missing snapshot, unless told to go on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-import-'));
    try {
      expect(() => importSnapshot(join(dir, 'none.snapshot'), join(dir, 'db'))).toThrow(
        /snapshot doesn't exist/,
      );
      expect(() =>
        importSnapshot(join(dir, 'none.snapshot'), join(dir, 'db'), { ignoreMissing: true }),
      ).not.toThrow();
      writeFileSync(join(dir, 'data.mdb'), '');
      expect(() => importSnapshot(join(dir, 'none.snapshot'), dir)).toThrow(/already exists/);
      expect(() =>
        importSnapshot(join(dir, 'none.snapshot'), dir, { ignoreIfDbExists: true }),
      ).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
