/**
 * The page's pure parts with figures known in advance: the timeline's bars and labels, the period
 * picker's folding, Russian error messages, and the rendered results (title once per article, empty
 * facets hidden, the original linked only when it is http(s)).
 */
import { jsx } from 'hono/jsx';
import { describe, expect, it } from 'vitest';
import { searchParams, type SearchResponse } from '../../../src/api/params.ts';
import { foldPicker, russianIssues } from '../../../src/page/routes.tsx';
import { axisLabels, MAX_MONTH_BARS, timelineOf } from '../../../src/page/timeline.tsx';
import {
  ArticlePage,
  countLine,
  EMPTY_PARAMS,
  original,
  SearchPage,
} from '../../../src/page/view.tsx';

const months = (entries: Record<string, number>) =>
  Object.entries(entries).map(([value, count]) => ({ value, count, selected: false }));

describe('timelineOf', () => {
  it('draws every month between the first and the last, empty ones included', () => {
    const t = timelineOf(months({ '2022-03': 5, '2021-11': 2, '2022-01': 3 }));
    expect(t?.unit).toBe('month');
    expect(t?.bars).toEqual([
      { period: '2021-11', count: 2 },
      { period: '2021-12', count: 0 },
      { period: '2022-01', count: 3 },
      { period: '2022-02', count: 0 },
      { period: '2022-03', count: 5 },
    ]);
  });

  it(`draws years once the span is longer than ${MAX_MONTH_BARS} months`, () => {
    const t = timelineOf(months({ '2015-06': 1, '2019-06': 2, '2019-07': 1, '2022-06': 1 }));
    expect(t?.unit).toBe('year');
    expect(t?.bars.map((b) => `${b.period}:${b.count}`)).toEqual([
      '2015:1',
      '2016:0',
      '2017:0',
      '2018:0',
      '2019:3',
      '2020:0',
      '2021:0',
      '2022:1',
    ]);
    const edge = timelineOf(months({ '2020-01': 1, '2022-12': 1 }));
    expect(edge?.unit).toBe('month');
    expect(edge?.bars).toHaveLength(MAX_MONTH_BARS);
  });

  it('is null when nothing is dated', () => {
    expect(timelineOf([])).toBeNull();
    expect(timelineOf(months({ '2022-01': 0 }))).toBeNull();
  });

  it('labels months short, years at the first bar and each January, at most six per line', () => {
    const t = timelineOf(months({ '2021-11': 1, '2022-02': 1 }));
    expect(t && axisLabels(t)).toEqual([
      { index: 0, text: 'нояб.', line: 1 },
      { index: 0, text: '2021', line: 2 },
      { index: 1, text: 'дек.', line: 1 },
      { index: 2, text: 'янв.', line: 1 },
      { index: 2, text: '2022', line: 2 },
      { index: 3, text: 'февр.', line: 1 },
    ]);
    const long = timelineOf(months({ '2020-01': 1, '2022-12': 1 }));
    const line1 = long ? axisLabels(long).filter((l) => l.line === 1) : [];
    expect(line1.length).toBeLessThanOrEqual(6);
  });
});

describe('the period picker without JavaScript', () => {
  const fold = (query: string) => foldPicker(new URLSearchParams(query))?.toString() ?? null;

  it('folds month and year into from/to; a year alone is the whole year', () => {
    expect(fold('q=x&fm=01&fy=2022&tm=03&ty=2022')).toBe('q=x&from=2022-01&to=2022-03');
    expect(fold('fm=&fy=2021&tm=&ty=')).toBe('from=2021');
    expect(fold('fm=05&fy=&tm=&ty=')).toBe('');
  });

  it('replaces from/to the URL had, and leaves URLs without picker fields alone', () => {
    expect(fold('from=2020&fm=&fy=2021&tm=&ty=')).toBe('from=2021');
    expect(fold('q=x&from=2020')).toBeNull();
  });
});

describe('Russian messages', () => {
  const issues = (query: Record<string, unknown>) => {
    const parsed = searchParams.safeParse(query);
    if (parsed.success) throw new Error('expected a failure');
    return russianIssues(parsed.error.issues);
  };

  it('names the parameter that was not understood', () => {
    expect(issues({ from: '20' })).toBe('Запрос не понят: неверно указано: начало периода.');
    expect(issues({ per_page: '500' })).toContain('число результатов на странице');
  });

  it('says that the period is backwards', () => {
    expect(issues({ from: '2022-03', to: '2022-01' })).toBe(
      'Запрос не понят: начало периода позже конца.',
    );
  });

  it('agrees the verb with the number', () => {
    const p = { ...EMPTY_PARAMS, q: 'x' };
    expect(countLine(p, 1)).toBe('Найдена 1 статья');
    expect(countLine(p, 21)).toBe('Найдена 21 статья');
    expect(countLine(p, 3)).toBe('Найдено 3 статьи');
    expect(countLine({ ...p, group: 'paragraph' }, 1)).toBe('Найден 1 абзац');
    expect(countLine(EMPTY_PARAMS, 55)).toBe('В архиве 55 статей');
  });
});

describe('original', () => {
  it('links http(s) originals by their host, and nothing else', () => {
    expect(original('https://www.example.org/a?b=1')).toEqual({
      href: 'https://www.example.org/a?b=1',
      name: 'example.org',
    });
    expect(original('javascript:alert(1)')).toBeNull();
    expect(original('')).toBeNull();
    expect(original('data:text/html,x')).toBeNull();
  });
});

