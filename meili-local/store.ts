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
  /** Each document's internal id, which orders ties (Meilisearch keeps it across restarts too). */
  readonly docids: Database<number, [string, string]>;
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
    this.docids = this.root.openDB({ name: 'docids' });
    this.tasks = this.root.openDB({ name: 'tasks' });
    this.payloads = this.root.openDB({ name: 'payloads' });
    this.keys = this.root.openDB({ name: 'keys' });
    this.meta = this.root.openDB({ name: 'meta' });
  }

  /** Run `writes` as one transaction; resolves once it is durable on disk. */
  transaction(writes: () => void): Promise<unknown> {
    return this.root.transaction(writes);
  }

  /** An index's documents in internal id order (a database from before ids were kept: those last, by id). */
  documentsOf(uid: string): Array<{ id: string; doc: Document; docid?: number }> {
    const range = { start: [uid], end: [`${uid}\u0000`] };
    const docids = new Map<string, number>();
    for (const { key, value } of this.docids.getRange(range))
      docids.set((key as [string, string])[1], value);
    const out: Array<{ id: string; doc: Document; docid?: number }> = [];
    for (const { key, value } of this.documents.getRange(range)) {
      const id = (key as [string, string])[1];
      const docid = docids.get(id);
      out.push(docid === undefined ? { id, doc: value } : { id, doc: value, docid });
    }
    const order = (d: { docid?: number }) => d.docid ?? Number.POSITIVE_INFINITY;
    return out.sort((a, b) => order(a) - order(b));
  }

  putDocument(uid: string, id: string, doc: Document, docid: number): void {
    void this.documents.put([uid, id], doc);
    void this.docids.put([uid, id], docid);
  }

  removeDocument(uid: string, id: string): void {
    void this.documents.remove([uid, id]);
    void this.docids.remove([uid, id]);
  }

  removeDocumentsOf(uid: string): void {
    const range = { start: [uid], end: [`${uid}\u0000`] };
    for (const { key } of this.documents.getRange(range))
      void this.documents.remove(key as [string, string]);
    for (const { key } of this.docids.getRange(range))
      void this.docids.remove(key as [string, string]);
  }

  /** A consistent copy of the whole database into the file `path`, while it stays open. */
  backup(path: string): Promise<void> {
    return this.root.backup(path, false);
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}
