/**
 * The request catalogue, as data: a table of request families, each drawing many requests from the
 * corpus vocabulary with its own seeded picker. Engine families go to both Meilisearch engines, Worker
 * families to the two Workers (one per engine). Adding a family never changes another's requests.
 */
import { MAIN_INDEX, RANKING_VARIANTS, SCOPED_KEYS } from './setup.ts';
import type { HttpRequest } from './http.ts';
import { picker, type Picker, type Vocabulary } from './vocabulary.ts';

export interface CatalogueRequest extends Omit<HttpRequest, 'apiKey'> {
  /** Name of the API key to send (see `Side.keys`; `none` for no header). Engine default: master. Worker: none. */
  auth?: string;
}

export interface Family {
  name: string;
  target: 'engine' | 'worker';
  about: string;
  requests(v: Vocabulary, p: Picker): CatalogueRequest[];
}

type Body = Record<string, unknown>;
const lit = (s: string): string => JSON.stringify(s);
const search = (body: Body, index = MAIN_INDEX, auth?: string): CatalogueRequest => ({
  method: 'POST',
  path: `/indexes/${index}/search`,
  body: { attributesToRetrieve: ['id'], ...body },
  ...(auth ? { auth } : {}),
});
const get = (
  path: string,
  params: Record<string, string | number | Array<string | number> | undefined> = {},
  auth?: string,
): CatalogueRequest => {
  const query = new URLSearchParams();
  for (const [k, value] of Object.entries(params))
    for (const x of Array.isArray(value) ? value : value === undefined ? [] : [value])
      query.append(k, String(x));
  return { method: 'GET', path: query.size ? `${path}?${query}` : path, ...(auth ? { auth } : {}) };
};
const post = (path: string, body: unknown, auth?: string): CatalogueRequest => ({
  method: 'POST',
  path,
  body,
  ...(auth ? { auth } : {}),
});
/** Every combination of the axes' values. */
function cross<T extends Record<string, readonly unknown[]>>(
  axes: T,
): Array<{ [K in keyof T]: T[K][number] }> {
  return Object.entries(axes).reduce<Array<Record<string, unknown>>>(
    (acc, [k, values]) => acc.flatMap((row) => values.map((value) => ({ ...row, [k]: value }))),
    [{}],
  ) as Array<{
    [K in keyof T]: T[K][number];
  }>;
}
const defined = (o: Body): Body =>
  Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

const LETTERS = 'абвгдежзиклмнопрстуфхцчшщыэюя';
/** One-edit and two-edit variants of a word: substitution, deletion, insertion, transposition, first letter. */
function typoVariants(w: string, p: Picker): string[] {
  const other = (c: string | undefined) =>
    LETTERS.replace(c ?? '', '')[p.int(0, LETTERS.length - 2)] as string;
  const sub = (s: string, i: number) => s.slice(0, i) + other(s[i]) + s.slice(i + 1);
  const m = Math.floor(w.length / 2);
  return [
    sub(w, m),
    w.slice(0, m) + w.slice(m + 1),
    w.slice(0, m) + other(undefined) + w.slice(m),
    w.slice(0, m - 1) + (w[m] ?? '') + (w[m - 1] ?? '') + w.slice(m + 1),
    sub(w, 0),
    sub(sub(w, 1), w.length - 2),
  ];
}

/** Simple filter expressions over every filterable field and operator. */
function filterAtoms(v: Vocabulary): string[] {
  const [p1, p2, p3] = v.persons as [string, string, string];
  const y = (i: number) => v.years[Math.min(i, v.years.length - 1)] as number;
  const ts = (f: number) => v.dateTs[Math.floor(f * (v.dateTs.length - 1))] as number;
  const m = (i: number) => v.months[Math.floor(i * (v.months.length - 1))] as string;
  const ids = v.articleIds;
  const mentioned =
    v.docs.find((d) => d.dates_mentioned.length)?.dates_mentioned[0] ?? '2022-01-07';
  return [
    `year = ${y(2)}`,
    `year != ${y(2)}`,
    `year > ${y(2)}`,
    `year >= ${y(2)}`,
    `year < ${y(2)}`,
    `year <= ${y(2)}`,
    `year ${y(1)} TO ${y(3)}`,
    `year IN [${y(0)}, ${y(4)}]`,
    `year NOT IN [${y(0)}, ${y(4)}]`,
    `year = "${y(3)}"`,
    `year = ${y(3)}.0`,
    `year > ${y(3)}.5`,
    `NOT year = ${y(1)}`,
    `date_ts > ${ts(0.5)}`,
    `date_ts >= ${ts(0.5)}`,
    `date_ts < ${ts(0.2)}`,
    `date_ts <= ${ts(0.2)}`,
    `date_ts ${ts(0.3)} TO ${ts(0.6)}`,
    `date_ts = ${ts(0.7)}`,
    `month = ${lit(m(0.5))}`,
    `month = ${m(0.5)}`,
    `month != ${lit(m(0.5))}`,
    `month > ${lit(m(0.5))}`,
    `month ${lit(m(0.2))} TO ${lit(m(0.4))}`,
    `month IN [${lit(m(0.1))}, ${lit(m(0.9))}]`,
    `persons = ${lit(p1)}`,
    `persons != ${lit(p1)}`,
    `persons = ${lit(p1.toLowerCase())}`,
    `persons = '${p2}'`,
    `persons IN [${lit(p1)}, ${lit(p2)}]`,
    `persons NOT IN [${lit(p1)}, ${lit(p2)}]`,
    `article_persons = ${lit(p3)}`,
    `article_persons IN [${lit(p2)}, ${lit(p3)}]`,
    `article_persons = "Камчыбек Ташиев"`,
    `persons = "КАМЧЫБЕК ТАШИЕВ"`,
    `article_id = ${lit(ids[1] as string)}`,
    `article_id IN [${ids.slice(2, 5).map(lit).join(', ')}]`,
    `article_id NOT IN [${ids.slice(0, 40).map(lit).join(', ')}]`,
    `article_id = ${ids[3]}`,
    'persons EXISTS',
    'persons NOT EXISTS',
    'month IS NULL',
    'month IS NOT NULL',
    'persons IS EMPTY',
    'persons IS NOT EMPTY',
    'dates_mentioned IS EMPTY',
    'dates_mentioned IS NOT EMPTY',
    `dates_mentioned = ${lit(mentioned)}`,
    'year IS NULL',
    'year IS NOT NULL',
    'year EXISTS',
    'month NOT EXISTS',
    'persons IS NOT NULL',
    `source = ${lit(v.docs.find((d) => d.source)?.source ?? '')}`,
    `content_hash = ${lit(v.docs[5]?.content_hash ?? '')}`,
    `content_hash != ${lit(v.docs[5]?.content_hash ?? '')}`,
  ];
}

