/**
 * User-provided embeddings on both engines: `_vectors` kept apart from the fields, semantic and hybrid
 * search, similar documents, and the errors for wrong dimensions and unknown embedders.
 */
import type { MeilisearchApiError, Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { similarity } from '../../../meili-local/vectors.ts';
import { ENGINES, startWithIndex, type Harness } from './harness.ts';

const docs = [
  { id: 'north', text: 'Снег в горах', _vectors: { manual: [1, 0, 0] } },
  { id: 'northeast', text: 'Снег и ветер', _vectors: { manual: [1, 1, 0] } },
  { id: 'east', text: 'Ветер с моря', _vectors: { manual: [0, 1, 0] } },
  {
    id: 'south',
    text: 'Жара у моря',
    _vectors: { manual: { embeddings: [[-1, 0, 0]], regenerate: false } },
  },
  { id: 'none', text: 'Снег без вектора', _vectors: { manual: null } },
];

describe('similarity', () => {
  it('is 1 - (1 - cos) / 2, as the vector store scores', () => {
    expect(similarity([1, 0], [1, 0])).toBeCloseTo(1);
    expect(similarity([1, 0], [0, 1])).toBeCloseTo(0.5);
    expect(similarity([1, 0], [-1, 0])).toBeCloseTo(0);
  });
});

describe.each(ENGINES)('on %s', (engine) => {
  let h: Harness;
  let client: Meilisearch;
  let uid: string;

  beforeAll(async () => {
    const started = await startWithIndex(engine, 'vectors', docs, {
      embedders: { manual: { source: 'userProvided', dimensions: 3 } },
    });
    h = started;
    ({ client, uid } = started);
  }, 60_000);
  afterAll(async () => {
    await client?.deleteIndex(uid).waitTask();
    await h?.close();
  });

  it('keeps _vectors out of the fields, and gives them back with retrieveVectors', async () => {
    const plain = await client.index(uid).getDocument('north');
    expect(plain).toEqual({ id: 'north', text: 'Снег в горах' });
    const withVectors = await client.index(uid).getDocuments({ retrieveVectors: true, limit: 1 });
    expect(withVectors.results[0]?._vectors).toEqual({
      manual: { embeddings: [[1, 0, 0]], regenerate: false },
    });
  });

  it('ranks by similarity in a semantic search, documents without a vector last', async () => {
    const result = await client.index(uid).search('', {
      vector: [1, 0.1, 0],
      hybrid: { embedder: 'manual', semanticRatio: 1 },
      showRankingScore: true,
    });
    expect(result.hits.map((hit) => hit.id)).toEqual([
      'north',
      'northeast',
      'east',
      'south',
      'none',
    ]);
    expect((result as { semanticHitCount?: number }).semanticHitCount).toBe(5);
    expect(result.estimatedTotalHits).toBe(5);
    expect(result.hits[0]?._rankingScore).toBeCloseTo(similarity([1, 0.1, 0], [1, 0, 0]), 5);
  });

  it('merges keyword and vector hits in a hybrid search', async () => {
    const result = await client.index(uid).search('ветер', {
      vector: [-1, 0, 0],
      hybrid: { embedder: 'manual', semanticRatio: 0.5 },
      limit: 3,
    });
    const ids = result.hits.map((hit) => hit.id);
    expect(ids[0]).toBe('south');
    expect(ids).toEqual(expect.arrayContaining(['northeast', 'east']));
    expect((result as { semanticHitCount?: number }).semanticHitCount).toBeGreaterThan(0);
  });

  it('finds similar documents by a document’s embedding, never the document itself', async () => {
    const result = await client
      .index(uid)
      .searchSimilarDocuments({ id: 'north', embedder: 'manual' });
    expect(result.hits.map((hit) => hit.id)).toEqual(['northeast', 'east', 'south']);
    expect(result.estimatedTotalHits).toBe(4);
    expect(result).toMatchObject({ id: 'north', offset: 0, limit: 20 });
  });

  it('refuses a vector of the wrong length and an unknown embedder', async () => {
    const wrongLength = await client
      .index(uid)
      .search('', { vector: [1], hybrid: { embedder: 'manual', semanticRatio: 1 } })
      .catch((e: MeilisearchApiError) => e);
    expect((wrongLength as MeilisearchApiError).cause?.code).toBe('invalid_vector_dimensions');
    const unknown = await client
      .index(uid)
      .search('', { vector: [1, 0, 0], hybrid: { embedder: 'nope', semanticRatio: 1 } })
      .catch((e: MeilisearchApiError) => e);
    expect((unknown as MeilisearchApiError).cause?.code).toBe('invalid_search_embedder');
    const task = await client
      .index(uid)
      .addDocuments([{ id: 'bad', _vectors: { manual: [1, 2] } }])
      .waitTask();
    expect(task.error?.code).toBe('invalid_vector_dimensions');
    const missing = await client
      .index(uid)
      .addDocuments([{ id: 'bad' }])
      .waitTask();
    expect(missing.error?.code).toBe('vector_embedding_error');
    expect((await client.index(uid).getStats()).numberOfDocuments).toBe(docs.length);
  });
});
