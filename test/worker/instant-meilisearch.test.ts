/**
 * InstantSearch's own client for Meilisearch, @meilisearch/instant-meilisearch, pointed at the Worker's
 * /multi-search (inside workerd, on each engine, over the sample content): what a page built with
 * InstantSearch gets, with the Worker's Russian matching.
 */
import { instantMeiliSearch } from '@meilisearch/instant-meilisearch';
import { describe, expect, it } from 'vitest';
import { call, ENGINES, engineEnv } from './helpers.ts';

type Hit = { id: string; text: string };

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
  const search = async (query: string) => {
    const { results } = await searchClient.search<Hit>([
      { indexName: 'articles', params: { query, hitsPerPage: 20, facets: ['persons'] } },
    ]);
    const [result] = results as Array<{ hits: Hit[]; nbHits: number }>;
    return result as { hits: Hit[]; nbHits: number };
  };
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
});
