/**
 * Snapshots, as Meilisearch's (`POST /snapshots`, `--import-snapshot`): a gzipped tar of a consistent copy of
 * the database, named after the database directory (`data.ms.snapshot`). As in Meilisearch's, the snapshot
 * task itself is not in the copy, so that a database started from it does not take the snapshot again.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { create as createTar, extract as extractTar } from 'tar';
import { Store } from './store.ts';

/** Copy `store` into `<snapshotDir>/<database name>.snapshot`, without the snapshot task `taskUid`. */
export async function writeSnapshot(
  store: Store,
  dbPath: string,
  snapshotDir: string,
  taskUid: number,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'meili-local-snapshot-'));
  try {
    await store.backup(join(dir, 'data.mdb'));
    const copy = new Store(dir);
    await copy.transaction(() => {
      void copy.tasks.remove(taskUid);
      void copy.payloads.remove(taskUid);
    });
    await copy.close();
    rmSync(join(dir, 'data.mdb-lock'), { force: true });
    mkdirSync(snapshotDir, { recursive: true });
    const path = join(snapshotDir, `${basename(dbPath)}.snapshot`);
    const partial = `${path}.partial`;
    await createTar({ gzip: true, file: partial, cwd: dir, portable: true }, ['data.mdb']);
    renameSync(partial, path);
    return path;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ImportSnapshotOptions {
  /** Start with the database as it is when the snapshot file is missing (else refuse). */
  ignoreMissing?: boolean;
  /** Start with the existing database and ignore the snapshot (else refuse to overwrite it). */
  ignoreIfDbExists?: boolean;
}

/**
 * Put the database of the snapshot at `file` into `dbPath` before the engine opens it. Refuses to overwrite
 * a database, as Meilisearch does, unless told to keep it.
 */
export function importSnapshot(
  file: string,
  dbPath: string,
  options: ImportSnapshotOptions = {},
): void {
  const dbExists = existsSync(dbPath) && readdirSync(dbPath).length > 0;
  if (dbExists) {
    if (options.ignoreIfDbExists) return;
    throw new Error(
      `database already exists at ${dbPath}, try to delete it or rename it, or use --ignore-snapshot-if-db-exists`,
    );
  }
  if (!existsSync(file)) {
    if (options.ignoreMissing) return;
    throw new Error(`snapshot doesn't exist at ${file}, or use --ignore-missing-snapshot`);
  }
  mkdirSync(dbPath, { recursive: true });
  extractTar({ file, cwd: dbPath, sync: true, strict: true });
}
