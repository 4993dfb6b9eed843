/**
 * Ranking, scores, cropping, distinct and tie order as the real Meilisearch does them, on both engines.
 * The expected values were read from Meilisearch 1.50 (and follow milli's ranking rules and score details).
 */
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startWithIndex, type Harness } from './harness.ts';

const articles = [
  {
    id: 1,
    title: 'Депутаты парламента',
    body: 'Депутаты парламента собрались на срочное заседание, чтобы решить вопрос по отправке войск.',
  },
  {
    id: 2,
    title: 'Заседание',
    body: 'Так, на заседании депутат Дастан Бекешев сказал, что понял бы отправку войск, если бы Казахстану угрожало что-то извне.',
  },
  {
    id: 3,
    title: 'Вопросы',
    body: 'Вопросы задавали депутаты, которые выступали против отправки войск. Так, на заседании депутат Дастан Бекешев сказал, что понял бы отправку войск, если бы Казахстану угрожало что-то извне.',
  },
  { id: 4, title: 'Парламент', body: 'парламент' },
  // Each query word at its place, but in different attributes; then both in one attribute, not at its start.
  { id: 5, title: 'Министр', body: 'пришёл финансов' },
  { id: 6, title: 'Министр', body: 'я финансов министр' },
];

type Details = Record<string, Record<string, unknown>>;

describe.each(ENGINES)('on %s', (engine) => {
  let h: Harness;
  let client: Meilisearch;
  let uid: string;
  beforeAll(async () => {
    const started = await startWithIndex(engine, 'ranking', articles);
    h = started;
    ({ client, uid } = started);
  });
  afterAll(async () => h.close());

  const details = async (q: string, options: Record<string, unknown> = {}) =>
    (
      await client.index(uid).search(q, {
        showRankingScore: true,
        showRankingScoreDetails: true,
        attributesToRetrieve: ['id'],
        ...options,
      })
    ).hits.map((hit) => ({
      id: hit.id as number,
      score: hit._rankingScore as number,
      details: hit._rankingScoreDetails as unknown as Details,
    }));

  it('scores word position by bucketed distance, hard separators counting 8 positions', async () => {
    const hits = await details('угрожало');
    expect(hits.map((hit) => hit.id)).toEqual([2, 3]);
    // In 2 the word is at position 15 + 3 hard separators * 7 = 36, in 3 at 20 + 5 * 7 = 55: both in the
    // bucket of 64 (cost 7 of 10), so they tie and come in internal id order.
    expect(hits[0]?.details.wordPosition?.score).toBeCloseTo(4 / 11, 12);
    expect(hits[1]?.details.wordPosition?.score).toBeCloseTo(4 / 11, 12);
    expect(hits[0]?.details.typo).toEqual({ order: 1, typoCount: 0, maxTypoCount: 1, score: 1 });
    // All attributes weigh the same while searchableAttributes is `*`.
    expect(hits[0]?.details.attributeRank?.score).toBe(1);
    expect(hits[0]?.details.exactness).toEqual({
      order: 5,
      matchType: 'noExactMatch',
      matchingWords: 1,
      maxMatchingWords: 1,
      score: 1 / 3,
    });
    // Ranks merged in rule order: words 1/1, typo 2/2, proximity 1/1, attributeRank 1/1, wordPosition 4/11, exactness 1/3 and 2/2.
    expect(hits[0]?.score).toBeCloseTo(86 / 132, 12);
  });

  it('ranks an attribute that is exactly the query first, then one starting with it', async () => {
    const hits = await details('парламент');
    expect(hits[0]?.id).toBe(4);
    expect(hits[0]?.details.exactness?.matchType).toBe('exactMatch');
    const one = await details('депутаты парламента');
    expect(one[0]?.id).toBe(1);
    expect(one[0]?.details.exactness?.matchType).toBe('exactMatch');
    expect(one[0]?.details.proximity?.score).toBe(1);
  });

  it('takes matchesStart from the words at their places anywhere and one attribute holding them all', async () => {
    // As milli's exact_attribute.rs: each word at its query position in some attribute (word_position_docids),
    // and all of them in one attribute (word_fid_docids), there not necessarily at its start.
    const hits = await details('министр финансов');
    const matchType = (id: number) =>
      hits.find((hit) => hit.id === id)?.details.exactness?.matchType;
    expect(matchType(5)).toBe('noExactMatch');
    expect(matchType(6)).toBe('matchesStart');
  });

  it('counts the split level of short words and the n-grams of `all` in maxTypoCount', async () => {
    expect((await details('на так'))[0]?.details.typo?.maxTypoCount).toBe(2);
    expect(
      (await details('на так', { matchingStrategy: 'all' }))[0]?.details.typo?.maxTypoCount,
    ).toBe(3);
    // Without the words rule (`all`) there is no `words` detail at all.
    expect(
      (await details('на так', { matchingStrategy: 'all' }))[0]?.details.words,
    ).toBeUndefined();
  });

  it('drops the most frequent words first with `frequency`, and any of them', async () => {
    // `войск` is in 1, 2, 3; `угрожало` in 2, 3; `срочное` in 1 only: `войск` ranks first for removal, then
    // `угрожало`, and `срочное` stays. Removing `угрожало` alone is allowed (no rarer word after it goes).
    const frequency = await details('войск угрожало срочное', { matchingStrategy: 'frequency' });
    expect(frequency.map((hit) => [hit.id, hit.details.words?.matchingWords])).toEqual([[1, 2]]);
    const last = await details('войск угрожало срочное');
    expect(last.map((hit) => [hit.id, hit.details.words?.matchingWords])).toEqual([
      [3, 2],
      [2, 2],
      [1, 1],
    ]);
  });

  it('crops around the best window of matches and highlights inside it', async () => {
    const { hits } = await client.index(uid).search('бекешев извне', {
      attributesToCrop: ['body'],
      cropLength: 6,
      attributesToHighlight: ['body'],
      attributesToRetrieve: ['id'],
      filter: undefined,
    });
    const byId = Object.fromEntries(
      hits.map((hit) => [hit.id, (hit._formatted as { body: string }).body]),
    );
    // One match: the window grows on both sides a word at a time, the left side first, and stops before `,`.
    expect(byId[2]).toBe('…на заседании депутат Дастан <em>Бекешев</em> сказал…');
    const crop = {
      attributesToCrop: ['body:4'],
      cropMarker: '[…]',
      highlightPreTag: '[',
      highlightPostTag: ']',
      attributesToRetrieve: ['id'],
    };
    const cropped = await client.index(uid).search('бекеш', crop);
    expect(
      (cropped.hits.find((hit) => hit.id === 2)?._formatted as { body: string } | undefined)?.body,
    ).toBe('[…]депутат Дастан Бекешев сказал[…]');
    const highlighted = await client
      .index(uid)
      .search('бекеш', { ...crop, attributesToHighlight: ['body'] });
    expect(
      (highlighted.hits.find((hit) => hit.id === 2)?._formatted as { body: string } | undefined)
        ?.body,
    ).toBe('[…]депутат Дастан [Бекеш]ев сказал[…]');
  });
});

