/**
 * The public edge inside workerd: cost limits, the allow-list of what leaves the Worker, honest errors,
 * security headers, strict numbers, the case-exact cache key, the rate limiter's key and load shedding.
 * Engine-facing tests run on every engine.
 */
import { describe, expect, inject, it } from 'vitest';
import { LIMITS } from '../../src/api/params.ts';
import { ENGINES, call, engineEnv, json } from './helpers.ts';

type ErrorBody = { error: { code: string; message: string } };
type MultiAnswer = {
  results: Array<{
    hits: Array<Record<string, unknown>>;
    facetDistribution?: Record<string, Record<string, number>>;
  }>;
};

/** `source` is public (the publication's name, when the article gives one); `origin` is a file path. */
const INTERNAL = [
  'origin',
  'text_stem',
  'text_forms',
  'persons_latin',
  'content_hash',
  'person_names',
];

const post = (body: unknown, type = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': type },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe.each(ENGINES)('on $name', (engine) => {
  const env = (overrides = {}) => engineEnv(overrides, engine);
  const multi = (body: unknown, type?: string) =>
    json<MultiAnswer & ErrorBody>('/multi-search', env(), post(body, type));

  describe('cost limits on /multi-search, before the engine', () => {
    const orFilter = (n: number) =>
      Array.from({ length: n }, (_, i) => `persons = "P${i}"`).join(' OR ');

    it.each([
      [
        'a body over the limit',
        { queries: [{ q: 'x'.repeat(LIMITS.bodyBytes) }] },
        413,
        'bodyBytes',
      ],
      [
        'more searches than allowed',
        { queries: Array.from({ length: LIMITS.queries + 1 }, () => ({ q: 'x' })) },
        400,
        'queries',
      ],
      [
        'too many filter conditions',
        { queries: [{ filter: orFilter(LIMITS.filterClauses + 1) }] },
        400,
        'filterClauses',
      ],
      [
        'too many IN values',
        {
          queries: [
            { filter: `year IN [${Array.from({ length: 60 }, (_, i) => 1950 + i).join(', ')}]` },
          ],
        },
        400,
        'filterClauses',
      ],
      [
        'too many conditions in array form',
        { queries: [{ filter: [Array.from({ length: 51 }, (_, i) => `year = ${1950 + i}`)] }] },
        400,
        'filterClauses',
      ],
      [
        'a filter nested too deep',
        { queries: [{ filter: `${'('.repeat(6)}year = 2022${')'.repeat(6)}` }] },
        400,
        'filterDepth',
      ],
      ['paging too deep by offset', { queries: [{ offset: 990, limit: 20 }] }, 400, 'maxDepth'],
      ['paging too deep by page', { queries: [{ page: 21, hitsPerPage: 50 }] }, 400, 'maxDepth'],
      [
        'deep pages in several searches of one call',
        {
          queries: [
            { offset: 950, limit: 50 },
            { page: 20, hitsPerPage: 50 },
          ],
        },
        400,
        'callDepth',
      ],
      ['an internal facet', { queries: [{ facets: ['origin'] }] }, 400, 'facets'],
      ['a filter on an internal field', { queries: [{ filter: 'origin EXISTS' }] }, 400, 'origin'],
      [
        'a quoted internal field',
        { queries: [{ filter: `"content_hash" != "x"` }] },
        400,
        'content_hash',
      ],
      ['an internal sort', { queries: [{ sort: ['content_hash:asc'] }] }, 400, 'sort'],
      ['an internal distinct', { queries: [{ distinct: 'origin' }] }, 400, 'distinct'],
      [
        'retrieving an internal field',
        { queries: [{ attributesToRetrieve: ['text_stem'] }] },
        400,
        'attributesToRetrieve',
      ],
      ['a geo filter', { queries: [{ filter: '_geoRadius(1, 2, 3)' }] }, 400, 'filter'],
      ['a broken filter', { queries: [{ filter: 'year = 2022 AND' }] }, 400, 'filter'],
    ])('rejects %s with a 4xx naming the limit', async (_what, body, status, name) => {
      const { status: got, body: answer } = await multi(body);
      expect(got).toBe(status);
      expect(answer.error.message).toContain(name);
    });

    it('rejects the 9 MB stall request at once', async () => {
      const started = Date.now();
      const body = {
        queries: Array.from({ length: 10 }, () => ({
          q: 'бюджет',
          filter: Array.from({ length: 500 }, (_, i) => `persons = "${'Ж'.repeat(900)}${i}"`),
        })),
      };
      const { status, body: answer } = await multi(body);
      expect(status).toBe(413);
      expect(answer.error.code).toBe('body_too_large');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('accepts filters within the limits, in string and array form', async () => {
      const { status, body } = await multi({
        queries: [
          { q: 'войск', filter: `(year = 2022 OR year = 2021) AND NOT persons IS EMPTY` },
          { q: 'войск', filter: [['year = 2022', 'year = 2021'], 'NOT persons IS EMPTY'] },
          { q: '', filter: 'date_ts 1600000000 TO 1700000000', limit: 1 },
        ],
      });
      expect(status).toBe(200);
      expect(body.results[0]?.hits.length).toBeGreaterThan(0);
      expect(body.results[1]?.hits.length).toBe(body.results[0]?.hits.length);
    });

    it('rejects an overlong URL on every route with 414', async () => {
      const long = 'я'.repeat(LIMITS.urlBytes);
      for (const path of [`/api/search?q=${long}`, `/api/persons?q=${long}`, `/?q=${long}`]) {
        const response = await call(path, env());
        expect(response.status).toBe(414);
      }
    });
  });

  describe('what leaves the Worker', () => {
    it('gives /multi-search hits, highlights, match positions and facets with public fields only', async () => {
      const { status, body } = await multi({
        queries: [
          {
            q: 'войск',
            facets: ['*'],
            attributesToHighlight: ['*'],
            attributesToCrop: ['*'],
            showMatchesPosition: true,
            limit: 5,
          },
          { q: 'Ташиев', attributesToRetrieve: ['*'], limit: 5 },
        ],
      });
      expect(status).toBe(200);
      const text = JSON.stringify(body);
      for (const field of INTERNAL) expect(text).not.toContain(`"${field}"`);
      expect(text).not.toContain('sample/');
      const facets = Object.keys(body.results[0]?.facetDistribution ?? {});
      expect(facets).toEqual(expect.arrayContaining(['persons', 'year']));
      expect(body.results[0]?.hits[0]).toHaveProperty('text');
      expect(body.results[0]?.hits[0]).toHaveProperty('_formatted.text');
    });

    it("gives each result Meilisearch's keys for its paging mode and no other", async () => {
      const { status, body } = await multi({
        queries: [
          { q: '', limit: 2, facets: ['year'] },
          { q: '', page: 1, hitsPerPage: 2 },
          { q: 'войск', limit: 2, facets: ['year'] },
          { q: 'войск', page: 1, hitsPerPage: 2 },
        ],
      });
      expect(status).toBe(200);
      const byOffset = ['estimatedTotalHits', 'facetDistribution', 'facetStats', 'limit', 'offset'];
      const byPage = ['hitsPerPage', 'page', 'totalHits', 'totalPages'];
      const keys = (mode: string[]) =>
        [...mode, 'hits', 'indexUid', 'processingTimeMs', 'query'].sort();
      expect(body.results.map((r) => Object.keys(r).sort())).toEqual([
        keys(byOffset),
        keys(byPage),
        keys(byOffset),
        keys(byPage),
      ]);
    });

    it('gives `source` only where the article names its publication, never a file', async () => {
      type Hit = { articleId: string; source?: string };
      const { body } = await json<{ hits: Hit[] }>('/api/search?per_page=50', env());
      const named = body.hits.filter((h) => 'source' in h);
      const unnamed = body.hits.filter((h) => !('source' in h));
      // The sample: JSON, front matter and HTML name a (synthetic) publication; seed lines and plain text do not.
      expect(new Set(named.map((h) => h.source))).toEqual(
        new Set([
          'Демо-лента Приозёрья (синтетические новости)',
          'Новоозёрский вестник (синтетический демо-сайт)',
        ]),
      );
      expect(unnamed.length).toBeGreaterThan(0);
      const [withSource, without] = [named[0] as Hit, unnamed[0] as Hit];
      const article = async (id: string) =>
        (await json<Record<string, unknown>>(`/api/articles/${encodeURIComponent(id)}`, env()))
          .body;
      expect((await article(withSource.articleId)).source).toBe(withSource.source);
      expect(await article(without.articleId)).not.toHaveProperty('source');
      const multiHits = (
        await multi({
          queries: [
            { q: 'Ташиев', attributesToRetrieve: ['*'], limit: 5 },
            { q: '', attributesToRetrieve: ['*'], limit: 50 },
          ],
        })
      ).body.results.flatMap((r) => r.hits);
      expect(multiHits?.some((h) => typeof h.source === 'string')).toBe(true);
      expect(multiHits?.some((h) => !('source' in h))).toBe(true);
      expect(multiHits?.every((h) => !('origin' in h))).toBe(true);
    });

    it('leaks no internal field or source path on any route', async () => {
      const search = await json<{ hits: Array<{ articleId: string }> }>(
        `/api/search?q=${encodeURIComponent('войск')}&group=paragraph`,
        env(),
      );
      const article = search.body.hits[0]?.articleId as string;
      const answers = [
        JSON.stringify(search.body),
        await (await call(`/api/persons?q=${encodeURIComponent('Таш')}`, env())).text(),
        await (await call(`/api/articles/${encodeURIComponent(article)}`, env())).text(),
        await (await call(`/?q=${encodeURIComponent('войск')}`, env())).text(),
        await (await call(`/articles/${encodeURIComponent(article)}`, env())).text(),
        JSON.stringify((await multi({ queries: [{ q: 'войск', facets: ['*'] }] })).body),
      ];
      for (const answer of answers) {
        for (const field of INTERNAL) expect(answer).not.toContain(field);
        expect(answer).not.toContain('sample/');
      }
    });
  });

  describe('honest errors', () => {
    it('answers 415 when /multi-search gets anything but JSON', async () => {
      const { status, body } = await multi({ queries: [{ q: 'x' }] }, 'text/plain');
      expect(status).toBe(415);
      expect(body.error.code).toBe('unsupported_media_type');
      const form = await multi('queries=x', 'application/x-www-form-urlencoded');
      expect(form.status).toBe(415);
    });

    it('answers 400 for malformed JSON', async () => {
      const { status, body } = await multi('{"queries": [');
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_request');
    });

    it('answers 400, not 502, when the engine rejects a client filter', async () => {
      // Valid syntax the engine refuses: CONTAINS is an experimental feature, off by default.
      const { status, body } = await multi({ queries: [{ filter: 'persons CONTAINS "Таш"' }] });
      expect(status).toBe(400);
      expect(body.error.code).toMatch(/filter|feature/);
      expect(body.error.message).toContain('CONTAINS');
    });

    it('answers an article page with 503, not 404, when the engine is down', async () => {
      const response = await call('/articles/some-id', env({ MEILI_HOST: inject('deadHost') }));
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(await response.text()).toContain('Поиск сейчас недоступен');
      const missing = await call('/articles/no-such-article', env());
      expect(missing.status).toBe(404);
    });

    it('serves an expired cached answer while the engine is down, marked STALE', async () => {
      const path = `/api/search?q=${encodeURIComponent('войск')}&per_page=3&sort=oldest`;
      const live = env({ CACHE_TTL_SECONDS: '1' });
      const first = await call(path, live);
      expect(first.status).toBe(200);
      const fresh = await first.json();
      await new Promise((r) => setTimeout(r, 1100));
      const down = await call(path, { ...live, MEILI_HOST: inject('deadHost') });
      expect(down.status).toBe(200);
      expect(down.headers.get('x-cache')).toBe('STALE');
      expect(down.headers.get('cache-control')).toBe('no-store');
      expect(await down.json()).toEqual(fresh);
      const other = await call(`${path}&page=2`, { ...live, MEILI_HOST: inject('deadHost') });
      expect(other.status).toBe(503);
    });

    it('serves the search page from the same cached answer while the engine is down, saying so', async () => {
      // Its own per_page on each engine: one cache serves the whole file.
      const query = `q=${encodeURIComponent('войск')}&per_page=${4 + ENGINES.indexOf(engine)}&sort=newest`;
      const live = env({ CACHE_TTL_SECONDS: '1' });
      const first = await call(`/?${query}`, live);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-cache')).toBe('MISS');
      const articles = (html: string) =>
        new Set([...html.matchAll(/href="\/articles\/([^"?]+)/g)].map((m) => m[1]));
      const fresh = articles(await first.text());
      expect(fresh.size).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1100));
      const dead = { ...live, MEILI_HOST: inject('deadHost') };
      const down = await call(`/?${query}`, dead);
      expect(down.status).toBe(200);
      expect(down.headers.get('x-cache')).toBe('STALE');
      expect(down.headers.get('cache-control')).toBe('no-store');
      const html = await down.text();
      expect(html).toContain('показаны сохранённые результаты');
      expect(articles(html)).toEqual(fresh);
      // One entry for the page and the API.
      const api = await call(`/api/search?${query}`, dead);
      expect(api.headers.get('x-cache')).toBe('STALE');
    });
  });
});

