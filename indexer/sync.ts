/**
 * Keeping a Meilisearch index in step with the articles: only through the official client and the
 * documented API. Changed articles are written first and their stale chunks removed after, so a run
 * killed at any point leaves an index that the next run repairs.
 */
import { Meilisearch, MeilisearchApiError, type Index } from 'meilisearch';
import {
  articleIndexName,
  articleIndexSettings,
  type ArticleDocument,
} from '../src/schema/article.ts';
import {
  F,
  PRIMARY_KEY,
  indexSettings,
  type ChunkDocument,
  type ChunkField,
} from '../src/schema/chunk.ts';
import { quote } from '../src/search/filters.ts';
import { ARTICLE_SOURCE_FIELDS, type ArticleIndexIo } from './article-index.ts';
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
/** Bytes of JSON per request at most: well under Meilisearch's default payload limit (100 MB). */
const BATCH_BYTES = 32 * 1024 * 1024;

/**
 * Consecutive batches of at most `maxCount` items and `maxBytes` bytes of JSON each (an item larger than
 * `maxBytes` goes alone): a long article's chunks carry the keys of every word form, so 2 000 of them can
 * pass the engine's payload limit.
 */
export function batchesOf<T>(
  items: T[],
  maxCount = BATCH_DOCUMENTS,
  maxBytes = BATCH_BYTES,
): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (batch.length && (batch.length === maxCount || bytes + size > maxBytes)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length) out.push(batch);
  return out;
}
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
  /** The article index that goes with it (src/schema/article.ts). */
  readonly articles: Index<ArticleDocument>;

  constructor(readonly target: SyncTarget) {
    this.client = new Meilisearch({ host: target.host, apiKey: target.apiKey });
    this.index = this.client.index<ChunkDocument>(target.index);
    this.articles = this.client.index<ArticleDocument>(articleIndexName(target.index));
  }

  async exists(index: Index = this.index as Index): Promise<boolean> {
    return index.getRawInfo().then(
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

  /** Create both indexes if needed (or anew with `reset`) and apply the settings the project relies on. */
  async prepare(reset: boolean): Promise<void> {
    await this.prepareIndex(this.index as Index, indexSettings, reset);
    await this.prepareIndex(this.articles as Index, articleIndexSettings, reset);
  }

  private async prepareIndex(index: Index, wanted: object, reset: boolean): Promise<void> {
    if (reset) {
      await withRetry('deleting the index', () =>
        this.client.deleteIndex(index.uid).waitTask(WAIT),
      );
    }
    if (!(await this.exists(index))) {
      const task = await withRetry('creating the index', () =>
        this.client.createIndex(index.uid, { primaryKey: PRIMARY_KEY }).waitTask(WAIT),
      );
      if (task.status === 'failed' && task.error?.code !== 'index_already_exists')
        throw new Error(`creating the index ${index.uid} failed: ${task.error?.message}`);
    }
    const settings = structuredClone(wanted) as Parameters<Index['updateSettings']>[0];
    const task = await withRetry('updating settings', () =>
      index.updateSettings(settings).waitTask(WAIT),
    );
    if (task.status === 'failed')
      throw new Error(`updating settings of ${index.uid} failed: ${task.error?.message}`);
  }

  /** Reading and writing the article index, for reconcileArticleIndex. */
  articleIo(): ArticleIndexIo {
    return {
      articles: () => this.readAll(this.articles as Index, ['id', F.articleId, F.contentHash]),
      paragraphsOf: async (articleIds) => {
        const out: ChunkDocument[] = [];
        for (let i = 0; i < articleIds.length; i += 100) {
          const ids = articleIds.slice(i, i + 100);
          out.push(
            ...(await this.readAll<ChunkDocument>(
              this.index as Index,
              ARTICLE_SOURCE_FIELDS,
              `${F.articleId} IN [${ids.map(quote).join(', ')}]`,
            )),
          );
        }
        return out;
      },
      write: (docs) => this.addDocuments(docs as never, undefined, this.articles as Index),
      remove: (ids) => this.deleteDocuments(ids, this.articles as Index),
    };
  }

  private async readAll<T>(index: Index, fields: string[], filter?: string): Promise<T[]> {
    const out: T[] = [];
    const limit = 5000;
    for (let offset = 0; ; offset += limit) {
      const page = await withRetry('reading the index', () =>
        index.getDocuments({ fields, offset, limit, ...(filter ? { filter } : {}) }),
      );
      out.push(...(page.results as T[]));
      if (page.results.length < limit) return out;
    }
  }

  /** What the index holds now, per article; nothing when there is no index yet (read only). */
  async existing(): Promise<Map<string, ExistingArticle>> {
    const out = new Map<string, ExistingArticle>();
    if (!(await this.exists())) return out;
    const fields = ['id', 'article_id', 'content_hash', 'origin', 'article_persons'];
    const docs = await this.readAll<
      Pick<ChunkDocument, 'id' | 'article_id' | 'content_hash' | 'origin' | 'article_persons'>
    >(this.index as Index, fields);
    for (const doc of docs) {
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
    return out;
  }

  /** Add or replace documents in batches; each task is awaited and must succeed. */
  async addDocuments(
    documents: ChunkDocument[],
    onBatch?: (count: number) => void,
    index: Index = this.index as Index,
  ): Promise<void> {
    for (const batch of batchesOf(documents)) {
      const task = await withRetry('adding documents', () =>
        index.addDocuments(batch, { primaryKey: PRIMARY_KEY }).waitTask(WAIT),
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
      'persons_latin',
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
    for (const batch of batchesOf(documents)) {
      const task = await withRetry('updating documents', () =>
        this.index.updateDocuments(batch, { primaryKey: PRIMARY_KEY }).waitTask(WAIT),
      );
      if (task.status !== 'succeeded')
        throw new Error(`updating documents failed: ${task.error?.message ?? task.status}`);
    }
  }

  async deleteDocuments(ids: string[], index: Index = this.index as Index): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH_DOCUMENTS) {
      const batch = ids.slice(i, i + BATCH_DOCUMENTS);
      const task = await withRetry('deleting documents', () =>
        index.deleteDocuments(batch).waitTask(WAIT),
      );
      if (task.status !== 'succeeded')
        throw new Error(`deleting documents failed: ${task.error?.message ?? task.status}`);
    }
  }
}