describe.each(ENGINES)('distinct and tie order on %s', (engine) => {
  let h: Harness;
  let client: Meilisearch;
  let uid: string;
  const docs = Array.from({ length: 40 }, (_, k) => ({
    id: k + 1,
    title: `новость ${(k + 1) % 3 === 0 ? 'выборы' : 'спорт'}`,
    article: `a${(k + 1) % 7}`,
    cat: ['x', 'y', 'z'][(k + 1) % 3],
  }));
  beforeAll(async () => {
    const started = await startWithIndex(engine, 'distinct', docs, {
      filterableAttributes: ['article', 'cat'],
      distinctAttribute: 'article',
    });
    h = started;
    ({ client, uid } = started);
  });
  afterAll(async () => h.close());

  it('deduplicates everything for totals and facets with page/hitsPerPage', async () => {
    const result = await client
      .index(uid)
      .search('', { facets: ['cat'], hitsPerPage: 3, attributesToRetrieve: ['id'] });
    expect(result.totalHits).toBe(7);
    expect(result.facetDistribution).toEqual({ cat: { x: 2, y: 3, z: 2 } });
  });

  it('deduplicates only what the page reached with offset/limit', async () => {
    // Five documents taken (1..5): the other documents of their five articles leave; the rest are counted.
    const result = await client
      .index(uid)
      .search('', { facets: ['cat'], offset: 2, limit: 3, attributesToRetrieve: ['id'] });
    expect(result.hits.map((hit) => hit.id)).toEqual([3, 4, 5]);
    expect(result.estimatedTotalHits).toBe(15);
    expect(result.facetDistribution).toEqual({ cat: { x: 4, y: 6, z: 5 } });
  });

  it('orders ties by internal id: replaced documents keep theirs, new ones take freed ones', async () => {
    const index = client.index(uid);
    await index.updateSettings({ distinctAttribute: null }).waitTask();
    await index
      .addDocuments([{ id: 5, title: 'новость обновлена', article: 'a5', cat: 'x' }])
      .waitTask();
    await index.deleteDocuments([2, 3]).waitTask();
    await index
      .addDocuments([
        { id: 100, title: 'новость сто', article: 'b1', cat: 'y' },
        { id: 101, title: 'новость сто один', article: 'b2', cat: 'y' },
      ])
      .waitTask();
    const ids = (await index.search('', { limit: 6, attributesToRetrieve: ['id'] })).hits.map(
      (hit) => hit.id,
    );
    expect(ids).toEqual([1, 100, 101, 4, 5, 6]);
  });
});
