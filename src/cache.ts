/**
 * Caching of JSON answers with the Cache API, under a normalised key: parameter order and letter case
 * do not split the cache. The TTL (CACHE_TTL_SECONDS, default 30 s) bounds how long a new indexing run
 * can stay hidden behind cached answers.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

export const DEFAULT_CACHE_TTL_SECONDS = 30;

/** `/api/search?Q=Войск&b=1&a=2` and `/api/search?a=2&b=1&q=войск` share one key. */
export function cacheKey(url: string): string {
  const parsed = new URL(url);
  const params = [...parsed.searchParams]
    .map(([k, v]) => [k.toLowerCase(), v.trim().toLowerCase()] as const)
    .sort(([ka, va], [kb, vb]) =>
      ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1,
    );
  const query = new URLSearchParams(params as Array<[string, string]>).toString();
  return `https://cache.news-search.internal${parsed.pathname.toLowerCase()}${query ? `?${query}` : ''}`;
}

export function cacheTtl(env: AppEnv['Bindings']): number {
  const ttl = Number(env.CACHE_TTL_SECONDS ?? DEFAULT_CACHE_TTL_SECONDS);
  return Number.isFinite(ttl) && ttl >= 0 ? Math.floor(ttl) : DEFAULT_CACHE_TTL_SECONDS;
}

/** Answer from the cache when possible; otherwise compute, answer, and store for the TTL. */
export async function cached(
  c: Context<AppEnv>,
  compute: () => Promise<unknown>,
): Promise<Response> {
  const ttl = cacheTtl(c.env);
  const cache =
    ttl > 0 && typeof caches !== 'undefined'
      ? (caches as unknown as { default: Cache }).default
      : undefined;
  const key = new Request(cacheKey(c.req.url));
  const hit = await cache?.match(key);
  if (hit) {
    const response = new Response(hit.body, hit);
    response.headers.set('X-Cache', 'HIT');
    return response;
  }
  const started = Date.now();
  const body = await compute();
  const response = new Response(JSON.stringify(body), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': ttl > 0 ? `public, max-age=${ttl}` : 'no-store',
      'Server-Timing': `meili;dur=${Date.now() - started}`,
      'X-Cache': 'MISS',
    },
  });
  if (cache) {
    const store = cache.put(key, response.clone());
    try {
      c.executionCtx.waitUntil(store);
    } catch {
      await store; // no execution context (e.g. app.request in tests)
    }
  }
  return response;
}