/** Compound filters: AND, OR, NOT, parentheses, lower-case keywords, and the array forms. */
function filterCompounds(atoms: string[], p: Picker): unknown[] {
  const two = () => p.pick(atoms, 2) as [string, string];
  const three = () => p.pick(atoms, 3) as [string, string, string];
  const out: unknown[] = [];
  for (let i = 0; i < 14; i++) out.push(two().join(' AND '), two().join(' OR '));
  for (let i = 0; i < 8; i++) {
    const [a, b, c] = three();
    out.push(
      `(${a} OR ${b}) AND ${c}`,
      `${a} AND (${b} OR ${c})`,
      `NOT (${a} AND ${b})`,
      `${a} AND NOT ${b}`,
      `${a} OR ${b} AND ${c}`,
      `((${a}) OR (${b}))`,
    );
  }
  for (let i = 0; i < 5; i++) {
    const [a, b, c] = three();
    out.push(`${a} and ${b}`, `${a} or not ${b}`, [a, b], [[a, b], c], [[a], [b, c]]);
  }
  return out;
}

const SEARCH_ON = [
  ['title'],
  ['text'],
  ['persons'],
  ['heading', 'text'],
  ['text_stem'],
  ['title', 'persons'],
  ['*'],
];
const HIGHLIGHT_CROP: Body[] = [
  { attributesToHighlight: ['text'] },
  { attributesToHighlight: ['*'] },
  { attributesToCrop: ['text'], cropLength: 5 },
  { attributesToCrop: ['text:3'], attributesToHighlight: ['text'] },
  {
    attributesToCrop: ['text'],
    cropLength: 12,
    cropMarker: '[…]',
    attributesToHighlight: ['text'],
    highlightPreTag: '<b>',
    highlightPostTag: '</b>',
  },
  { attributesToHighlight: ['title', 'persons'], showMatchesPosition: true },
  { showMatchesPosition: true },
  { attributesToCrop: ['title', 'text'], cropLength: 20, attributesToHighlight: ['text'] },
];
const PAGINATION: Body[] = [
  { offset: 0, limit: 5 },
  { offset: 5, limit: 5 },
  { offset: 3, limit: 20 },
  { limit: 0 },
  { offset: 5000 },
  { page: 1, hitsPerPage: 5 },
  { page: 2, hitsPerPage: 5 },
  { page: 3, hitsPerPage: 10 },
  { page: 1, hitsPerPage: 0 },
  { page: 0, hitsPerPage: 5 },
  { page: 999, hitsPerPage: 20 },
];
const SORTS = [
  ['date_ts:asc'],
  ['date_ts:desc'],
  ['paragraph:asc'],
  ['paragraph:desc', 'date_ts:asc'],
  ['date_ts:desc', 'paragraph:asc'],
];
const INFLECTED = [
  'депутатами',
  'депутатов',
  'войска',
  'войск',
  'Ташиеву',
  'Ташиев',
  'отправка войска',
  'Казахстане',
  'заседании парламента',
  'ОДКБ',
];

/** Queries of several words: real runs, word pairs, and runs with a word the corpus lacks. */
function multiWord(v: Vocabulary, p: Picker, n: number): string[] {
  const out = p.pick(v.phrases, n / 2);
  for (let i = 0; out.length < n; i++) {
    const words = p.pick(v.words.slice(0, 300), 2 + (i % 3));
    out.push((i % 4 === 0 ? [...words, 'несуществующее'] : words).join(' '));
  }
  return out;
}