describe('the rendered results', () => {
  const hit = (articleId: string, paragraph: number, title: string) => ({
    id: `${articleId}-${paragraph}`,
    articleId,
    title,
    date: '2022-01-07',
    url: `https://example.org/${articleId}`,
    paragraph,
    heading: '',
    snippet: `абзац <mark>${paragraph}</mark>`,
    persons: [],
  });
  const result = (
    hits: SearchResponse['hits'],
    facets: Partial<SearchResponse['facets']> = {},
  ) => ({
    query: 'x',
    page: 1,
    perPage: 10,
    totalHits: hits.length,
    totalPages: 1,
    processingTimeMs: 1,
    hits,
    facets: { person: [], year: [], month: [], ...facets },
  });
  const render = (props: Parameters<typeof SearchPage>[0]) =>
    jsx(SearchPage, props as never).toString() as string;

  it('shows an article title once in paragraph view, its paragraphs under it', () => {
    const html = render({
      params: { ...EMPTY_PARAMS, q: 'x', group: 'paragraph' },
      result: result([hit('a', 1, 'Первая'), hit('b', 0, 'Вторая'), hit('a', 4, 'Первая')]),
    });
    expect(html.match(/>Первая</g)).toHaveLength(1);
    expect(html.match(/>Вторая</g)).toHaveLength(1);
    expect(html.indexOf('к абзацу 2')).toBeLessThan(html.indexOf('к абзацу 5'));
    expect(html.indexOf('к абзацу 5')).toBeLessThan(html.indexOf('>Вторая<'));
    expect(html).toContain('<time datetime="2022-01-07">7 января 2022</time>');
    expect(html).toContain('href="https://example.org/a"');
  });

  it('lists only the matching paragraphs under «Ещё», and lets one stand in for a title-only hit', () => {
    const titleOnly = { ...hit('a', 0, 'Заголовок'), snippet: 'нет совпадений' };
    const more = new Map([
      [
        'a',
        [
          { paragraph: 2, heading: '', snippet: 'второй <mark>x</mark>' },
          { paragraph: 5, heading: 'Раздел', snippet: 'пятый <mark>x</mark>' },
        ],
      ],
    ]);
    const html = render({ params: { ...EMPTY_PARAMS, q: 'x' }, result: result([titleOnly]), more });
    expect(html).toContain('href="/articles/a?p=2&amp;q=x#p2"');
    expect(html).not.toContain('нет совпадений');
    expect(html).toContain('Ещё из этой статьи: 1 абзац');
    expect(html).toContain('>Раздел</a>');
  });

  it('hides empty facets, and has no inline script, style or handler', () => {
    const html = render({ params: { ...EMPTY_PARAMS, q: 'x' }, result: result([]) });
    expect(html).not.toContain('Нет значений');
    expect(html).not.toContain('id="person-facet"');
    expect(html).not.toContain('id="year-facet"');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('folds a long person list behind «ещё» with a filter box, and filters it without JavaScript', () => {
    const person = Array.from({ length: 14 }, (_, i) => ({
      value: `Имя Фамилия${i}`,
      count: 14 - i,
      selected: false,
    }));
    const html = render({
      params: { ...EMPTY_PARAMS, q: 'x' },
      result: result([hit('a', 0, 'Т')], { person }),
    });
    expect(html).toContain('name="pf"');
    expect(html).toContain('Ещё 4 человека');
    const filtered = render({
      params: { ...EMPTY_PARAMS, q: 'x' },
      result: result([hit('a', 0, 'Т')], { person }),
      personFilter: 'фамилия1',
    });
    expect(filtered.match(/data-key="person:/g)).toHaveLength(5); // 1, 10, 11, 12, 13
  });
});

describe('ArticlePage', () => {
  const render = (article: Partial<Parameters<typeof ArticlePage>[0]['article']>) =>
    jsx(ArticlePage, {
      article: {
        id: 'a',
        title: 'Краевой совет обсудил ремонт дорог',
        date: '2024-01',
        url: 'https://demo.example/roads',
        persons: [],
        paragraphs: [
          {
            paragraph: 0,
            heading: 'Краевой совет обсудил ремонт дорог',
            text: 'Краевой совет обсудил ремонт дорог Депутаты обсудили программу.',
            persons: [],
          },
          { paragraph: 1, heading: 'Итоги', text: 'Итоги Программу приняли.', persons: [] },
        ],
        ...article,
      },
      focus: null,
      marked: (text: string) => text,
      backUrl: '/',
    } as never).toString() as string;

  it('shows the title once, also when it is the first heading, and other headings as headings', () => {
    const html = render({});
    expect(html.match(/Краевой совет обсудил ремонт дорог/g)).toHaveLength(2); // <title> and <h1>, not again as a heading or in the text
    expect(html).toContain('<h2>Итоги</h2>');
    expect(html).toContain('Депутаты обсудили программу.');
  });

  it('names the publication next to the link to the original, only when the article gives one', () => {
    const named = render({ source: 'Демо-лента Приозёрья' });
    expect(named).toMatch(
      /<span class="publication"><span class="visually-hidden">Источник: <\/span>Демо-лента Приозёрья<\/span><a href="https:\/\/demo.example\/roads" class="original"/,
    );
    expect(render({})).not.toContain('publication');
  });
});
