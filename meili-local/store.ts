/**
 * Durable state in LMDB: indexes (settings, primary key), documents, tasks, task payloads, API keys and the
 * experimental features.
 * A task is marked succeeded in the same transaction that writes its effect, and the task is only
 * reported succeeded after that transaction has committed, so `kill -9` never loses a succeeded task.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { Document } from './filter.ts';
import type { Settings } from './settings.ts';
import type { ApiKey, Task } from './types.ts';

export interface StoredIndex {
  uid: string;
  primaryKey: string | null;
  createdAt: string;
  updatedAt: string;
  settings: Settings;
}

export class Store {
  private readonly root: RootDatabase;
  readonly indexes: Database<StoredIndex, string>;
  readonly documents: Database<Document, [string, string]>;
  readonly tasks: Database<Task, number>;
  readonly payloads: Database<unknown, number>;
  readonly keys: Database<ApiKey, string>;
  /** Instance-wide state: the experimental features, webhooks, chat workspaces, dynamic search rules. */
  readonly meta: Database<unknown, string>;

  /** `directory` is created if needed, like Meilisearch's --db-path. */
  constructor(directory: string) {
    mkdirSync(directory, { recursive: true });
    this.root = open({ path: join(directory, 'data.mdb'), compression: false });
    this.indexes = this.root.openDB({ name: 'indexes' });
    this.documents = this.root.openDB({ name: 'documents' });
    this.tasks = this.root.openDB({ name: 'tasks' });
    this.payloads = this.root.openDB({ name: 'payloads' });
    this.keys = this.root.openDB({ name: 'keys' });
    this.meta = this.root.openDB({ name: 'meta' });
  }

  /** Run `writes` as one transaction; resolves once it is durable on disk. */
  transaction(writes: () => void): Promise<unknown> {
    return this.root.transaction(writes);
  }

  *documentsOf(uid: string): Iterable<{ id: string; doc: Document }> {
    for (const { key, value } of this.documents.getRange({ start: [uid], end: [`${uid}\u0000`] })) {
      yield { id: (key as [string, string])[1], doc: value };
    }
  }

  removeDocumentsOf(uid: string): void {
    for (const { key } of this.documents.getRange({ start: [uid], end: [`${uid}\u0000`] })) {
      void this.documents.remove(key as [string, string]);
    }
  }

  /** A consistent copy of the whole database into the file `path`, while it stays open. */
  backup(path: string): Promise<void> {
    return this.root.backup(path, false);
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}