export const FAMILIES: Family[] = [
  {
    name: 'query-words',
    target: 'engine',
    about: 'one and two words, frequent and rare, stems, digits',
    requests: (v, p) =>
      [
        ...p.pick(v.words.slice(0, 200), 30),
        ...p.pick(v.rare, 20),
        ...p.pick(v.stems, 10),
        ...multiWord(v, p, 20),
        '7',
        '2022',
        'января 7',
        '',
      ].map((q) => search({ q })),
  },
  {
    name: 'normalisation',
    target: 'engine',
    about: 'case, ё/е, й/и, combining accents, punctuation around words',
    requests: (v, p) =>
      p
        .pick(
          v.words.filter((w) => w.length > 4),
          8,
        )
        .flatMap((w) => [
          w.toUpperCase(),
          w[0]?.toUpperCase() + w.slice(1),
          w.replaceAll('е', 'ё'),
          w.replaceAll('и', 'й'),
          `${w.slice(0, 2)}\u0301${w.slice(2)}`,
          `«${w}»,`,
        ])
        .map((q) => search({ q })),
  },
  {
    name: 'typos',
    target: 'engine',
    about:
      'substitution, deletion, insertion, transposition, first letter, two typos; word lengths 3-12',
    requests: (v, p) =>
      [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        .flatMap((n) => p.pick(v.byLength.get(n) ?? [], 3).flatMap((w) => typoVariants(w, p)))
        .map((q) => search({ q })),
  },
  {
    name: 'prefixes',
    target: 'engine',
    about: 'the last word cut short, with and without a trailing space',
    requests: (v, p) =>
      p
        .pick(
          v.words.filter((w) => w.length >= 6),
          15,
        )
        .flatMap((w, i) =>
          [w.slice(0, 1), w.slice(0, 2), w.slice(0, 4), `${w.slice(0, 4)} `].map((s) =>
            i % 3 === 0 ? `${p.one(v.words.slice(0, 50))} ${s}` : s,
          ),
        )
        .map((q) => search({ q })),
  },
  {
    name: 'phrases',
    target: 'engine',
    about: 'quoted phrases: in order, reversed, with another word, unterminated',
    requests: (v, p) =>
      p
        .pick(v.phrases, 10)
        .flatMap((ph) => [
          `"${ph}"`,
          `"${ph.split(' ').reverse().join(' ')}"`,
          `${p.one(v.words.slice(0, 100))} "${ph}"`,
          `"${ph}`,
        ])
        .map((q) => search({ q })),
  },
  {
    name: 'negation',
    target: 'engine',
    about: '-word, word -word, -"phrase", negation only',
    requests: (v, p) =>
      p
        .pick(v.words.slice(0, 100), 10)
        .flatMap((w) => {
          const other = p.one(v.words.slice(0, 60));
          return [`-${w}`, `${other} -${w}`, `${other} -"${p.one(v.phrases)}"`, `${w} - ${other}`];
        })
        .map((q) => search({ q })),
  },
  {
    name: 'matching-strategy',
    target: 'engine',
    about: 'last, all and frequency on queries of 2-5 words',
    requests: (v, p) =>
      cross({ q: multiWord(v, p, 20), matchingStrategy: ['last', 'all', 'frequency'] }).map((b) =>
        search(b),
      ),
  },
  {
    name: 'search-on',
    target: 'engine',
    about: 'attributesToSearchOn subsets',
    requests: (v, p) =>
      cross({
        q: [
          ...p.pick(v.words.slice(0, 100), 4),
          p.one(v.persons).split(' ')[1] as string,
          'Ташиев',
        ],
        attributesToSearchOn: SEARCH_ON,
      }).map((b) => search(b)),
  },
  {
    name: 'filters',
    target: 'engine',
    about:
      'the filter grammar: comparisons, TO, IN, EXISTS, IS NULL/EMPTY, AND/OR/NOT, parentheses, arrays',
    requests: (v, p) => {
      const atoms = filterAtoms(v);
      return [...atoms, ...filterCompounds(atoms, p)].map((filter) =>
        search({ filter, limit: 50 }),
      );
    },
  },
  {
    name: 'facets',
    target: 'engine',
    about:
      "facetDistribution and facetStats with queries and filters (no hits: ranking is other families' business)",
    requests: (v, p) =>
      cross({
        facets: [
          ['persons'],
          ['article_persons', 'year'],
          ['year', 'month', 'date_ts'],
          ['*'],
          ['dates_mentioned', 'paragraph'],
        ],
        q: ['', p.one(v.words.slice(0, 20)), p.one(v.words.slice(20, 200))],
        filter: [
          undefined,
          `year = ${v.years[2]}`,
          `persons = ${lit(v.persons[0] as string)}`,
          'month IS NOT NULL',
        ],
      }).map((b) => search({ ...defined(b), limit: 0 })),
  },
  {
    name: 'facet-search',
    target: 'engine',
    about: '/facet-search: prefixes, typos, case, numbers, with q and filter',
    requests: (v, p) => {
      const names = p.pick(v.persons, 6);
      const queries = names.flatMap((n) => {
        const [first, last = ''] = n.split(' ');
        return [
          n.slice(0, 1),
          n.slice(0, 3),
          first as string,
          `${first} ${last.slice(0, 2)}`,
          last.slice(0, 4),
          n.toLowerCase(),
          typoVariants(last, p)[0] as string,
        ];
      });
      const out: Body[] = cross({ facetName: ['persons', 'article_persons'], facetQuery: queries });
      out.push(
        ...cross({
          facetName: ['year', 'month', 'article_id', 'dates_mentioned'],
          facetQuery: ['', '20', '2022', 'gen', '2019-0'],
        }),
      );
      return [
        ...out,
        ...cross({
          facetName: ['persons'],
          q: ['', p.one(v.words.slice(0, 30))],
          filter: [undefined, `year = ${v.years[1]}`],
          facetQuery: [undefined, names[0]?.slice(0, 2)],
        }).map(defined),
        {
          facetName: 'persons',
          facetQuery: 'а',
          matchingStrategy: 'all',
          q: multiWord(v, p, 1)[0],
        },
        { facetName: 'persons', q: 'депутаты', attributesToSearchOn: ['title'] },
        { facetName: 'persons', facetQuery: 'ташиев', exhaustiveFacetCount: true },
      ].map((b) => post(`/indexes/${MAIN_INDEX}/facet-search`, b));
    },
  },
  {
    name: 'distinct',
    target: 'engine',
    about: 'distinct article_id (and others) in offset/limit and page/hitsPerPage modes',
    requests: (v, p) => [
      ...cross({ q: ['', ...p.pick(v.words.slice(0, 100), 4)], pagination: PAGINATION }).map(
        ({ q, pagination }) => search({ q, distinct: 'article_id', ...pagination }),
      ),
      ...cross({
        distinct: ['year', 'persons', 'month', 'article_persons'],
        q: ['', p.one(v.words.slice(0, 40))],
      }).map((b) => search({ ...b, limit: 30 })),
      ...cross({
        q: ['', p.one(v.words.slice(0, 40))],
        facets: [['persons', 'year']],
        hitsPerPage: [5],
      }).map((b) => search({ ...b, distinct: 'article_id' })),
    ],
  },
  {
    name: 'pagination',
    target: 'engine',
    about: 'offset/limit vs page/hitsPerPage: hits and totals',
    requests: (v, p) =>
      cross({ q: ['', ...p.pick(v.words.slice(0, 200), 3)], pagination: PAGINATION }).map(
        ({ q, pagination }) => search({ q, ...pagination }),
      ),
  },
  {
    name: 'sort',
    target: 'engine',
    about: 'sort by date_ts and paragraph, with queries, filters and distinct',
    requests: (v, p) => [
      ...cross({
        sort: SORTS,
        q: ['', ...p.pick(v.words.slice(0, 100), 5), multiWord(v, p, 1)[0] as string],
      }).map((b) => search({ ...b, limit: 30 })),
      ...cross({ sort: SORTS, filter: [`year = ${v.years[3]}`] }).map((b) =>
        search({ ...b, limit: 30 }),
      ),
      ...SORTS.map((sort) => search({ sort, distinct: 'article_id', limit: 30 })),
    ],
  },
  {
    name: 'ranking-rules',
    target: 'engine',
    about: 'the same queries on indexes with other ranking rules and orders',
    requests: (v, p) => {
      const queries = [
        ...multiWord(v, p, 8),
        ...p.pick(v.words.slice(0, 100), 3),
        typoVariants(p.one(v.byLength.get(8) ?? ['депутаты']), p)[0] as string,
      ];
      const indexes = [MAIN_INDEX, ...Object.keys(RANKING_VARIANTS)];
      return [
        ...cross({ index: indexes, q: queries }).map(({ index, q }) =>
          search({ q, limit: 30 }, index),
        ),
        ...cross({
          index: ['rr_sort_first', 'rr_exactness_first', 'rr_split_attribute'],
          q: queries.slice(0, 3),
          sort: [['date_ts:desc']],
        }).map(({ index, ...b }) => search({ ...b, limit: 30 }, index)),
      ];
    },
  },
  {
    name: 'highlight-crop',
    target: 'engine',
    about: '_formatted (highlight, crop, markers, tags) and _matchesPosition',
    requests: (v, p) => {
      const long = p.one(v.words.filter((w) => w.length > 7));
      const queries = [
        ...p.pick(v.words.slice(0, 100), 3),
        multiWord(v, p, 1)[0] as string,
        long.slice(0, 4),
        typoVariants(long, p)[0] as string,
        `"${p.one(v.phrases)}"`,
        'Ташиев',
        'депутаты парламента',
        '',
      ];
      return cross({ q: queries, format: HIGHLIGHT_CROP }).map(({ q, format }) =>
        search({ q, ...format, attributesToRetrieve: ['id', 'text'], limit: 4 }),
      );
    },
  },
  {
    name: 'documents',
    target: 'engine',
    about:
      'POST /documents/fetch with filters, fields, ids, offset/limit; GET /documents and /documents/:id',
    requests: (v, p) => {
      const atoms = filterAtoms(v);
      return [
        ...p.pick(atoms, 24).map((filter, i) =>
          post(`/indexes/${MAIN_INDEX}/documents/fetch`, {
            filter,
            fields: ['id', 'year'],
            limit: 10 + i,
            offset: i % 3,
          }),
        ),
        ...p
          .pick(filterCompounds(atoms, p), 8)
          .map((filter) =>
            post(`/indexes/${MAIN_INDEX}/documents/fetch`, { filter, fields: ['id'], limit: 20 }),
          ),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, {
          ids: p.pick(v.ids, 5),
          fields: ['id', 'title'],
        }),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, { limit: 3, offset: 10 }),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, {
          fields: ['persons', 'nonexistent'],
          limit: 5,
        }),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, {}),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, {
          sort: ['date_ts:desc'],
          fields: ['id'],
          limit: 10,
        }),
        ...cross({ limit: [1, 20], offset: [0, 7], fields: [undefined, 'id,year'] }).map((q) =>
          get(`/indexes/${MAIN_INDEX}/documents`, q),
        ),
        get(`/indexes/${MAIN_INDEX}/documents`, {
          filter: `year = ${v.years[2]}`,
          fields: 'id',
          limit: 5,
        }),
        ...p
          .pick(v.ids, 8)
          .map((id, i) =>
            get(
              `/indexes/${MAIN_INDEX}/documents/${id}`,
              i % 2 ? { fields: 'id,title,persons' } : {},
            ),
          ),
        get(`/indexes/${MAIN_INDEX}/documents/no-such-document`),
      ];
    },
  },
  {
    name: 'settings',
    target: 'engine',
    about: 'GET settings, their sub-routes and index listings',
    requests: () => {
      const subroutes = [
        'ranking-rules',
        'searchable-attributes',
        'filterable-attributes',
        'sortable-attributes',
        'displayed-attributes',
        'distinct-attribute',
        'typo-tolerance',
        'faceting',
        'pagination',
        'stop-words',
        'synonyms',
        'dictionary',
        'separator-tokens',
        'non-separator-tokens',
        'proximity-precision',
        'search-cutoff-ms',
        'localized-attributes',
        'facet-search',
        'prefix-search',
      ];
      const indexes = [MAIN_INDEX, ...Object.keys(RANKING_VARIANTS)];
      return [
        ...indexes.map((i) => get(`/indexes/${i}/settings`)),
        ...subroutes.map((s) => get(`/indexes/${MAIN_INDEX}/settings/${s}`)),
        ...indexes.map((i) => get(`/indexes/${i}/settings/ranking-rules`)),
        ...indexes.map((i) => get(`/indexes/${i}`)),
        get('/indexes'),
        get('/indexes', { limit: 2, offset: 1 }),
        get('/indexes', { limit: 0 }),
      ];
    },
  },
  {
    name: 'tasks',
    target: 'engine',
    about: 'GET /tasks with filters, single tasks, and a key scoped to one index',
    requests: () => [
      ...[
        {},
        { limit: 5 },
        { statuses: 'succeeded' },
        { statuses: 'failed' },
        { statuses: 'enqueued,processing' },
        { types: 'documentAdditionOrUpdate' },
        { types: 'settingsUpdate' },
        { types: 'indexCreation,settingsUpdate' },
        { indexUids: MAIN_INDEX },
        { indexUids: 'rr_typo_words' },
        { indexUids: 'nonexistent' },
        { types: 'settingsUpdate', indexUids: 'rr_sort_first' },
        { reverse: 'true', limit: 4 },
        { limit: 3, from: 5 },
        { uids: '0,1,2' },
        { uids: '3', statuses: 'succeeded' },
        { canceledBy: '1' },
        { limit: 0 },
        { statuses: 'bogus' },
        { types: 'bogus' },
        { limit: -1 },
        { from: 'x' },
        { uids: 'a' },
        { afterEnqueuedAt: 'yesterday' },
      ].map((q) => get('/tasks', q)),
      ...Array.from({ length: 12 }, (_, i) => get(`/tasks/${i}`)),
      get('/tasks/999999'),
      get('/tasks/abc'),
      get('/tasks', {}, 'tasks'),
      get('/tasks', { indexUids: 'rr_sort_first' }, 'tasks'),
      get('/tasks/1', {}, 'tasks'),
      get('/tasks', {}, 'search'),
    ],
  },
  {
    name: 'keys',
    target: 'engine',
    about:
      'key listing, scoped keys (actions, index patterns), 401/403, key creation and its errors',
    requests: () => {
      const uid = (name: string) => SCOPED_KEYS[name]?.uid as string;
      const created = '55555555-5555-4555-8555-555555555555';
      const key = (body: Body) =>
        post('/keys', { actions: ['search'], indexes: ['*'], expiresAt: null, ...body });
      return [
        get('/keys'),
        get('/keys', { limit: 2 }),
        get('/keys', { offset: 1, limit: 3 }),
        get(`/keys/${uid('scoped')}`),
        get('/keys/{key:docs}'),
        get('/keys/00000000-0000-4000-8000-000000000000'),
        get('/keys', {}, 'search'),
        get('/keys', {}, 'none'),
        get('/keys', {}, 'bad'),
        search({ limit: 3 }, MAIN_INDEX, 'scoped'),
        search({ limit: 3 }, 'rr_sort_first', 'scoped'),
        get(`/indexes/${MAIN_INDEX}/documents`, { limit: 1 }, 'scoped'),
        get(`/indexes/${MAIN_INDEX}/settings`, {}, 'scoped'),
        post(`/indexes/${MAIN_INDEX}/facet-search`, { facetName: 'persons' }, 'scoped'),
        post('/multi-search', { queries: [{ indexUid: 'rr_typo_words', q: 'a' }] }, 'scoped'),
        get('/indexes/rr_typo_words/documents', { limit: 2, fields: 'id' }, 'docs'),
        get(`/indexes/${MAIN_INDEX}/documents`, { limit: 2 }, 'docs'),
        get('/indexes/rr_date_desc/settings', {}, 'docs'),
        search({ limit: 3 }, 'rr_typo_words', 'docs'),
        get('/indexes', {}, 'tasks'),
        get('/indexes/rr_sort_first', {}, 'tasks'),
        get(`/indexes/${MAIN_INDEX}`, {}, 'tasks'),
        search({ limit: 3 }, 'rr_date_desc', 'later'),
        search({ limit: 3 }, MAIN_INDEX, 'search'),
        search({ limit: 3 }, MAIN_INDEX, 'bad'),
        search({ limit: 3 }, MAIN_INDEX, 'none'),
        get(`/indexes/${MAIN_INDEX}/documents`, {}, 'search'),
        post('/keys', { actions: ['search'], indexes: ['*'], expiresAt: null }, 'search'),
        key({ uid: created, name: 'made-by-catalogue', description: 'x' }),
        get(`/keys/${created}`),
        key({ uid: created }),
        key({ actions: undefined }),
        key({ expiresAt: undefined }),
        key({ actions: ['fly'] }),
        key({ indexes: ['bad index!'] }),
        key({ indexes: 'articles' }),
        key({ expiresAt: '2001-01-01T00:00:00Z' }),
        key({ expiresAt: 'tomorrow' }),
        key({ uid: 'not-a-uuid' }),
        key({ name: 5 }),
        key({
          actions: ['documents.*', 'indexes.get'],
          indexes: ['rr_*', MAIN_INDEX],
          uid: '66666666-6666-4666-8666-666666666666',
        }),
        { method: 'PATCH', path: `/keys/${created}`, body: { name: 'renamed', description: null } },
        { method: 'PATCH', path: `/keys/${created}`, body: { actions: ['*'] } },
        get(`/keys/${created}`),
        { method: 'DELETE', path: `/keys/${created}` },
        get(`/keys/${created}`),
        { method: 'DELETE', path: `/keys/${created}` },
      ];
    },
  },
  {
    name: 'errors',
    target: 'engine',
    about: 'bad filters, bad sorts, unknown indexes, bad parameters and bodies: status and code',
    requests: () => {
      const badFilters: unknown[] = [
        'year =',
        'year = 2021 AND',
        '(year = 2021',
        'year IN [2021',
        'persons = "unterminated',
        'year 2020 TO',
        'NOT',
        'year >> 1',
        '= 2021',
        'year = 2021 OR OR year = 2020',
        'paragraph = 1',
        'title = x',
        'date IS NULL',
        'year EXISTS 1',
        'year IS',
        'persons IS EMPTY NOW',
        'year IN []',
        '_geoRadius(1, 2, 3)',
        5,
        { year: 1 },
        [[['year = 1']]],
        [5],
        '',
      ];
      const badSorts: unknown[] = [
        ['title:asc'],
        ['date_ts'],
        ['date_ts:up'],
        'date_ts:asc',
        ['_geoPoint(0, 0):asc'],
        [''],
        [5],
        ['date_ts:asc', 'date_ts:desc'],
      ];
      const badParams: Body[] = [
        { limit: -1 },
        { limit: 'x' },
        { offset: -1 },
        { page: 'x' },
        { hitsPerPage: -1 },
        { q: 5 },
        { unknownParam: true },
        { attributesToRetrieve: 'id' },
        { attributesToSearchOn: ['paragraph'] },
        { attributesToSearchOn: ['nope'] },
        { matchingStrategy: 'none' },
        { distinct: 'title' },
        { distinct: 5 },
        { facets: ['title'] },
        { facets: 'persons' },
        { cropLength: -1 },
        { cropLength: 'x' },
        { showMatchesPosition: 'yes' },
        { highlightPreTag: 1 },
        { rankingScoreThreshold: 2 },
        { rankingScoreThreshold: -0.5 },
        { attributesToHighlight: 'text' },
        { vector: [1, 2] },
        { hybrid: { semanticRatio: 0.5 } },
        { locales: ['xx'] },
        { limit: 1.5 },
      ];
      return [
        ...badFilters.map((filter) => search({ filter })),
        ...badSorts.map((sort) => search({ sort })),
        ...badParams.map((b) => search(b)),
        search({ q: 'x' }, 'no_such_index'),
        post('/indexes/no_such_index/facet-search', { facetName: 'persons' }),
        post('/indexes/no_such_index/documents/fetch', {}),
        get('/indexes/no_such_index/settings'),
        get('/indexes/no_such_index'),
        get('/indexes/no_such_index/documents/x'),
        search({ q: 'x' }, 'bad index!'),
        post(`/indexes/${MAIN_INDEX}/facet-search`, {}),
        post(`/indexes/${MAIN_INDEX}/facet-search`, { facetName: 'title' }),
        post(`/indexes/${MAIN_INDEX}/facet-search`, { facetName: 'persons', facetQuery: 5 }),
        post(`/indexes/${MAIN_INDEX}/facet-search`, { facetName: 'persons', filter: 'year =' }),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, { filter: 'year =' }),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, { limit: -1 }),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, { fields: 'id' }),
        post(`/indexes/${MAIN_INDEX}/documents/fetch`, { filter: 'title = x' }),
        post(`/indexes/${MAIN_INDEX}/search`, '{"q": "x"'),
        post(`/indexes/${MAIN_INDEX}/search`, '[1, 2]'),
        post(`/indexes/${MAIN_INDEX}/search`, 'null'),
        get(`/indexes/${MAIN_INDEX}/search`, { limit: 'abc' }),
        get(`/indexes/${MAIN_INDEX}/search`, { offset: -1 }),
        get(`/indexes/${MAIN_INDEX}/search`, { filter: 'year =' }),
        get(`/indexes/${MAIN_INDEX}/search`, { sort: 'title:asc' }),
        get(`/indexes/${MAIN_INDEX}/search`, { showMatchesPosition: 'maybe' }),
        post('/multi-search', { queries: [{ q: 'x' }] }),
        post('/multi-search', { queries: [{ indexUid: MAIN_INDEX, filter: 'year =' }] }),
        post('/multi-search', {}),
        get('/no-such-route'),
      ];
    },
  },
  {
    name: 'dynamic-search-rules',
    target: 'engine',
    about:
      '/dynamic-search-rules with its experimental feature off: bodies checked first, then the feature refusal; no task is enqueued',
    requests: () => {
      const patch = (uid: string, body: unknown): CatalogueRequest => ({
        method: 'PATCH',
        path: `/dynamic-search-rules/${uid}`,
        body,
      });
      const pin = { selector: { id: '1' }, action: { type: 'pin', position: 0 } };
      return [
        post('/dynamic-search-rules', {}),
        post('/dynamic-search-rules', { limit: 'a' }),
        post('/dynamic-search-rules', { offset: -1 }),
        post('/dynamic-search-rules', { filter: { x: 1 } }),
        post('/dynamic-search-rules', { filter: { query: 5 } }),
        post('/dynamic-search-rules', { filter: { active: 'yes' } }),
        post('/dynamic-search-rules', { other: 1 }),
        get('/dynamic-search-rules/some-rule'),
        get('/dynamic-search-rules/bad%20uid'),
        patch('some-rule', { actions: [pin] }),
        patch('some-rule', { foo: 1 }),
        patch('some-rule', { description: 5 }),
        patch('some-rule', { precedence: -1 }),
        patch('some-rule', { active: 'no' }),
        patch('some-rule', { actions: [{ ...pin, action: { type: 'boost' } }] }),
        patch('some-rule', { actions: [{ selector: { id: '1' } }] }),
        patch('some-rule', { actions: [{ ...pin, action: { type: 'pin', position: -2 } }] }),
        patch('some-rule', { conditions: { query: { isEmpty: true, words: 'a' } } }),
        patch('some-rule', { conditions: { time: { start: 'nope' } } }),
        patch('some-rule', {
          conditions: { time: { start: '2030-01-02T00:00:00Z', end: '2030-01-01T00:00:00Z' } },
        }),
        patch('some-rule', { conditions: { unknown: {} } }),
        patch('bad%20uid', {}),
        { method: 'DELETE', path: '/dynamic-search-rules/some-rule' },
        { method: 'DELETE', path: '/dynamic-search-rules' },
      ];
    },
  },
  {
    name: 'search-get',
    target: 'engine',
    about: 'GET /search with parameters in the query string',
    requests: (v, p) => [
      ...p.pick(v.words.slice(0, 100), 6).flatMap((q) => [
        get(`/indexes/${MAIN_INDEX}/search`, { q, attributesToRetrieve: 'id', limit: 7 }),
        get(`/indexes/${MAIN_INDEX}/search`, {
          q,
          attributesToRetrieve: 'id',
          filter: `year >= ${v.years[2]}`,
          facets: 'persons,year',
        }),
        get(`/indexes/${MAIN_INDEX}/search`, {
          q,
          attributesToRetrieve: 'id,text',
          attributesToHighlight: 'text',
          attributesToCrop: 'text',
          cropLength: 8,
        }),
        get(`/indexes/${MAIN_INDEX}/search`, {
          q,
          attributesToRetrieve: 'id',
          sort: 'date_ts:desc,paragraph:asc',
          page: 2,
          hitsPerPage: 3,
        }),
        get(`/indexes/${MAIN_INDEX}/search`, {
          q,
          attributesToRetrieve: 'id',
          distinct: 'article_id',
          matchingStrategy: 'all',
          showMatchesPosition: 'true',
        }),
      ]),
    ],
  },
  {
    name: 'multi-search',
    target: 'engine',
    about: '/multi-search: several queries, several indexes, federated',
    requests: (v, p) => {
      const qs = multiWord(v, p, 6);
      return [
        ...qs.map((q) =>
          post('/multi-search', {
            queries: [
              { indexUid: MAIN_INDEX, q, attributesToRetrieve: ['id'] },
              { indexUid: 'rr_typo_words', q, limit: 3, attributesToRetrieve: ['id'] },
            ],
          }),
        ),
        ...qs.map((q) =>
          post('/multi-search', {
            federation: { limit: 10 },
            queries: [
              { indexUid: MAIN_INDEX, q },
              { indexUid: 'rr_date_desc', q },
            ].map((x) => ({ ...x, attributesToRetrieve: ['id'] })),
          }),
        ),
        ...qs.slice(0, 4).map((q) =>
          post('/multi-search', {
            federation: { offset: 2, limit: 5, facetsByIndex: { [MAIN_INDEX]: ['year'] } },
            queries: [
              { indexUid: MAIN_INDEX, q, attributesToRetrieve: ['id'] },
              {
                indexUid: MAIN_INDEX,
                q: q.split(' ')[0],
                federationOptions: { weight: 2 },
                attributesToRetrieve: ['id'],
              },
            ],
          }),
        ),
        post('/multi-search', { queries: [] }),
      ];
    },
  },

  // The Worker, one per engine, through its public API.
  {
    name: 'worker-search-q',
    target: 'worker',
    about: 'GET /api/search?q: words, inflected forms, typos, prefixes; both groupings',
    requests: (v, p) =>
      cross({
        q: [
          ...INFLECTED,
          ...p.pick(v.words.slice(0, 200), 14),
          ...multiWord(v, p, 8),
          typoVariants(p.one(v.byLength.get(9) ?? ['депутатов']), p)[0] as string,
          'депут',
          '',
        ],
        group: ['article', 'paragraph'],
      }).map((b) => get('/api/search', b)),
  },
  {
    name: 'worker-search-persons',
    target: 'worker',
    about: 'person (repeatable) with person_mode all/any, alone and with q',
    requests: (v, p) => {
      const people = p.pick(v.persons, 8);
      const sets = [
        ...people.map((x) => [x]),
        ...people.slice(0, 6).map((x, i) => [x, people[i + 1] as string]),
        [people[0] as string, 'Никто Неизвестный'],
      ];
      return cross({
        person: sets,
        person_mode: ['all', 'any'],
        q: ['', p.one(v.words.slice(0, 50))],
        group: ['article', 'paragraph'],
      }).map((b) => get('/api/search', b));
    },
  },
  {
    name: 'worker-search-dates',
    target: 'worker',
    about: 'year (repeatable), from and to at each precision',
    requests: (v, p) => {
      const y = (i: number) => String(v.years[Math.min(i, v.years.length - 1)]);
      const m = (f: number) => v.months[Math.floor(f * (v.months.length - 1))] as string;
      const ranges: Body[] = [
        { year: [y(1)] },
        { year: [y(2), y(4)] },
        { year: [y(0), y(1), y(5)] },
        { from: y(2) },
        { to: y(2) },
        { from: y(1), to: y(3) },
        { from: m(0.3) },
        { to: m(0.6) },
        { from: m(0.2), to: m(0.4) },
        { from: `${m(0.5)}-10` },
        { to: `${m(0.5)}-15` },
        { from: `${m(0.3)}-01`, to: `${m(0.3)}-28` },
        { from: '2022-01', to: '2022-01' },
        { year: [y(2)], from: m(0.1), to: m(0.9) },
      ];
      return cross({
        range: ranges,
        q: ['', p.one(v.words.slice(0, 50))],
        person: [[], [v.persons[0] as string]],
      }).map(({ range, ...b }) =>
        get('/api/search', { ...b, ...range } as Record<string, string | string[]>),
      );
    },
  },
  {
    name: 'worker-search-sort-page',
    target: 'worker',
    about: 'sort, page, per_page and group together; article (more from one article)',
    requests: (v, p) => [
      ...cross({
        sort: ['relevance', 'newest', 'oldest'],
        page: ['1', '3'],
        per_page: ['1', '7', '50'],
        group: ['article', 'paragraph'],
        q: ['', p.one(v.words.slice(0, 30))],
      }).map((b) => get('/api/search', b)),
      ...cross({ article: p.pick(v.articleIds, 4), q: ['', p.one(v.words.slice(0, 30))] }).map(
        (b) => get('/api/search', { ...b, group: 'paragraph' }),
      ),
    ],
  },
  {
    name: 'worker-persons',
    target: 'worker',
    about: 'GET /api/persons?q= prefixes',
    requests: (v, p) =>
      [
        ...p
          .pick(v.persons, 8)
          .flatMap((n) => [
            n.slice(0, 1),
            n.slice(0, 3),
            n.split(' ')[1]?.slice(0, 3) ?? n,
            n.toLowerCase(),
          ]),
        '',
        'та',
        'zz',
        'Ташиев',
      ].map((q) => get('/api/persons', { q })),
  },
  {
    name: 'worker-articles',
    target: 'worker',
    about: 'GET /api/articles/:id, known and unknown',
    requests: (v, p) =>
      [...p.pick(v.articleIds, 25), 'no-such-article', 'x'.repeat(201), 'gen%2F1'].map((id) =>
        get(`/api/articles/${encodeURIComponent(id)}`),
      ),
  },
  {
    name: 'worker-multi-search',
    target: 'worker',
    about: 'POST /multi-search through the Worker proxy (InstantSearch-shaped)',
    requests: (v, p) => {
      const qs = [...multiWord(v, p, 6), ...p.pick(v.words.slice(0, 100), 6)];
      const bodies: Body[] = qs.flatMap((q) => [
        {
          indexUid: 'anything',
          q,
          attributesToRetrieve: ['id'],
          facets: ['persons', 'year'],
          hitsPerPage: 5,
          page: 1,
        },
        {
          indexUid: MAIN_INDEX,
          q,
          attributesToRetrieve: ['id', 'text'],
          attributesToHighlight: ['text'],
          highlightPreTag: '<em>',
          highlightPostTag: '</em>',
          attributesToCrop: ['text'],
          cropLength: 10,
          limit: 3,
        },
        {
          q,
          attributesToRetrieve: ['id'],
          filter: [`year >= ${v.years[2]}`],
          sort: ['date_ts:desc'],
          distinct: 'article_id',
          offset: 2,
          limit: 5,
        },
      ]);
      return [
        ...bodies.map((b) => post('/multi-search', { queries: [b] })),
        post('/multi-search', {
          queries: [
            { q: qs[0] },
            { q: qs[1], filter: 'persons EXISTS', facets: ['article_persons'], limit: 0 },
          ],
        }),
        post('/multi-search', { queries: [{ q: 'x', apiKey: 'no' }] }),
        post('/multi-search', { queries: [{ q: 'x', filter: 'year =' }] }),
        post('/multi-search', { queries: [{ q: 'x', sort: ['title:asc'] }] }),
        post('/multi-search', 'not json'),
      ];
    },
  },
  {
    name: 'worker-errors',
    target: 'worker',
    about: 'bad API parameters: status and error code',
    requests: () =>
      (
        [
          { per_page: '0' },
          { per_page: '51' },
          { page: '0' },
          { page: 'x' },
          { page: '200', per_page: '10' },
          { sort: 'best' },
          { group: 'x' },
          { person_mode: 'some' },
          { from: '2022-13' },
          { to: '22' },
          { from: '2023', to: '2021' },
          { year: 'abc' },
          { year: '99' },
          { q: 'x'.repeat(201) },
          { person: Array.from({ length: 11 }, (_, i) => `P ${i}`) },
          { person: '' },
        ] as Array<Record<string, string | string[]>>
      )
        .map((q) => get('/api/search', q))
        .concat([
          get('/api/persons', { q: 'x'.repeat(101) }),
          get('/api/nothing'),
          get('/api/health'),
        ]),
  },
];

export function requestsOf(family: Family, v: Vocabulary): CatalogueRequest[] {
  return family.requests(v, picker(family.name));
}
