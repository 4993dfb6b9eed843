/** Pure query building: filters, escaping, disjunctive facets, stemming of the query, snippets. */
import { describe, expect, it } from 'vitest';
import { searchParams } from '../../src/api/params.ts';
import { buildFilter, periodBounds, quote } from '../../src/search/filters.ts';
import { personNameKeys } from '../../src/schema/chunk.ts';
import {
  buildSearches,
  exactFirst,
  exactQuery,
  parseQuery,
  personLookup,
  stemQuery,
  withMorphology,
} from '../../src/search/query.ts';
import { stemWord, wordKey } from '../../src/text/stem.ts';
import { markSnippet, withLatinNames } from '../../src/search/snippet.ts';

const params = (input: Record<string, unknown>) => searchParams.parse(input);

describe('filters', () => {
  it('quotes and escapes string values', () => {
    expect(quote('Ташиев')).toBe('"Ташиев"');
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('ANDs persons in `all` mode and uses IN for `any`', () => {
    const base = { personField: 'article_persons', years: [] };
    expect(buildFilter({ ...base, persons: ['A', 'B'], personMode: 'all' })).toEqual([
      'article_persons = "A"',
      'article_persons = "B"',
    ]);
    expect(buildFilter({ ...base, persons: ['A', 'B'], personMode: 'any' })).toEqual([
      'article_persons IN ["A", "B"]',
    ]);
    expect(buildFilter({ ...base, persons: ['A'], personMode: 'any' }, 'person')).toEqual([]);
  });

  it('takes a chosen person for every name it stands for (a surname alone)', () => {
    const base = { personField: 'persons', years: [], personNames: { Б: ['Б', 'В Б', 'Г Б'] } };
    expect(buildFilter({ ...base, persons: ['A', 'Б'], personMode: 'all' })).toEqual([
      'persons = "A"',
      'persons IN ["Б", "В Б", "Г Б"]',
    ]);
    expect(buildFilter({ ...base, persons: ['A', 'Б'], personMode: 'any' })).toEqual([
      'persons IN ["A", "Б", "В Б", "Г Б"]',
    ]);
  });

  it('turns date ranges into unix-second bounds at the precision given', () => {
    expect(periodBounds('2022')).toEqual({
      start: Date.UTC(2022, 0, 1) / 1000,
      end: Date.UTC(2023, 0, 1) / 1000,
    });
    expect(periodBounds('2022-12')).toEqual({
      start: Date.UTC(2022, 11, 1) / 1000,
      end: Date.UTC(2023, 0, 1) / 1000,
    });
    expect(periodBounds('2022-01-31')).toEqual({
      start: Date.UTC(2022, 0, 31) / 1000,
      end: Date.UTC(2022, 1, 1) / 1000,
    });
    expect(
      buildFilter({
        persons: [],
        personMode: 'all',
        personField: 'persons',
        years: [2021, 2022],
        from: '2022-01',
        to: '2022',
      }),
    ).toEqual([
      'year IN [2021, 2022]',
      `date_ts >= ${Date.UTC(2022, 0, 1) / 1000}`,
      `date_ts < ${Date.UTC(2023, 0, 1) / 1000}`,
    ]);
  });
});

describe('searches', () => {
  it('sends one search, plus one per disjunctive facet with a selection', () => {
    expect(buildSearches(params({ q: 'x' }), 'i').queries).toHaveLength(1);
    const any = buildSearches(
      params({ q: 'x', person: ['A'], person_mode: 'any', year: ['2022'] }),
      'i',
    );
    expect(any.disjunctive).toEqual(['person', 'year']);
    expect(any.queries[1]?.filter).toEqual(['year IN [2022]']);
    expect(any.queries[2]?.filter).toEqual(['article_persons IN ["A"]']);
    const all = buildSearches(params({ person: ['A'], person_mode: 'all' }), 'i');
    expect(all.disjunctive).toEqual([]);
  });

  it('counts a surname chosen alone in `any` mode by a search of its own, after the disjunctive ones', () => {
    const names = { Ташиев: ['Ташиев', 'Камчыбек Ташиев'] };
    const chosen = { q: 'x', person: ['Ташиев', 'Б'], year: ['2022'] };
    const any = buildSearches(params({ ...chosen, person_mode: 'any' }), 'i', names);
    expect(any.personCounts).toEqual(['Ташиев']);
    expect(any.queries).toHaveLength(4);
    expect(any.queries[3]).toMatchObject({
      hitsPerPage: 0,
      filter: ['article_persons IN ["Ташиев", "Камчыбек Ташиев"]', 'year IN [2022]'],
    });
    // In `all` mode every result holds one of its names: the main count is its count.
    expect(
      buildSearches(params({ ...chosen, person_mode: 'all' }), 'i', names).personCounts,
    ).toEqual([]);
  });

  it('groups by article with distinct and facets on article-level persons', () => {
    const [main] = buildSearches(params({ group: 'article' }), 'i').queries;
    expect(main?.distinct).toBe('article_id');
    expect(main?.facets).toContain('article_persons');
    const [paragraph] = buildSearches(params({ group: 'paragraph' }), 'i').queries;
    expect(paragraph?.distinct).toBeUndefined();
    expect(paragraph?.facets).toContain('persons');
  });

  it('sorts by relevance with a query and newest first without one', () => {
    expect(buildSearches(params({ q: 'войск' }), 'i').queries[0]?.sort).toBeUndefined();
    expect(buildSearches(params({ q: '' }), 'i').queries[0]?.sort).toEqual([
      'date_ts:desc',
      'paragraph:asc',
    ]);
    expect(buildSearches(params({ q: '', sort: 'oldest' }), 'i').queries[0]?.sort).toEqual([
      'date_ts:asc',
      'paragraph:asc',
    ]);
  });

  it('sends each word as its key, a whole word; only the word being typed is a prefix', () => {
    const key = wordKey;
    expect(stemQuery('депутатами').q).toBe('ььдепутата');
    expect(stemQuery('депутатами ').q).toBe(`${key('депутатами')} `);
    expect(stemQuery('отправка войска').q).toBe(`${key('отправка')} ььвойска`);
    // A key: the mark «ьь» (no word starts with it), the stem after one pass («миров», not «мир») and
    // the letter after it, which keeps apart what Snowball joins («отдели» from «отдел»).
    expect(key('мировой')).toBe('ььмирово');
    expect(key('мировой')).toBe(key('мировому'));
    expect(key('отделился')).not.toBe(key('отдел'));
    expect(key('ничьей')).not.toBe(key('ничего'));
    expect(key('Tashiev')).toBe('tashiev');
    expect(stemQuery('Ташиеву').q).toBe('ььташиеву');
    expect(stemQuery('Tashiev').q).toBe('tashiev');
    // The prefix stays last.
    expect(stemQuery('войска войска').q).toBe(key('войска'));
    expect(stemQuery('войска депутаты войска').q).toBe(`${key('депутаты')} ${key('войска')}`);
  });

  it('keeps quoted phrases as phrases, as typed', () => {
    expect(parseQuery('"отправке войск" ОДКБ')).toEqual({
      phrases: [['отправке', 'войск']],
      words: ['одкб'],
      typing: 'одкб',
    });
    expect(stemQuery('"отправке войск" Ташиеву ').q).toBe(
      `"отправке войск" ${wordKey('Ташиеву')} `,
    );
    expect(parseQuery('ОДКБ "отправке войск"').typing).toBeNull();
    expect(parseQuery('ОДКБ "отправке войск').phrases).toEqual([['отправке', 'войск']]);
  });

  it('drops the most frequent words first and those found nowhere before all', () => {
    for (const query of buildSearches(params({ q: 'x', year: ['2022'] }), 'i').queries)
      expect(query.matchingStrategy).toBe('frequency');
  });

  it('restricts no search to some fields (meili-local ranks such searches unlike Meilisearch)', () => {
    for (const query of buildSearches(params({ q: 'депутатами', group: 'paragraph' }), 'i').queries)
      expect(query.attributesToSearchOn).toBeUndefined();
  });
});

describe('exact forms first', () => {
  it('asks for the words as typed only when they are not all stems already', () => {
    expect(exactQuery('Депутатами')).toBe('ъъдепутатами');
    expect(exactQuery('депутатами ')).toBe('ъъдепутатами ');
    expect(exactQuery('"отправке войск" Ташиева')).toBe('"отправке войск" ъъташиева');
    expect(exactQuery('Tashiev')).toBeNull();
    expect(exactQuery('  ')).toBeNull();
  });

  it('adds the exact search, fetching both lists to the end of the page', () => {
    const plan = buildSearches(
      params({ q: 'депутатами', page: '3', per_page: '10', year: ['2022'] }),
      'i',
    );
    expect(plan.exact).toBe(true);
    expect(plan.queries).toHaveLength(3);
    const [main, , exact] = plan.queries;
    expect(exact).toMatchObject({
      q: 'ъъдепутатами',
      matchingStrategy: 'all',
      page: 1,
      hitsPerPage: 30,
      filter: main?.filter,
      distinct: 'article_id',
    });
    expect(main).toMatchObject({ q: 'ььдепутата', page: 1, hitsPerPage: 30 });
    // Sorted by date too (typos are found only there), both lists in date order, the main one saying
    // how many words each hit matched.
    const sorted = buildSearches(params({ q: 'депутатами', sort: 'newest' }), 'i');
    expect(sorted.exact).toBe(true);
    expect(sorted.sort).toEqual(['date_ts:desc', 'paragraph:asc']);
    expect(sorted.queries[0]).toMatchObject({ sort: sorted.sort, showRankingScoreDetails: true });
    expect(sorted.queries.at(-1)).toMatchObject({ sort: sorted.sort, matchingStrategy: 'all' });
    const plain = buildSearches(params({ q: 'Tashiev', page: '2' }), 'i');
    expect(plain.exact).toBe(false);
    expect(plain.queries[0]).toMatchObject({ page: 2, hitsPerPage: 10 });
  });

  it('merges: exact hits first, then the others once each, paged', () => {
    const key = (h: string) => h.toLowerCase();
    expect(exactFirst(['b', 'd'], ['a', 'B', 'c', 'd', 'e'], key, 1, 3)).toEqual(['b', 'd', 'a']);
    expect(exactFirst(['b', 'd'], ['a', 'B', 'c', 'd', 'e'], key, 2, 3)).toEqual(['c', 'e']);
    // Every page of the merge, fetched to its end, agrees with merging the whole lists.
    const stemmed = Array.from({ length: 40 }, (_, i) => `h${i}`);
    const exact = stemmed.filter((_, i) => i % 7 === 3);
    const whole = [...exact, ...stemmed.filter((h) => !exact.includes(h))];
    for (let page = 1; page <= 8; page++) {
      const end = page * 5;
      expect(exactFirst(exact.slice(0, end), stemmed.slice(0, end), key, page, 5)).toEqual(
        whole.slice(end - 5, end),
      );
    }
  });

  it('merges by date when sorted: hits holding every word in date order, then the others', () => {
    type H = { id: string; date_ts: number | null; paragraph: number; words?: number };
    const hit = (id: string, date_ts: number | null, words?: number): H => ({
      id,
      date_ts,
      paragraph: 0,
      ...(words === undefined ? {} : { words }),
    });
    const withDetails = (h: H) => ({
      ...h,
      _rankingScoreDetails: { words: { matchingWords: h.words, maxMatchingWords: 2 } },
    });
    const sort = ['date_ts:desc', 'paragraph:asc'];
    const key = (h: H) => h.id;
    // The main list as the index ranks it: every word first (newest first), then one word.
    const stemmed = [hit('a', 50, 2), hit('b', 30, 2), hit('c', 40, 1), hit('d', null, 1)].map(
      withDetails,
    );
    const exact = [hit('e', 60), hit('b', 30), hit('f', 10), hit('g', null)];
    const ids = (page: number, perPage: number) =>
      exactFirst<H>(exact, stemmed, key, page, perPage, sort).map((h) => h.id);
    expect(ids(1, 10)).toEqual(['e', 'a', 'b', 'f', 'g', 'c', 'd']);
    expect(ids(2, 3)).toEqual(['f', 'g', 'c']);
  });
});

describe('snippets', () => {
  it('escapes HTML and marks every inflected form of the query words', () => {
    const { stems } = stemQuery('отправка войска ');
    expect(markSnippet('<b>по отправке войск</b> & "Войска"', stems)).toBe(
      '&lt;b&gt;по <mark>отправке</mark> <mark>войск</mark>&lt;/b&gt; &amp; &quot;<mark>Войска</mark>&quot;',
    );
  });

  it('marks what a typo found, and what the word being typed starts', () => {
    const { stems } = stemQuery('депутатми парла');
    expect(markSnippet('депутатами парламента и депо', stems)).toBe(
      '<mark>депутатами</mark> <mark>парламента</mark> и депо',
    );
    // No typo is allowed below five letters, and a typo keeps the first letter.
    expect(markSnippet('Ташкент', stemQuery('таш ').stems)).toBe('Ташкент');
    expect(markSnippet('вепутатами', stemQuery('депутатами ').stems)).toBe('вепутатами');
  });

  it("marks a name typed in Latin letters in its Cyrillic forms, by the hit's persons_latin", () => {
    const persons = ['Камчыбек Ташиев', 'Касым-Жомарт Токаев'];
    const latin = ['Kamchybek Tashiev', 'Kasym-Zhomart Tokaev'];
    const text = 'Ташиеву ответил Токаев; Касым-Жомарт Кемелевич и Камчыбек';
    const marked = (q: string) =>
      markSnippet(text, withLatinNames(stemQuery(q).stems, persons, latin));
    expect(marked('Tashiev ')).toBe(
      '<mark>Ташиеву</mark> ответил Токаев; Касым-Жомарт Кемелевич и Камчыбек',
    );
    // The word being typed by its start, a typo, a part of a hyphenated name.
    expect(marked('tokae')).toContain('<mark>Токаев</mark>');
    expect(marked('Tashiyev ')).toContain('<mark>Ташиеву</mark>');
    expect(marked('zhomart ')).toContain('<mark>Касым-Жомарт</mark>');
    expect(marked('Kamchybek ')).toMatch(/<mark>Камчыбек<\/mark>$/u);
    // Only the names the hit holds; Cyrillic words typed change nothing.
    expect(markSnippet(text, withLatinNames(stemQuery('Tashiev ').stems, [], []))).not.toContain(
      '<mark>',
    );
    expect(withLatinNames(stemQuery('ташиев ').stems, persons, latin)).toEqual(
      stemQuery('ташиев ').stems,
    );
  });
});

describe('person lookup', () => {
  it('finds a name by any part and any case form of it, and nothing that only shares letters', () => {
    const lookup = personLookup('Ташиева');
    expect(lookup?.facetQuery).toBe(stemWord('Ташиева'));
    expect(lookup?.matches('Камчыбек Ташиев')).toBe(true);
    expect(lookup?.matches('Ташкент Ашимов')).toBe(false);
    expect(personLookup('Таш')?.matches('Талант Мамытов')).toBe(false);
    expect(personLookup('Таш')?.matches('Камчыбек Ташиев')).toBe(true);
    expect(personLookup('камчыбека таш')?.matches('Камчыбек Ташиев')).toBe(true);
    expect(personLookup('камчыбека жапаров')?.matches('Камчыбек Ташиев')).toBe(false);
    expect(personLookup('  ')).toMatchObject({ facetName: 'article_persons', facetQuery: '' });
  });

  it('keys every name by each of its words first, and the name is a rotation of each key', () => {
    expect(personNameKeys('Камчыбек Ташиев')).toEqual(['Камчыбек Ташиев', 'Ташиев Камчыбек']);
    for (const key of personNameKeys('Мухаммед Али Джинна'))
      expect(personNameKeys(key)).toContain('Мухаммед Али Джинна');
  });
});

describe('multi-search morphology', () => {
  it('gives an InstantSearch query the keys, in text_stem, with the frequency strategy', () => {
    expect(withMorphology({ indexUid: 'i', q: 'депутатами ', hitsPerPage: 5 })).toEqual({
      indexUid: 'i',
      q: `${wordKey('депутатами')} `,
      hitsPerPage: 5,
      matchingStrategy: 'frequency',
    });
    expect(withMorphology({ q: 'депутатами', matchingStrategy: 'all' }).matchingStrategy).toBe(
      'all',
    );
    expect(withMorphology({ q: '', facets: ['year'] })).toEqual({ q: '', facets: ['year'] });
  });
});

describe('cropped snippets', () => {
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `слово${i + from}`);

  it('keeps the window with the most matches, a few words before the first, "…" where cut', () => {
    const text = [...words(30), 'депутатов', ...words(30, 30)].join(' ');
    const snippet = markSnippet(text, stemQuery('депутатами ').stems, 10);
    expect(snippet).toBe(
      `…${words(5, 25).join(' ')} <mark>депутатов</mark> ${words(4, 30).join(' ')}…`,
    );
  });

  it('leaves a short text whole and starts at the beginning without a match', () => {
    expect(markSnippet('депутатов нет.', stemQuery('депутат ').stems, 10)).toBe(
      '<mark>депутатов</mark> нет.',
    );
    const text = words(20).join(' ');
    expect(markSnippet(text, stemQuery('войск ').stems, 10)).toBe(`${words(10).join(' ')}…`);
  });
});
