/**
 * Caching of JSON answers with the Cache API. The key is the path exactly as requested and the
 * validated parameters in name order: parameter order does not split the cache, letter case does
 * (`Иван Петров` is not `иван петров`). An answer is fresh for CACHE_TTL_SECONDS (the longest a new
 * indexing run stays hidden); for CACHE_STALE_SECONDS after that it still stands in when the engine
 * fails (stale-if-error), marked `X-Cache: STALE`. Only computing takes one of the engine's slots
 * (see api/shed.ts): answers from the cache are never shed. Requests for one key that arrive while its
 * answer is being computed wait for that answer instead of computing it again: when a popular answer
 * expires, or before the first one is stored, a crowd asking for it costs the engine one search, not one
 * each (which under load would shed most of the crowd).
 */
import type { Context } from 'hono';
import { endTime, startTime } from 'hono/timing';
import { setting, type AppEnv } from './env.ts';
import { pollUntil, withEngineSlot } from './api/shed.ts';
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

type State = 'HIT' | 'MISS' | 'STALE';

/** An answer as the cache gives it: its JSON, whether it was fresh, computed or stale, and its age. */
interface Through {
  json: string;
  state: State;
  age: number;
  ttl: number;
}

/** An answer being computed in this isolate: its JSON once there, or what made it fail. */
interface Computation {
  json?: string;
  error?: unknown;
}
const computing = new Map<string, Computation>();

/**
 * `compute` as JSON, or the JSON of the same computation already under way for `key` (`shared`: waiting
 * for it at most as long as for an engine slot; after that, computed anew). A failure is shared too.
 */
async function computeOnce(
  c: Context<AppEnv>,
  key: string,
  compute: () => Promise<unknown>,
): Promise<{ json: string; shared: boolean }> {
  const underWay = computing.get(key);
  if (underWay) {
    const deadline = Date.now() + setting(c.env, 'ENGINE_QUEUE_MS');
    if (await pollUntil(() => 'json' in underWay || 'error' in underWay, deadline)) {
      if ('error' in underWay) throw underWay.error;
      return { json: underWay.json as string, shared: true };
    }
  }
  const mine: Computation = {};
  computing.set(key, mine);
  try {
    mine.json = JSON.stringify(await withEngineSlot(c.env, compute));
    return { json: mine.json, shared: false };
  } catch (error) {
    mine.error = error;
    throw error;
  } finally {
    if (computing.get(key) === mine) computing.delete(key);
  }
}

/**
 * The answer for `params` at `path`: from the cache when fresh; otherwise computed (in an engine slot, or
 * by the request already computing it) and stored; the stored one, stale, when computing fails on the
 * engine's side (stale-if-error).
 */
async function throughCache(
  c: Context<AppEnv>,
  path: string,
  params: Params,
  compute: () => Promise<unknown>,
): Promise<Through> {
  const ttl = setting(c.env, 'CACHE_TTL_SECONDS');
  const staleFor = setting(c.env, 'CACHE_STALE_SECONDS');
  const cache =
    ttl > 0 && typeof caches !== 'undefined'
      ? (caches as unknown as { default: Cache }).default
      : undefined;
  const key = new Request(cacheKey(path, params));
  const stored = await cache?.match(key);
  const age = stored
    ? Math.max(0, Math.floor((Date.now() - Number(stored.headers.get(STORED_AT))) / 1000))
    : 0;
  if (stored && age < ttl) return { json: await stored.text(), state: 'HIT', age, ttl };
  let computed: { json: string; shared: boolean };
  startTime(c, 'meili');
  try {
    computed = await computeOnce(c, key.url, compute);
  } catch (error) {
    if (stored && fromMeilisearch(error).status >= 500)
      return { json: await stored.text(), state: 'STALE', age, ttl };
    throw error;
  } finally {
    endTime(c, 'meili');
  }
  const { json, shared } = computed;
  // The request that computed it stores it.
  if (cache && !shared) {
    const store = cache.put(
      key,
      new Response(json, {
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
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
  return { json, state: 'MISS', age: 0, ttl };
}

const CACHE_CONTROL: Record<State, (t: Through) => string> = {
  HIT: (t) => `public, max-age=${t.ttl - t.age}`,
  MISS: (t) => (t.ttl > 0 ? `public, max-age=${t.ttl}` : 'no-store'),
  // A stand-in while the engine fails: not to be kept by anyone.
  STALE: () => 'no-store',
};

/** Caching headers of an answer: Cache-Control, X-Cache and (from the cache) Age. */
export function cacheHeaders(t: Through): Record<string, string> {
  return {
    'Cache-Control': CACHE_CONTROL[t.state](t),
    'X-Cache': t.state,
    ...(t.state === 'MISS' ? {} : { Age: String(t.age) }),
  };
}

/** The JSON answer for the request's own path (the API routes). */
export async function cached(
  c: Context<AppEnv>,
  params: Params,
  compute: () => Promise<unknown>,
): Promise<Response> {
  const through = await throughCache(c, new URL(c.req.url).pathname, params, compute);
  return new Response(through.json, {
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...cacheHeaders(through) },
  });
}

/** The value cached for `path` (another route's answer, which the page shares), and how it was had. */
export async function cachedValue<T>(
  c: Context<AppEnv>,
  path: string,
  params: Params,
  compute: () => Promise<T>,
): Promise<{ value: T; through: Through }> {
  const through = await throughCache(c, path, params, compute);
  return { value: JSON.parse(through.json) as T, through };
}
