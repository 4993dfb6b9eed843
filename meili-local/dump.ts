/**
 * Dumps in Meilisearch's own format (version V6, crates/dump: a gzipped tar of `metadata.json`, `keys.jsonl`,
 * `tasks/queue.jsonl` and, per index, `indexes/<uid>/{metadata.json,documents.jsonl,settings.json}`), so
 * that `meilisearch --import-dump` moves a meili-local database to the real engine: documents (with their
 * `_vectors`), settings, and API keys, which keep their uids and so, under the same master key, their values.
 * The task history is not carried over (an empty queue), as a fresh start on the new engine.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create as createTar } from 'tar';
import type { Index } from './index.ts';
import { settingsView } from './settings.ts';
import type { ApiKey } from './types.ts';

/** The Meilisearch version whose dump format this writes. */
const DB_VERSION = '1.50.0';

const jsonl = (rows: Iterable<unknown>) =>
  Array.from(rows, (row) => `${JSON.stringify(row)}\n`).join('');

/** The files of a dump, by path inside it: pure, so that the format is tested without a tar. */
export function dumpFiles(
  indexes: Iterable<Index>,
  keys: Iterable<ApiKey>,
  features: Record<string, boolean>,
  now: string,
): Map<string, string> {
  const files = new Map<string, string>([
    ['metadata.json', JSON.stringify({ dumpVersion: 'V6', dbVersion: DB_VERSION, dumpDate: now })],
    ['experimental-features.json', JSON.stringify(features)],
    ['tasks/queue.jsonl', ''],
    [
      // Meilisearch's Key is written with snake_case dates; the key itself is derived, not stored.
      'keys.jsonl',
      jsonl(
        Array.from(keys, (key) => ({
          ...(key.description === null ? {} : { description: key.description }),
          ...(key.name === null ? {} : { name: key.name }),
          uid: key.uid,
          actions: key.actions,
          indexes: key.indexes,
          expires_at: key.expiresAt,
          created_at: key.createdAt,
          updated_at: key.updatedAt,
        })),
      ),
    ],
  ]);
  for (const index of indexes) {
    const base = `indexes/${index.uid}`;
    files.set(
      `${base}/metadata.json`,
      JSON.stringify({
        uid: index.uid,
        primaryKey: index.primaryKey,
        createdAt: index.createdAt,
        updatedAt: index.updatedAt,
      }),
    );
    files.set(`${base}/documents.jsonl`, jsonl(index.storedDocuments()));
    files.set(`${base}/settings.json`, JSON.stringify(settingsView(index.settings, features)));
  }
  return files;
}

/** Write `files` as a gzipped tar at `path` (through a temporary directory, renamed into place when whole). */
export function writeDump(path: string, files: Map<string, string>): void {
  const dir = mkdtempSync(join(tmpdir(), 'meili-local-dump-'));
  try {
    for (const [name, content] of files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.partial`;
    createTar({ gzip: true, file: partial, cwd: dir, sync: true, portable: true }, ['.']);
    renameSync(partial, path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A dump's uid as Meilisearch names them: the time, `YYYYMMDD-HHMMSSmmm`. */
export function dumpUid(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}${iso.slice(20, 23)}`;
}
