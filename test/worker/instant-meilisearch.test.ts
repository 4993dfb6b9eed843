/**
 * InstantSearch's own client for Meilisearch, @meilisearch/instant-meilisearch, pointed at the Worker's
 * /multi-search (inside workerd, on each engine, over the sample content): what a page built with
 * InstantSearch gets, with the Worker's Russian matching.
 */
import { instantMeiliSearch } from '@meilisearch/instant-meilisearch';
import { describe, expect, it } from 'vitest';
import { call, ENGINES, engineEnv } from './helpers.ts';

type Hit = {
  id: string;
  text: string;
  _highlightResult?: Record<string, { value: string } | Array<{ value: string }>>;
  _snippetResult?: Record<string, { value: string }>;
};
type Result = { hits: Hit[]; nbHits: number; query: string };

describe.each(ENGINES)('InstantSearch through the Worker on $name', (engine) => {
  const { searchClient } = instantMeiliSearch('http://worker.test', '', {
    // The client's requests go to the Worker in this isolate instead of the network.
    httpClient: async (url, init) => {
      const response = await call(new URL(String(url)).pathname, engineEnv({}, engine), init);
      const body = await response.json();
      if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
      return body;
    },
  });
  const search = async (query: string, params: Record<string, unknown> = {}) => {
    const { results } = await searchClient.search<Hit>([
      { indexName: 'articles', params: { query, hitsPerPage: 20, facets: ['persons'], ...params } },
    ]);
    const [result] = results as unknown as Result[];
    return result as Result;
  };
  const highlighted = (hit: Hit, field = 'text') => {
    const value = hit._highlightResult?.[field];
    return Array.isArray(value) ? value.map((v) => v.value).join(' | ') : (value?.value ?? '');
  };
  const MARK = /__ais-highlight__(.+?)__\/ais-highlight__/gu;
  const marked = (text: string) => [...text.matchAll(MARK)].map((m) => m[1]?.toLowerCase());
  const words = (hits: Hit[]) =>
    new Set(hits.flatMap((h) => h.text.toLowerCase().split(/[^а-яё]+/u)));

  it('finds other forms of the words typed, which Meilisearch alone does not', async () => {
    // The sample has «депутаты», «депутатов», «депутата»: all two or more edits from what is typed.
    const { hits } = await search('депутатами');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.text.toLowerCase()).toContain('депутат');
    expect(words(hits)).toContain('депутатов');
    // Neither word is in the sample in these forms.
    const troops = await search('отправкой войсками');
    expect(troops.hits.some((h) => /отправке войск/u.test(h.text))).toBe(true);
  });

  it('finds the word being typed by its start, and nothing for words that only share letters', async () => {
    const typing = await search('депута');
    expect(typing.hits.length).toBeGreaterThan(0);
    for (const hit of typing.hits) expect(hit.text.toLowerCase()).toContain('депутат');
    expect((await search('пародия')).hits).toEqual([]);
  });

  it('finds typos as /api/search does, exact forms first, and pages the merged list', async () => {
    // «депутатво»: no key matches it; a typo of «депутатов».
    const typo = await search('депутатво');
    expect(typo.hits.length).toBeGreaterThan(1);
    expect(typo.query).toBe('депутатво');
    expect(typo.hits.some((h) => marked(highlighted(h)).includes('депутатов'))).toBe(true);
    const api = await call(
      `/api/search?q=${encodeURIComponent('депутатво')}&group=paragraph&per_page=50`,
      engineEnv({}, engine),
    );
    const { totalHits } = (await api.json()) as { totalHits: number };
    expect(typo.nbHits).toBe(totalHits);
    const pageOf = async (page: number, hitsPerPage: number) =>
      (await search('депутатво', { page, hitsPerPage })).hits.map((h) => h.id);
    expect([...(await pageOf(0, 2)), ...(await pageOf(1, 2))]).toEqual(await pageOf(0, 4));
    // Sorted by date: the same hits, in date order.
    const { results } = await searchClient.search<Hit>([
      { indexName: 'articles:date_ts:desc', params: { query: 'депутатво', hitsPerPage: 40 } },
    ]);
    const sorted = (results[0] as unknown as { hits: Array<Hit & { date_ts: number }> }).hits;
    expect(sorted.map((h) => h.id).sort()).toEqual(
      (await search('депутатво', { hitsPerPage: 40 })).hits.map((h) => h.id).sort(),
    );
    const dates = sorted.map((h) => h.date_ts);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('highlights every matched form, typos and names typed in Latin letters, and crops around them', async () => {
    const forms = await search('депутатами');
    const words = new Set(forms.hits.flatMap((h) => marked(highlighted(h))));
    expect(words).toContain('депутатов');
    for (const word of words) expect(word).toMatch(/^депутат/u);
    const latin = await search('Tashiev');
    expect(latin.hits.length).toBeGreaterThan(0);
    for (const hit of latin.hits) {
      expect(marked(highlighted(hit)).some((w) => w?.startsWith('ташиев'))).toBe(true);
      expect(highlighted(hit, 'persons')).toContain('__ais-highlight__Ташиев__/ais-highlight__');
    }
    const cropped = await search('отправкой войсками', { attributesToSnippet: ['text:6'] });
    const snippet = cropped.hits
      .map((h) => h._snippetResult?.text?.value ?? '')
      .find((v) => /отправке/u.test(v));
    expect(snippet).toContain(
      '__ais-highlight__отправке__/ais-highlight__ __ais-highlight__войск__/ais-highlight__',
    );
    expect(snippet?.split(/\s+/u).length).toBeLessThanOrEqual(8);
    // Nothing internal reaches the client.
    for (const hit of [...forms.hits, ...latin.hits, ...cropped.hits])
      for (const key of [...Object.keys(hit), ...Object.keys(hit._highlightResult ?? {})])
        expect([
          'text_stem',
          'text_forms',
          'persons_latin',
          'person_names',
          'origin',
          'content_hash',
        ]).not.toContain(key);
  });
});
