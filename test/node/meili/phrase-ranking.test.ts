/**
 * Phrases ranked as query terms, and the order Meilisearch runs the ranking rules in, on both engines.
 * The expected values were read from Meilisearch 1.50 (milli: search/new/mod.rs,
 * graph_based_ranking_rule.rs, resolve_query_graph.rs, exact_attribute.rs).
 */
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRules } from '../../../meili-local/ranking.ts';
import { ENGINES, startWithIndex, type Harness } from './harness.ts';

// Inserted so that insertion order is the opposite of the ranking: a search that did not rank the phrase
// would answer 1, 2, 3.
const articles = [
  { id: 1, title: 'Другое', body: 'много слов перед тем как синяя машина' },
  { id: 2, title: 'Другое', body: 'синяя машина едет' },
  { id: 3, title: 'синяя машина', body: 'тихо' },
  // Only the first word of the query, exactly; and both words, the second with one typo.
  { id: 4, title: 'Прочее', body: 'зелёный дом' },
  { id: 5, title: 'Прочее', body: 'зелёный автобас' },
];

type Details = Record<string, Record<string, unknown>>;

describe('queryRules', () => {
  it('puts words before the first rule that needs it, and runs each rule once', () => {
    expect(queryRules(['exactness', 'words', 'proximity'])).toEqual([
      'words',
      'exactness',
      'proximity',
    ]);
    expect(queryRules(['typo', 'words'])).toEqual(['words', 'typo']);
    expect(queryRules(['sort', 'date:desc', 'typo'])).toEqual([
      'sort',
      'date:desc',
      'words',
      'typo',
    ]);
    expect(queryRules(['attributeRank', 'attribute', 'wordPosition', 'typo', 'typo'])).toEqual([
      'words',
      'attributeRank',
      'wordPosition',
      'typo',
    ]);
  });
});

describe.each(ENGINES)('phrases and rule order on %s', (engine) => {
  let h: Harness;
  let client: Meilisearch;
  let uid: string;
  beforeAll(async () => {
    const started = await startWithIndex(engine, 'phrase_ranking', articles, {
      searchableAttributes: ['title', 'body'],
    });
    h = started;
    ({ client, uid } = started);
  });
  afterAll(async () => h.close());

  const details = async (q: string) =>
    (
      await client.index(uid).search(q, {
        showRankingScoreDetails: true,
        attributesToRetrieve: ['id'],
      })
    ).hits.map((hit) => ({
      id: hit.id as number,
      details: hit._rankingScoreDetails as unknown as Details,
    }));

  it('ranks a query that is only a phrase by its attribute, then where its first word is', async () => {
    const hits = await details('"синяя машина"');
    expect(hits.map((hit) => hit.id)).toEqual([3, 2, 1]);
    const first = hits[0]?.details as Details;
    // A phrase counts its words for the words rule, has no typo, and no pair for proximity.
    expect(first.words).toEqual({ order: 0, matchingWords: 2, maxMatchingWords: 2, score: 1 });
    expect(first.typo).toEqual({ order: 1, typoCount: 0, maxTypoCount: 0, score: 1 });
    expect(first.proximity?.score).toBe(1);
    // The title is exactly the phrase; the body of 2 starts with it.
    expect(first.exactness?.matchType).toBe('exactMatch');
    expect(hits[1]?.details.exactness?.matchType).toBe('matchesStart');
    expect(hits[2]?.details.exactness?.matchType).toBe('noExactMatch');
    // One term: word position costs at most 10; 1's phrase starts at position 5 (cost 3).
    expect(hits[2]?.details.wordPosition?.score).toBeCloseTo(8 / 11, 12);
  });

  it('keeps the phrase and drops the words beside it, counting the phrase words', async () => {
    const hits = await details('едет "синяя машина"');
    expect(hits.map((hit) => hit.id)).toEqual([2, 3, 1]);
    expect(hits[0]?.details.words).toEqual({
      order: 0,
      matchingWords: 3,
      maxMatchingWords: 3,
      score: 1,
    });
    expect(hits[1]?.details.words).toMatchObject({ matchingWords: 2, maxMatchingWords: 3 });
  });

  it('ranks by words before typo when typo is listed first', async () => {
    await client
      .index(uid)
      .updateSettings({ rankingRules: ['typo', 'words'] })
      .waitTask();
    try {
      const hits = await details('зелёный автобус');
      // Typo first would put 4 (one word, no typo) before 5 (two words, one typo).
      expect(hits.map((hit) => hit.id)).toEqual([5, 4]);
      expect(Object.keys(hits[0]?.details ?? {})).toEqual(['words', 'typo']);
      expect(hits[0]?.details.words?.order).toBe(0);
    } finally {
      await client.index(uid).resetRankingRules().waitTask();
    }
  });
});