describe('every cost limit', () => {
  const many = (n: number, value: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => value(i));
  const search = (query: string) => ({ path: `/api/search?${query}` });
  const multi = (queries: unknown[]) => ({ path: '/multi-search', body: { queries } });
  /** For each limit, a request just past it. */
  const PAST: Record<keyof typeof LIMITS, { path: string; body?: unknown }> = {
    qLength: search(`q=${'я'.repeat(LIMITS.qLength + 1)}`),
    persons: search(many(LIMITS.persons + 1, (i) => `person=P${i}`).join('&')),
    personLength: search(`person=${'я'.repeat(LIMITS.personLength + 1)}`),
    years: search(many(LIMITS.years + 1, (i) => `year=${2000 + i}`).join('&')),
    perPage: search(`per_page=${LIMITS.perPage + 1}`),
    maxDepth: search(`page=${LIMITS.maxDepth / 10 + 1}&per_page=10`),
    idLength: { path: `/api/articles/${'a'.repeat(LIMITS.idLength + 1)}` },
    urlBytes: search(`q=${'a'.repeat(LIMITS.urlBytes)}`),
    bodyBytes: multi([{ q: 'x'.repeat(LIMITS.bodyBytes) }]),
    queries: multi(many(LIMITS.queries + 1, () => ({ q: 'x' }) as never)),
    // Each search within maxDepth, together past callDepth.
    callDepth: multi([
      { offset: LIMITS.maxDepth - 50, limit: 50 },
      { page: 1, hitsPerPage: 1 },
    ]),
    filterClauses: multi([
      { filter: many(LIMITS.filterClauses + 1, (i) => `year = ${i}`).join(' OR ') },
    ]),
    filterDepth: multi([
      {
        filter: `${'('.repeat(LIMITS.filterDepth + 1)}year = 1${')'.repeat(LIMITS.filterDepth + 1)}`,
      },
    ]),
    filterLength: multi([{ filter: `year = ${'1'.repeat(LIMITS.filterLength)}` }]),
    facets: multi([{ facets: many(LIMITS.facets + 1, () => 'year') }]),
    sorts: multi([{ sort: many(LIMITS.sorts + 1, () => 'date_ts:asc') }]),
  };
  const STATUS: Partial<Record<keyof typeof LIMITS, number>> = { urlBytes: 414, bodyBytes: 413 };

  it.each(Object.keys(LIMITS) as Array<keyof typeof LIMITS>)(
    'answers a request past %s with a 4xx JSON naming it, before the engine',
    async (name) => {
      const { path, body } = PAST[name];
      const init = body === undefined ? undefined : post(body);
      // The engine is not there: the limit must answer first.
      const answer = await json<ErrorBody>(
        path,
        engineEnv({ MEILI_HOST: inject('deadHost') }),
        init,
      );
      expect(answer.status).toBe(STATUS[name] ?? 400);
      expect(answer.body.error.message).toContain(`limit ${name}:`);
    },
  );
});

