/**
 * End to end: the real indexer put the sample content (the seed article and 31 synthetic ones, see
 * test/setup/sample.ts) into each engine over HTTP (test/setup/engine.ts); here the Worker runs inside
 * workerd and answers as a user would see it.
 */
import { describe, expect, it } from 'vitest';
import { type SearchResponse, searchParams } from '../../src/api/params.ts';
import { matchingParagraphs } from '../../src/search/service.ts';
import { inject } from 'vitest';
import { ENGINES, engineEnv, json as jsonOn, q } from './helpers.ts';
import {
  SAMPLE_ARTICLES,
  SAMPLE_PERSONS,
  SAMPLE_SEPTEMBER_2023,
  SAMPLE_YEARS,
} from '../setup/sample.ts';
import { SEED_PERSONS } from '../setup/seed.ts';

const byValue = (facet: Array<{ value: string; count: number }>) =>
  Object.fromEntries(facet.map((f) => [f.value, f.count]));

describe.each(ENGINES)('search through the Worker on $name', (engine) => {
  const json = <T = Record<string, unknown>>(path: string, env = engineEnv({}, engine)) =>
    jsonOn<T>(path, env);
  const search = (params: Record<string, string | string[]>) =>
    json<SearchResponse>(`/api/search?${q(params)}`);

  it('finds "войск" and marks the match in the snippet', async () => {
    const { status, body } = await search({ q: 'войск' });
    expect(status).toBe(200);
    expect(body.totalHits).toBeGreaterThan(0);
    expect(body.hits[0]?.snippet).toMatch(/<mark>войск[а-я]*<\/mark>/i);
  });

  it("facets exactly the sample's persons and years, in canonical form, counting articles", async () => {
    const { body } = await search({ q: '' });
    expect(body.totalHits).toBe(SAMPLE_ARTICLES);
    expect(byValue(body.facets.person)).toEqual(SAMPLE_PERSONS);
    expect(byValue(body.facets.year)).toEqual(SAMPLE_YEARS);
  });

  it('counts articles, not paragraphs, in the facets of a disjunctive choice', async () => {
    const { body } = await search({
      person: ['Нурсултан Назарбаев', 'Камчыбек Ташиев'],
      person_mode: 'any',
      year: '2022',
    });
    expect(body.totalHits).toBe(1);
    expect(body.facets.person.map((p) => p.count)).toEqual(SEED_PERSONS.map(() => 1));
    expect(body.facets.year).toEqual([{ value: '2022', count: 1, selected: true }]);
  });

  it('narrows to paragraphs that mention a person', async () => {
    const all = await search({ q: '', group: 'paragraph', per_page: '50' });
    const { body } = await search({ person: 'Нурсултан Назарбаев', group: 'paragraph' });
    expect(body.totalHits).toBeGreaterThan(0);
    expect(body.totalHits).toBeLessThan(all.body.totalHits);
    for (const hit of body.hits) expect(hit.persons).toContain('Нурсултан Назарбаев');
    expect(body.facets.person.find((p) => p.value === 'Нурсултан Назарбаев')?.selected).toBe(true);
  });

  it('finds a person by the name typed in Latin letters', async () => {
    for (const typed of ['Tashiev', 'tashiev ', 'Kamchybek Tashiev']) {
      const { body } = await search({ q: typed, group: 'paragraph', per_page: '50' });
      expect(body.totalHits, typed).toBeGreaterThan(0);
      for (const hit of body.hits) {
        expect(hit.persons).toContain('Камчыбек Ташиев');
        // The Cyrillic name is marked, in whatever case form the paragraph has it.
        expect(hit.snippet, typed).toMatch(/<mark>Ташиев[а-я]*<\/mark>/u);
      }
    }
  });

  it('filters by a surname alone, in any case form, as by the full name', async () => {
    const full = await search({ person: 'Камчыбек Ташиев', group: 'paragraph', per_page: '50' });
    expect(full.body.totalHits).toBeGreaterThan(0);
    for (const person of ['Ташиев', 'Ташиева', 'ташиеву']) {
      const { body } = await search({ person, group: 'paragraph', per_page: '50' });
      expect(body.hits.map((h) => h.id)).toEqual(full.body.hits.map((h) => h.id));
    }
    // Together with another chosen person, in both modes.
    const both = { person: ['Ташиева', 'Нурсултан Назарбаев'], group: 'paragraph' };
    expect((await search({ ...both, person_mode: 'all' })).body.totalHits).toBe(
      (await search({ ...both, person: ['Камчыбек Ташиев', 'Нурсултан Назарбаев'] })).body
        .totalHits,
    );
    expect((await search({ person: 'Неизвестнов' })).body.totalHits).toBe(0);
  });

  it('lists a surname chosen alone once in the person facet, as the full name, with its count', async () => {
    const cases = [
      { person: ['Ташиева'], person_mode: 'all' },
      { person: ['Ташиева', 'Нурсултан Назарбаев'], person_mode: 'any' },
      { person: ['Ташиева', 'Нурсултан Назарбаев'], person_mode: 'all' },
    ];
    for (const choice of cases)
      for (const group of ['article', 'paragraph']) {
        const full = choice.person.map((p) => (p === 'Ташиева' ? 'Камчыбек Ташиев' : p));
        const byName = await search({ ...choice, person: full, group });
        const { body } = await search({ ...choice, group });
        const label = `${choice.person_mode} ${choice.person.length} ${group}`;
        expect(body.totalHits, label).toBe(byName.body.totalHits);
        const entries = body.facets.person.filter((v) => /Ташиев/u.test(v.value));
        expect(entries, label).toEqual([
          {
            value: 'Ташиева',
            label: 'Камчыбек Ташиев',
            selected: true,
            count: byName.body.facets.person.find((v) => v.value === 'Камчыбек Ташиев')?.count,
          },
        ]);
        if (body.totalHits > 0) expect(entries[0]?.count, label).toBeGreaterThan(0);
        // Everyone else as when the full name is chosen.
        expect(body.facets.person.filter((v) => !/Ташиев/u.test(v.value))).toEqual(
          byName.body.facets.person.filter((v) => !/Ташиев/u.test(v.value)),
        );
      }
  });

  it('filters by year and by date range', async () => {
    expect((await search({ year: '2022' })).body.totalHits).toBe(1);
    expect((await search({ year: '2021' })).body.totalHits).toBe(0);
    expect((await search({ from: '2025-01' })).body.totalHits).toBe(0);
    expect((await search({ from: '2022-01', to: '2022-01' })).body.totalHits).toBe(1);
    expect((await search({ from: '2023-09', to: '2023-09' })).body.totalHits).toBe(
      SAMPLE_SEPTEMBER_2023,
    );
  });

  it('groups by article: one hit per article, its best paragraph', async () => {
    const { body } = await search({ q: 'Токаев' });
    expect(body.totalHits).toBe(1);
    expect(body.hits[0]?.snippet).toContain('<mark>Токаев</mark>');
  });

  it('matches Russian inflections: депутатами, отправка войска, Ташиеву', async () => {
    const deputies = await search({ q: 'депутатами', group: 'paragraph', per_page: '50' });
    expect(deputies.body.hits.some((h) => h.snippet.includes('<mark>депутатов</mark>'))).toBe(true);
    const troops = await search({ q: 'отправка войска', group: 'paragraph', per_page: '50' });
    expect(
      troops.body.hits.some((h) => /<mark>отправке<\/mark> <mark>войск<\/mark>/.test(h.snippet)),
    ).toBe(true);
    const tashiev = await search({ q: 'Ташиеву', group: 'paragraph', per_page: '50' });
    expect(tashiev.body.hits.some((h) => h.snippet.includes('<mark>Ташиев</mark>'))).toBe(true);
  });

  it('ranks the words as typed above their other forms, and pages the merged list', async () => {
    const forms = engineEnv({ MEILI_INDEX: inject('formsIndex') }, engine);
    const ids = async (params: Record<string, string>) =>
      (await json<SearchResponse>(`/api/search?${q(params)}`, forms)).body;
    // "Депутатов" in a title would outrank "депутатами" in a text if only stems were matched.
    const deputies = await ids({ q: 'депутатами' });
    expect(deputies.hits.map((h) => h.articleId)).toEqual(['exact-form', 'title-inflected']);
    expect(deputies.totalHits).toBe(2);
    const second = await ids({ q: 'депутатами', per_page: '1', page: '2' });
    expect(second.hits.map((h) => h.articleId)).toEqual(['title-inflected']);
    expect(second.totalPages).toBe(2);
    // "Ташиев" and "Ташкент" share a stem prefix; the name typed comes first.
    expect((await ids({ q: 'Ташиев' })).hits[0]?.articleId).toBe('tashiev');
    // Sorting by date is not overridden.
    expect((await ids({ q: 'депутатами', sort: 'newest' })).hits.map((h) => h.articleId)).toEqual([
      'title-inflected',
      'exact-form',
    ]);
  });

  it('finds typos when sorting by date too, the same hits and count, in date order', async () => {
    // «депутатво»: a typo of «депутатов» (and two edits from «депутаты», «депутата»); no key matches it.
    for (const group of ['paragraph', 'article']) {
      const relevance = await search({ q: 'депутатво', group, per_page: '50' });
      expect(relevance.body.totalHits, group).toBeGreaterThan(1);
      // Grouped by article, the paragraph shown may differ: the first in date order, or the best.
      const idOf = (h: SearchResponse['hits'][number]) =>
        group === 'article' ? h.articleId : h.id;
      const ids = relevance.body.hits.map(idOf).sort();
      for (const sort of ['newest', 'oldest'] as const) {
        const { body } = await search({ q: 'депутатво', group, per_page: '50', sort });
        expect(body.totalHits, `${group} ${sort}`).toBe(relevance.body.totalHits);
        expect(body.hits.map(idOf).sort()).toEqual(ids);
        const dates = body.hits.map((h) => h.date ?? '');
        const inOrder = [...dates].sort();
        expect(dates).toEqual(sort === 'oldest' ? inOrder : inOrder.reverse());
        expect(body.hits.some((h) => h.snippet.includes('<mark>депутатов</mark>'))).toBe(true);
        // Paged: the pages of two together are the first page of four.
        const page = (n: string) =>
          search({ q: 'депутатво', group, per_page: '2', page: n, sort }).then((r) =>
            r.body.hits.map((h) => h.id),
          );
        const four = await search({ q: 'депутатво', group, per_page: '4', sort });
        expect([...(await page('1')), ...(await page('2'))]).toEqual(
          four.body.hits.map((h) => h.id),
        );
      }
    }
  });

  it('lists under «Ещё из этой статьи» what the paragraph view of the article finds, typos and Latin names too', async () => {
    for (const typed of ['депутатво', 'Tashiev', 'депутатами', 'Ташиеву']) {
      const params = searchParams.parse({ q: typed, per_page: '50' });
      const { body } = await search({ q: typed, per_page: '50' });
      expect(body.hits.length, typed).toBeGreaterThan(0);
      const more = await matchingParagraphs(engineEnv({}, engine), params, body.hits);
      let listed = 0;
      for (const hit of body.hits) {
        const others = more.get(hit.articleId) ?? [];
        listed += others.length;
        const paragraphs = await search({
          q: typed,
          group: 'paragraph',
          article: hit.articleId,
          per_page: '50',
        });
        expect([hit.paragraph, ...others.map((p) => p.paragraph)].sort(), typed).toEqual(
          paragraphs.body.hits.map((h) => h.paragraph).sort(),
        );
        for (const other of others) expect(other.snippet, typed).toContain('<mark>');
      }
      expect(listed, typed).toBeGreaterThan(0);
    }
  });

  it('reassembles an article and suggests persons by prefix', async () => {
    const hit = (await search({ q: 'войск' })).body.hits[0];
    const article = await json<{
      paragraphs: Array<{ text: string; heading: string }>;
      persons: string[];
    }>(`/api/articles/${hit?.articleId}`);
    expect(article.status).toBe(200);
    expect(article.body.paragraphs.length).toBeGreaterThan(5);
    expect(
      article.body.paragraphs.some((p) => p.heading === 'Митинги в Казахстане и помощь ОДКБ'),
    ).toBe(true);
    expect(article.body.persons.sort()).toEqual([...SEED_PERSONS].sort());
    const persons = await json<{ persons: Array<{ value: string; count: number }> }>(
      `/api/persons?q=${encodeURIComponent('Таш')}`,
    );
    // Counted in articles, like the search facets: the seed mentions him in many paragraphs of one article.
    expect(persons.body.persons).toEqual([{ value: 'Камчыбек Ташиев', count: 1 }]);
    // Any case form and any part of the name; no typo matches ("Таш" is not "Талант").
    const suggest = async (typed: string) =>
      (
        await json<{ persons: Array<{ value: string }> }>(
          `/api/persons?q=${encodeURIComponent(typed)}`,
        )
      ).body.persons.map((p) => p.value);
    expect(await suggest('Ташиева')).toEqual(['Камчыбек Ташиев']);
    expect(await suggest('камчыбек')).toEqual(['Камчыбек Ташиев']);
    expect(await suggest('Токаева')).toEqual(['Касым-Жомарт Токаев']);
    expect(await suggest('Тал')).toEqual(['Талант Мамытов']);
    // Nothing typed: everyone, in canonical form.
    expect((await suggest('')).sort()).toEqual(Object.keys(SAMPLE_PERSONS).sort());
    expect((await json('/api/articles/no-such-article')).status).toBe(404);
  });

  it('reports health', async () => {
    const { status, body } = await json('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
  });
});
