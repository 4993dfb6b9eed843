/**
 * Caching of JSON answers with the Cache API. The key is the path exactly as requested and the
 * validated parameters in name order: parameter order does not split the cache, letter case does
 * (`Иван Петров` is not `иван петров`). An answer is fresh for CACHE_TTL_SECONDS (the longest a new
 * indexing run stays hidden); for CACHE_STALE_SECONDS after that it still stands in when the engine
 * fails (stale-if-error), marked `X-Cache: STALE`. Only computing takes one of the engine's slots
 * (see api/shed.ts): answers from the cache are never shed.
 */
import type { Context } from 'hono';
import { endTime, startTime } from 'hono/timing';
import { setting, type AppEnv } from './env.ts';
import { withEngineSlot } from './api/shed.ts';
import { fromMeilisearch } from './errors.ts';

/** When the stored answer was computed (ms since the epoch); never sent to clients. */
const STORED_AT = 'X-Stored-At';

type Params = Record<string, string | number | boolean | Array<string | number> | undefined>;

/** `/api/search` with `{ q: 'Войск', page: 2 }` and with `{ page: 2, q: 'Войск' }` share one key. */
export function cacheKey(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
  }
  const query = search.toString();
  return `https://cache.news-search.internal${path}${query ? `?${query}` : ''}`;
}

function answer(stored: Response, state: 'HIT' | 'STALE', cacheControl: string, age: number) {
  const response = new Response(stored.body, stored);
  response.headers.delete(STORED_AT);
  response.headers.set('Cache-Control', cacheControl);
  response.headers.set('Age', String(age));
  response.headers.set('X-Cache', state);
  return response;
}

/** Answer from the cache when fresh; otherwise compute, answer and store; stale when computing fails. */
export async function cached(
  c: Context<AppEnv>,
  params: Params,
  compute: () => Promise<unknown>,
): Promise<Response> {
  const ttl = setting(c.env, 'CACHE_TTL_SECONDS');
  const staleFor = setting(c.env, 'CACHE_STALE_SECONDS');
  const cache =
    ttl > 0 && typeof caches !== 'undefined'
      ? (caches as unknown as { default: Cache }).default
      : undefined;
  const key = new Request(cacheKey(new URL(c.req.url).pathname, params));
  const stored = await cache?.match(key);
  const age = stored
    ? Math.max(0, Math.floor((Date.now() - Number(stored.headers.get(STORED_AT))) / 1000))
    : 0;
  if (stored && age < ttl) return answer(stored, 'HIT', `public, max-age=${ttl - age}`, age);
  let body: unknown;
  startTime(c, 'meili');
  try {
    body = await withEngineSlot(c.env, compute);
  } catch (error) {
    // stale-if-error: an engine failure answers with the last good answer, and says so.
    if (stored && fromMeilisearch(error).status >= 500)
      return answer(stored, 'STALE', 'no-store', age);
    throw error;
  } finally {
    endTime(c, 'meili');
  }
  const json = JSON.stringify(body);
  const headers = { 'Content-Type': 'application/json; charset=utf-8' };
  if (cache) {
    const store = cache.put(
      key,
      new Response(json, {
        headers: {
          ...headers,
          'Cache-Control': `public, max-age=${ttl + staleFor}`,
          [STORED_AT]: String(Date.now()),
        },
      }),
    );
    try {
      c.executionCtx.waitUntil(store);
    } catch {
      await store; // no execution context (e.g. app.request in tests)
    }
  }
  return new Response(json, {
    headers: {
      ...headers,
      'Cache-Control': ttl > 0 ? `public, max-age=${ttl}` : 'no-store',
      'X-Cache': 'MISS',
    },
  });
}
