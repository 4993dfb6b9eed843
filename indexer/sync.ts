/**
 * Keeping a Meilisearch index in step with the articles: only through the official client and the
 * documented API. Changed articles are written first and their stale chunks removed after, so a run
 * killed at any point leaves an index that the next run repairs.
 */
import { Meilisearch, MeilisearchApiError, type Index } from 'meilisearch';
import {
  PRIMARY_KEY,
  indexSettings,
  type ChunkDocument,
  type ChunkField,
} from '../src/schema/chunk.ts';
import { quote } from '../src/search/filters.ts';
import type { PersonFields } from './persons/across-index.ts';

export interface ExistingArticle {
  hashes: Set<string>;
  ids: Set<string>;
  /** The file it was read from; undefined for documents written before origins were recorded. */
  origin: string | undefined;
  /** Its `article_persons`: full names a one-part name of a later run may resolve to. */
  persons: string[];
}

export interface SyncTarget {
  host: string;
  apiKey?: string;
  index: string;
}

const BATCH_DOCUMENTS = 2000;
const WAIT = { timeout: 120_000, interval: 50 };

/** Retry a call on network failures (not on Meilisearch's own errors), with backoff. */
export async function withRetry<T>(what: string, call: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (error instanceof MeilisearchApiError || attempt >= attempts) {
        throw new Error(`${what} failed: ${(error as Error).message}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
    }
  }
}

export class IndexSync {
  readonly client: Meilisearch;
  readonly index: Index<ChunkDocument>;

  constructor(readonly target: SyncTarget) {
    this.client = new Meilisearch({ host: target.host, apiKey: target.apiKey });
    this.index = this.client.index<ChunkDocument>(target.index);
  }

  async exists(): Promise<boolean> {
    return this.index.getRawInfo().then(
      () => true,
      (error: unknown) => {
        if (
          error instanceof MeilisearchApiError &&
          (error.cause as { code?: string } | undefined)?.code === 'index_not_found'
        )
          return false;
        throw new Error(
          `cannot reach Meilisearch at ${this.target.host}: ${(error as Error).message}`,
          { cause: error },
        );
      },
    );
  }

  /** Create the index if needed (or anew with `reset`) and apply the settings the project relies on. */
  async prepare(reset: boolean): Promise<void> {
    if (reset) {
      await withRetry('deleting the index', () =>
        this.client.deleteIndex(this.target.index).waitTask(WAIT),
      );
    }
    if (!(await this.exists())) {
      const task = await withRetry('creating the index', () =>
        this.client.createIndex(this.target.index, { primaryKey: PRIMARY_KEY }).waitTask(WAIT),
      );
      if (task.status === 'failed' && task.error?.code !== 'index_already_exists')
        throw new Error(`creating the index failed: ${task.error?.message}`);
    }
    const settings = structuredClone(indexSettings) as unknown as Parameters<
      Index['updateSettings']
    >[0];
    const task = await withRetry('updating settings', () =>
      this.index.updateSettings(settings).waitTask(WAIT),
    );
    if (task.status === 'failed')
      throw new Error(`updating settings failed: ${task.error?.message}`);
  }

  /** What the index holds now, per article; nothing when there is no index yet (read only). */
  async existing(): Promise<Map<string, ExistingArticle>> {
    const out = new Map<string, ExistingArticle>();
    if (!(await this.exists())) return out;
    const limit = 5000;
    for (let offset = 0; ; offset += limit) {
      const page = await withRetry('reading the index', () =>
        this.index.getDocuments({
          fields: ['id', 'article_id', 'content_hash', 'origin', 'article_persons'],
          offset,
          limit,
        }),
      );
      for (const doc of page.results) {
        const entry = out.get(doc.article_id) ?? {
          hashes: new Set(),
          ids: new Set(),
          origin: doc.origin,
          persons: doc.article_persons ?? [],
        };
        entry.hashes.add(doc.content_hash);
        entry.ids.add(doc.id);
        out.set(doc.article_id, entry);
      }
      if (page.results.length < limit) return out;
    }
  }

  /** Add or replace documents in batches; each task is awaited and must succeed. */
  async addDocuments(documents: ChunkDocument[], onBatch?: (count: number) => void): Promise<void> {
    for (let i = 0; i < documents.length; i += BATCH_DOCUMENTS) {
      const batch = documents.slice(i, i + BATCH_DOCUMENTS);
      const task = await withRetry('adding documents', () =>
        this.index.addDocuments(batch, { primaryKey: PRIMARY_KEY }).waitTask(WAIT),
      );
      if (task.status !== 'succeeded')
        throw new Error(`adding documents failed: ${task.error?.message ?? task.status}`);
      onBatch?.(batch.length);
    }
  }

  /** The person fields of every chunk of `articleIds`, by article. */
  async personFieldsOf(articleIds: string[]): Promise<Map<string, PersonFields[]>> {
    const out = new Map<string, PersonFields[]>();
    const fields: ChunkField[] = [
      'id',
      'article_id',
      'persons',
      'article_persons',
      'person_names',
      'content_hash',
    ];
    for (let i = 0; i < articleIds.length; i += 100) {
      const filter = `article_id IN [${articleIds
        .slice(i, i + 100)
        .map(quote)
        .join(', ')}]`;
      for (let offset = 0; ; offset += 5000) {
        const page = await withRetry('reading the index', () =>
          this.index.getDocuments({ filter, fields, offset, limit: 5000 }),
        );
        for (const { article_id, ...doc } of page.results)
          out.set(article_id, [...(out.get(article_id) ?? []), doc]);
        if (page.results.length < 5000) break;
      }
    }
    return out;
  }

  /** Change some fields of documents already indexed (the others are kept), in batches. */
  async updateDocuments(documents: PersonFields[]): Promise<void> {
    for (let i = 0; i < documents.length; i += BATCH_DOCUMENTS) {
      const batch = documents.slice(i, i + BATCH_DOCUMENTS);
      const task = await withRetry('updating documents', () =>
        this.index.updateDocuments(batch, { primaryKey: PRIMARY_KEY }).waitTask(WAIT),
      );
      if (task.status !== 'succeeded')
        throw new Error(`updating documents failed: ${task.error?.message ?? task.status}`);
    }
  }

  async deleteDocuments(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH_DOCUMENTS) {
      const batch = ids.slice(i, i + BATCH_DOCUMENTS);
      const task = await withRetry('deleting documents', () =>
        this.index.deleteDocuments(batch).waitTask(WAIT),
      );
      if (task.status !== 'succeeded')
        throw new Error(`deleting documents failed: ${task.error?.message ?? task.status}`);
    }
  }
}
