/** The Worker's contract beyond happy paths: validation, errors under faults, CORS, caching, OpenAPI, proxy. */
import { inject, describe, expect, it } from 'vitest';
import { call, engineEnv, json } from './helpers.ts';

describe('validation', () => {
  it.each([
    ['per_page=0', 'per_page'],
    ['per_page=51', 'per_page'],
    ['page=0', 'page'],
    ['page=200&per_page=50', 'page'],
    ['sort=random', 'sort'],
    ['group=site', 'group'],
    ['person_mode=some', 'person_mode'],
    ['from=2022-13', 'from'],
    ['to=yesterday', 'to'],
    ['year=abc', 'year'],
    [`q=${'я'.repeat(201)}`, 'q'],
    [Array.from({ length: 11 }, (_, i) => `person=P${i}`).join('&'), 'person'],
  ])('rejects %s with a 400 naming the parameter', async (query, name) => {
    const { status, body } = await json<{ error: { code: string; message: string } }>(
      `/api/search?${query}`,
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.message).toContain(name);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { status, body } = await json<{ error: { code: string } }>('/api/nothing');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('filter values cannot inject', () => {
  it('treats quotes and filter syntax in a person name as a literal value', async () => {
    const hostile = 'Ташиев" OR year = 2022 OR article_persons = "x';
    const { status, body } = await json<{ totalHits: number }>(
      `/api/search?person=${encodeURIComponent(hostile)}`,
    );
    expect(status).toBe(200);
    expect(body.totalHits).toBe(0);
    const backslash = await json<{ totalHits: number }>(
      `/api/search?person=${encodeURIComponent('a\\" OR 1=1')}`,
    );
    expect(backslash.status).toBe(200);
    expect(backslash.body.totalHits).toBe(0);
  });
});

describe('when Meilisearch fails', () => {
  it('answers 503 quickly when nothing listens', async () => {
    const started = Date.now();
    const { status, body } = await json<{ error: { code: string } }>(
      '/api/search?q=x',
      engineEnv({ MEILI_HOST: inject('deadHost') }),
    );
    expect(status).toBe(503);
    expect(body.error.code).toBe('search_unavailable');
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await call('/api/health', engineEnv({ MEILI_HOST: inject('deadHost') }))).status).toBe(
      503,
    );
  });

  it('answers 504 after the configured timeout when Meilisearch hangs', async () => {
    const started = Date.now();
    const { status, body } = await json<{ error: { code: string } }>(
      '/api/search?q=x',
      engineEnv({ MEILI_HOST: inject('slowHost'), MEILI_TIMEOUT_MS: '300' }),
    );
    expect(status).toBe(504);
    expect(body.error.code).toBe('search_timeout');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('answers 502 when Meilisearch answers garbage', async () => {
    const { status, body } = await json<{ error: { code: string } }>(
      '/api/search?q=x',
      engineEnv({ MEILI_HOST: inject('garbageHost') }),
    );
    expect(status).toBe(502);
    expect(body.error.code).toMatch(/^search_/);
  });

  it('answers 502 when the key is refused', async () => {
    const { status, body } = await json<{ error: { code: string } }>(
      '/api/search?q=x',
      engineEnv({ MEILI_SEARCH_KEY: 'wrong' }),
    );
    expect(status).toBe(502);
    expect(body.error.code).toBe('search_unauthorized');
  });
});

describe('CORS', () => {
  it('allows only configured origins', async () => {
    const env = engineEnv({ CORS_ORIGINS: 'https://news.example' });
    const allowed = await call('/api/health', env, { headers: { Origin: 'https://news.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://news.example');
    const denied = await call('/api/health', env, { headers: { Origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limiting', () => {
  it('answers 429 JSON when the limiter says no', async () => {
    let calls = 0;
    const env = engineEnv({
      RATE_LIMITER: { limit: async () => ({ success: ++calls <= 2 }) },
      TRUST_CF_CONNECTING_IP: 'true',
    });
    const from = { headers: { 'CF-Connecting-IP': '10.0.0.1' } };
    expect((await call('/api/health', env, from)).status).toBe(200);
    expect((await call('/api/health', env, from)).status).toBe(200);
    const limited = await json<{ error: { code: string } }>('/api/health', env, from);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
  });
});

describe('caching', () => {
  it('serves a repeated query from the cache whatever the parameter order, with Cache-Control and Server-Timing', async () => {
    const env = engineEnv({ CACHE_TTL_SECONDS: '60' });
    const first = await call(
      '/api/search?q=%D0%92%D0%BE%D0%B9%D1%81%D0%BA&per_page=5&sort=newest',
      env,
    );
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(first.headers.get('server-timing')).toMatch(/total;dur=/);
    const again = await call(
      '/api/search?sort=newest&per_page=5&q=%D0%92%D0%BE%D0%B9%D1%81%D0%BA',
      env,
    );
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(await again.json()).toEqual(await first.json());
  });

  it('does not cache errors', async () => {
    const env = engineEnv({ CACHE_TTL_SECONDS: '60', MEILI_HOST: inject('deadHost') });
    expect((await call('/api/search?q=uncached', env)).status).toBe(503);
    expect(
      (await call('/api/search?q=uncached', engineEnv({ CACHE_TTL_SECONDS: '60' }))).status,
    ).toBe(200);
  });
});

describe('OpenAPI and the multi-search proxy', () => {
  it('describes the API from the validating schemas', async () => {
    const { status, body } = await json<{
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    }>('/openapi.json');
    expect(status).toBe(200);
    const names = body.paths['/api/search']?.get?.parameters?.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'q',
        'person',
        'person_mode',
        'year',
        'from',
        'to',
        'sort',
        'page',
        'per_page',
        'group',
      ]),
    );
  });

  it('proxies searches to the fixed index whatever the client names', async () => {
    const { status, body } = await json<{ results: Array<{ indexUid: string; hits: unknown[] }> }>(
      '/multi-search',
      engineEnv(),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          queries: [{ indexUid: 'someone_elses_index', q: 'войск', limit: 3 }],
        }),
      },
    );
    expect(status).toBe(200);
    expect(body.results[0]?.indexUid).toBe(inject('meiliIndex'));
    expect(body.results[0]?.hits.length).toBeGreaterThan(0);
  });

  it('rejects parameters outside the allow-list', async () => {
    const { status } = await json('/multi-search', engineEnv(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: [{ q: 'x', limit: 5000 }] }),
    });
    expect(status).toBe(400);
    const unknown = await json('/multi-search', engineEnv(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: [{ q: 'x', vector: [1, 2] }] }),
    });
    expect(unknown.status).toBe(400);
  });
});