describe('honest errors without the engine', () => {
  it.each([
    ['PUT', '/api/search', 'GET, HEAD'],
    ['DELETE', '/api/articles/x', 'GET, HEAD'],
    ['GET', '/multi-search', 'POST'],
    ['POST', '/openapi.json', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow', async (method, path, allow) => {
    const response = await call(path, engineEnv(), { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(((await response.json()) as ErrorBody).error.code).toBe('method_not_allowed');
  });

  it('answers the page with its own Russian HTML page for 429, with Retry-After', async () => {
    const env = engineEnv({
      RATE_LIMITER: { limit: async () => ({ success: false }) },
      TRUST_CF_CONNECTING_IP: 'true',
    });
    const from = { headers: { 'CF-Connecting-IP': '10.0.0.9' } };
    const page = await call('/?q=x', env, from);
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('retry-after')).toBe('10');
    expect(await page.text()).toContain('Слишком много запросов');
    const api = await call('/api/search?q=x', env, from);
    expect(api.status).toBe(429);
    expect(api.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('answers an unknown page path with an HTML 404 and an unknown API path with JSON', async () => {
    const page = await call('/nothing-here');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const api = await call('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('security headers', () => {
  it.each(['/', '/api/search?q=x', '/api/health', '/openapi.json', '/nothing'])(
    'are on %s',
    async (path) => {
      const response = await call(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    },
  );

  it('the page starts with a DOCTYPE (no quirks mode)', async () => {
    const html = await (await call('/')).text();
    expect(html.slice(0, 15).toLowerCase()).toBe('<!doctype html>');
  });
});

describe('strict numbers', () => {
  it.each([
    'page=0x10',
    'page=1e1',
    'page=+2',
    'page=%202',
    'page=02',
    'per_page=0x10',
    'year=0x7E3',
    'year=2022.0',
    'year=0999',
    'from=0022',
    'to=0022-01',
    'from=2022-02-30',
  ])('rejects %s with 400', async (query) => {
    const { status, body } = await json<ErrorBody>(`/api/search?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
  });

  it.each(['p=0x2', 'p=1e1', 'p=-1', 'p=02', `q=${'я'.repeat(LIMITS.qLength + 1)}`])(
    'the article view rejects %s with its own 400 page, before the engine',
    async (query) => {
      const response = await call(
        `/articles/some-id?${query}`,
        engineEnv({ MEILI_HOST: inject('deadHost') }),
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(await response.text()).toContain('Запрос не понят: неверно указано:');
    },
  );

  it('accepts plain decimal numbers', async () => {
    const { status } = await json('/api/search?page=2&per_page=5&year=2022&from=2022-01&to=2022');
    expect(status).toBe(200);
  });
});

describe('the cache key', () => {
  it('keeps letter case: two spellings of a person are two answers', async () => {
    const env = engineEnv({ CACHE_TTL_SECONDS: '60' });
    type Answer = { facets: { person: Array<{ value: string; selected: boolean }> } };
    const lower = await json<Answer>(
      `/api/search?person=${encodeURIComponent('иван петров')}`,
      env,
    );
    const upper = await json<Answer>(
      `/api/search?person=${encodeURIComponent('Иван Петров')}`,
      env,
    );
    expect(lower.headers.get('x-cache')).toBe('MISS');
    expect(upper.headers.get('x-cache')).toBe('MISS');
    const selected = upper.body.facets.person.filter((p) => p.selected).map((p) => p.value);
    expect(selected).toEqual(['Иван Петров']);
  });

  it('does not split on parameter order', async () => {
    const env = engineEnv({ CACHE_TTL_SECONDS: '60' });
    const first = await call(
      '/api/search?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82&per_page=4&page=1',
      env,
    );
    const again = await call(
      '/api/search?page=1&per_page=4&q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82',
      env,
    );
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(again.headers.get('x-cache')).toBe('HIT');
  });
});

describe('the rate limiter', () => {
  const keys: string[] = [];
  const limiter = {
    limit: async ({ key }: { key: string }) => {
      keys.push(key);
      return { success: true };
    },
  };

  it('does not count by a CF-Connecting-IP nobody vouches for', async () => {
    keys.length = 0;
    const env = engineEnv({ RATE_LIMITER: limiter });
    for (const ip of ['10.0.0.1', '10.0.0.2'])
      await call('/api/health', env, { headers: { 'CF-Connecting-IP': ip } });
    expect(keys).toEqual([]);
  });

  it('counts per client when TRUST_CF_CONNECTING_IP is true', async () => {
    keys.length = 0;
    const env = engineEnv({ RATE_LIMITER: limiter, TRUST_CF_CONNECTING_IP: 'true' });
    for (const ip of ['10.0.0.1', '10.0.0.2'])
      await call('/api/health', env, { headers: { 'CF-Connecting-IP': ip } });
    expect(keys).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});

describe('load shedding', () => {
  it('answers 503 + Retry-After at once beyond the queue, and after the wait limit in it', async () => {
    const env = engineEnv({
      MEILI_HOST: inject('slowHost'),
      MEILI_TIMEOUT_MS: '800',
      ENGINE_CONCURRENCY: '1',
      ENGINE_QUEUE: '1',
      ENGINE_QUEUE_MS: '300',
    });
    const started = Date.now();
    const timed = (path: string) =>
      call(path, env).then(async (r) => ({
        status: r.status,
        ms: Date.now() - started,
        retry: r.headers.get('retry-after'),
        code: ((await r.json()) as ErrorBody).error.code,
      }));
    const [running, queued, shed] = await Promise.all([
      timed('/api/search?q=a'),
      new Promise((r) => setTimeout(r, 20)).then(() => timed('/api/search?q=b')),
      new Promise((r) => setTimeout(r, 40)).then(() => timed('/api/search?q=c')),
    ]);
    expect(running).toMatchObject({ status: 504, code: 'search_timeout' });
    expect(queued).toMatchObject({ status: 503, code: 'overloaded', retry: '1' });
    expect(queued.ms).toBeGreaterThanOrEqual(300);
    expect(queued.ms).toBeLessThan(800);
    expect(shed).toMatchObject({ status: 503, code: 'overloaded', retry: '1' });
    expect(shed.ms).toBeLessThan(300);
    // The slots are free again afterwards.
    expect((await call('/api/health', engineEnv())).status).toBe(200);
  });

  /** One engine slot, no queue, an engine that answers late: a second search is shed while one waits. */
  const oneSlotOnASlowEngine = () =>
    engineEnv({
      MEILI_HOST: inject('slowHost'),
      MEILI_TIMEOUT_MS: '600',
      CACHE_TTL_SECONDS: '60',
      ENGINE_CONCURRENCY: '1',
      ENGINE_QUEUE: '0',
    });

  it('never sheds an answer the cache holds', async () => {
    const cachedPath = `/api/search?q=${encodeURIComponent('войск')}&per_page=7`;
    expect((await call(cachedPath, engineEnv({ CACHE_TTL_SECONDS: '60' }))).status).toBe(200);
    const busy = oneSlotOnASlowEngine();
    const holding = call('/api/search?q=holds-the-only-slot', busy);
    await new Promise((r) => setTimeout(r, 50));
    const hit = await call(cachedPath, busy);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect((await call('/api/search?q=not-cached', busy)).status).toBe(503);
    expect((await holding).status).toBe(504);
  });

  it('sheds the search page too: an HTML 503 with Retry-After, its cached answers never', async () => {
    const cachedPage = `/?q=${encodeURIComponent('бюджет')}&per_page=6`;
    expect((await call(cachedPage, engineEnv({ CACHE_TTL_SECONDS: '60' }))).status).toBe(200);
    const busy = oneSlotOnASlowEngine();
    const holding = call('/api/search?q=holds-the-slot', busy);
    await new Promise((r) => setTimeout(r, 50));
    const shed = await call('/?q=not-cached', busy);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('content-type')).toMatch(/text\/html/);
    expect(shed.headers.get('retry-after')).toBe('1');
    const hit = await call(cachedPage, busy);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect((await holding).status).toBe(504);
  });

  it('sheds health checks too, rather than pass a flood of them on to the engine', async () => {
    const busy = oneSlotOnASlowEngine();
    const holding = call('/api/search?q=holds-the-slot', busy);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const health = await json<{ status: string } & ErrorBody>('/api/health', busy);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', error: { code: 'overloaded' } });
    expect(health.headers.get('retry-after')).toBe('1');
    expect(Date.now() - started).toBeLessThan(300);
    expect((await holding).status).toBe(504);
  });

  it('computes an answer once for a crowd asking for it at once: none of them is shed', async () => {
    // One slot and no queue: without sharing, all but one of the crowd would be shed.
    const env = engineEnv({
      MEILI_HOST: inject('lateHost'),
      MEILI_TIMEOUT_MS: '5000',
      CACHE_TTL_SECONDS: '60',
      ENGINE_CONCURRENCY: '1',
      ENGINE_QUEUE: '0',
      ENGINE_QUEUE_MS: '5000',
    });
    const path = `/api/search?q=${encodeURIComponent('бюджет')}&per_page=11`;
    const crowd = Array.from({ length: 5 }, () => call(path, env));
    await new Promise((r) => setTimeout(r, 50));
    // Another question meanwhile finds the slot taken.
    expect((await call('/api/search?q=another-question', env)).status).toBe(503);
    const answers = await Promise.all(crowd);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(answers.map((a) => a.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] as string).totalHits).toBeGreaterThan(0);
  });

  it('shares a failure with the crowd waiting for the same answer, rather than shed it', async () => {
    const env = engineEnv({
      MEILI_HOST: inject('garbageHost'),
      ENGINE_CONCURRENCY: '1',
      ENGINE_QUEUE: '0',
    });
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => call('/api/search?q=crowd', env)),
    );
    expect(answers.map((a) => a.status)).toEqual([502, 502, 502]);
  });

  it('serves waiting requests in turn when slots free up', async () => {
    const env = engineEnv({ ENGINE_CONCURRENCY: '1', ENGINE_QUEUE: '8', ENGINE_QUEUE_MS: '5000' });
    const words = ['войск', 'бюджет', 'Ташиев', 'заседание', 'парламент', 'ОДКБ'];
    const answers = await Promise.all(
      words.map((w) => call(`/api/search?q=${encodeURIComponent(w)}`, env)),
    );
    expect(answers.map((a) => a.status)).toEqual(words.map(() => 200));
  });

  it("passes the engine's own 503 on as 503 overloaded with its Retry-After", async () => {
    const response = await call('/api/search?q=x', engineEnv({ MEILI_HOST: inject('busyHost') }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(((await response.json()) as ErrorBody).error.code).toBe('overloaded');
  });
});

describe('OpenAPI', () => {
  it('describes the /multi-search body and the errors of every route', async () => {
    type Doc = {
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>
      >;
    };
    const { body } = await json<Doc>('/openapi.json');
    const multiSearch = body.paths['/multi-search']?.post;
    expect(multiSearch?.requestBody).toHaveProperty(
      'content.application/json.schema.properties.queries',
    );
    expect(Object.keys(multiSearch?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '405', '413', '415', '429', '502', '503', '504']),
    );
    for (const [path, methods] of Object.entries(body.paths))
      for (const operation of Object.values(methods))
        expect(Object.keys(operation.responses), path).toEqual(
          expect.arrayContaining(['200', '405', '414', '429']),
        );
    const search = body.paths['/api/search']?.get as unknown as {
      parameters: Array<{ name: string; schema: { description?: string } }>;
    };
    const to = search.parameters.find((p) => p.name === 'to');
    expect(to?.schema.description).toContain('from');
  });
});
