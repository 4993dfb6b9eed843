/**
 * Dynamic search rules (Meilisearch 1.50, experimental `dynamicSearchRules`), on both engines: rules are
 * written through `dsrUpdate`/`dsrClear` tasks, listed by a search over their words, and pin documents at
 * positions of a search's results when their conditions hold: query words (exact), an empty query, the
 * search's filter; a pinned document must pass that filter, counts in totals and facets, and is pinned in
 * multi-search and federated search too.
 */
import type { Meilisearch, SearchRuleUpdatePayload } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startWithIndex, type Harness } from './harness.ts';

const documents = [
  { id: 1, title: 'alpha one', genre: 'a' },
  { id: 2, title: 'beta two', genre: 'b' },
  { id: 3, title: 'alpha three', genre: 'b' },
  { id: 4, title: 'gamma', genre: 'a' },
  { id: 5, title: 'delta', genre: 'c' },
];

describe.each(ENGINES)('on %s', (engine) => {
  let h: Harness;
  let client: Meilisearch;
  let uid: string;
  let featureWasOn = false;
  // Rules are instance-wide: these are named after this run's index and select only its documents.
  const rule = (name: string) => `${uid}-${name}`;
  const pin = (id: string, position: number) => ({
    selector: { indexUid: uid, id },
    action: { type: 'pin' as const, position },
  });

  beforeAll(async () => {
    const started = await startWithIndex(engine, 'dsr', documents, {
      filterableAttributes: ['genre'],
    });
    h = started;
    ({ client, uid } = started);
    featureWasOn = (await client.getExperimentalFeatures()).dynamicSearchRules === true;
    await client.updateExperimentalFeatures({ dynamicSearchRules: true });
    // The client's types do not know `conditions.filter` yet; the engines do.
    for (const [name, body] of [
      [
        'words',
        {
          description: 'four first for alpha',
          conditions: { query: { words: 'alpha' } },
          actions: [pin('4', 0)],
        },
      ],
      [
        'genre',
        {
          precedence: 1,
          conditions: { filter: { values: { genre: 'c' } } },
          actions: [pin('5', 5), pin('2', 1)],
        },
      ],
      ['empty', { conditions: { query: { isEmpty: true } }, actions: [pin('3', 2)] }],
    ] satisfies Array<[string, Record<string, unknown>]>)
      await client.updateDynamicSearchRule(rule(name), body as SearchRuleUpdatePayload).waitTask();
  }, 60_000);
  afterAll(async () => {
    for (const name of ['words', 'genre', 'empty', 'off'])
      await client.deleteDynamicSearchRule(rule(name)).waitTask();
    await client.updateExperimentalFeatures({ dynamicSearchRules: featureWasOn });
    await h.close();
  });

  const ids = async (q: string, options: Record<string, unknown> = {}) =>
    (await client.index(uid).search(q, { attributesToRetrieve: ['id'], ...options })).hits.map(
      (hit) => hit.id as number,
    );

  it('writes rules through tasks and reads them back, partial updates keeping the rest', async () => {
    const task = await client
      .updateDynamicSearchRule(rule('off'), { active: false, actions: [pin('5', 0)] })
      .waitTask();
    expect(task).toMatchObject({
      type: 'dsrUpdate',
      status: 'succeeded',
      indexUid: '.meili_dsr',
      details: { rule: { active: false, actions: [pin('5', 0)] }, updatedRules: 1 },
    });
    await client.updateDynamicSearchRule(rule('off'), { description: 'switched off' }).waitTask();
    const stored = await client.getDynamicSearchRule(rule('off'));
    expect(stored).toMatchObject({
      uid: rule('off'),
      description: 'switched off',
      active: false,
      conditions: {},
      actions: [pin('5', 0)],
    });
    expect(stored.lastUpdatedAt).toEqual(expect.any(String));
    // An inactive rule pins nothing: the placeholder search starts with the first document, not 5.
    expect(await ids('', { limit: 3 })).toEqual([1, 2, 3]);
  });

  it('lists rules by their words and by activity, newest update first', async () => {
    const found = await client.getDynamicSearchRules({ filter: { query: 'alpha' } });
    expect(found.results.map((r) => r.uid)).toContain(rule('words'));
    expect(found.results.map((r) => r.uid)).not.toContain(rule('genre'));
    const inactive = await client.getDynamicSearchRules({ filter: { active: false } });
    expect(inactive.results.map((r) => r.uid)).toContain(rule('off'));
    expect(inactive.results.map((r) => r.uid)).not.toContain(rule('words'));
    const mine = (await client.getDynamicSearchRules({ limit: 100 })).results
      .map((r) => r.uid)
      .filter((u) => u.startsWith(`${uid}-`));
    // `off` was updated last, `empty` created after `genre` and `words`.
    expect(mine.slice(0, 4)).toEqual([rule('off'), rule('empty'), rule('genre'), rule('words')]);
  });

  it('refuses a bad rule, and answers 404 for a missing one', async () => {
    await expect(
      client.updateDynamicSearchRule(rule('bad'), {
        conditions: { query: { isEmpty: true, words: 'x' } },
      }),
    ).rejects.toMatchObject({ cause: { code: 'bad_request' } });
    await expect(
      client.updateDynamicSearchRule(rule('bad'), { precedence: -1 }),
    ).rejects.toMatchObject({ cause: { code: 'invalid_dynamic_search_rule_priority' } });
    await expect(client.getDynamicSearchRule(rule('missing'))).rejects.toMatchObject({
      cause: { code: 'dynamic_search_rule_not_found' },
    });
  });

  it('pins at the position when every word of the rule is in the query, exact words only', async () => {
    const result = await client.index(uid).search('alpha', {
      showRankingScore: true,
      showRankingScoreDetails: true,
      facets: ['genre'],
    });
    expect(result.hits.map((hit) => hit.id)).toEqual([4, 1, 3]);
    expect(result.hits[0]).toMatchObject({
      _rankingScore: 1,
      _rankingScoreDetails: { pin: { order: 0, position: 0 } },
    });
    // The pinned document counts in the total and the facets.
    expect(result.estimatedTotalHits).toBe(3);
    expect(result.facetDistribution).toEqual({ genre: { a: 2, b: 1 } });
    // A prefix of the rule's word is not the word.
    expect(await ids('alph')).toEqual([1, 3]);
  });

  it("pins only documents that pass the search's filter; a rule's filter values must be in it", async () => {
    // Document 4 (genre a) is not pinned under `genre = b`.
    expect(await ids('alpha', { filter: 'genre = b' })).toEqual([3]);
    // `genre = c` in the filter turns the genre rule on; its pin of 2 (genre b) fails the filter.
    expect(await ids('alpha', { filter: 'genre = c OR genre = a', facets: ['genre'] })).toEqual([
      4, 1, 5,
    ]);
    // Pins come in position order; with too few organic hits they follow one another.
    expect(await ids('alpha', { filter: 'genre != a' })).toEqual([3, 2, 5]);
    expect(await ids('', { filter: 'genre IN [c, b]' })).toEqual([2, 3, 5]);
  });

  it('keeps positions across pages and in page mode', async () => {
    expect(await ids('alpha beta', { offset: 1, limit: 1 })).toEqual([1]);
    const page = await client.index(uid).search('alpha', { hitsPerPage: 2, page: 2 });
    expect(page.hits.map((hit) => hit.id)).toEqual([3]);
    expect(page.totalHits).toBe(3);
  });

  it('pins in multi-search and federated search', async () => {
    const multi = await client.multiSearch({ queries: [{ indexUid: uid, q: 'alpha', limit: 2 }] });
    expect(multi.results[0]?.hits.map((hit) => hit.id)).toEqual([4, 1]);
    const federated = await client.multiSearch({
      federation: {},
      queries: [
        { indexUid: uid, q: 'alpha' },
        { indexUid: uid, q: 'beta' },
      ],
    });
    expect(federated.hits.map((hit) => hit.id)).toEqual([4, 1, 3, 2]);
    expect(federated.hits[0]?._federation).toMatchObject({ weightedRankingScore: 1 });
  });
});
