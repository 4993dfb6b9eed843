/** Bindings of the Worker: wrangler `[vars]`, secrets (`.dev.vars` locally) and bindings. */
import type { SecureHeadersVariables } from 'hono/secure-headers';
import type { TimingVariables } from 'hono/timing';

export interface Env {
  /** Base URL of Meilisearch (or meili-local). */
  MEILI_HOST: string;
  /** Index name; defaults to `articles`. */
  MEILI_INDEX?: string;
  /** A search-only API key. Never the master key. */
  MEILI_SEARCH_KEY?: string;
  /** Comma-separated origins allowed by CORS; `*` for any. Default: none (same origin only). */
  CORS_ORIGINS?: string;
  /**
   * `true` where Cloudflare's edge sets `CF-Connecting-IP` (a deployed Worker): the rate limiter then
   * counts per client. Anywhere else a client could write that header itself, so it is not rate-limited.
   */
  TRUST_CF_CONNECTING_IP?: string;
  /** Workers rate-limiting binding (absent in tests that do not configure it). */
  RATE_LIMITER?: { limit(options: { key: string }): Promise<{ success: boolean }> };
  /** The numeric settings below (see SETTINGS), as wrangler passes vars: strings. */
  MEILI_TIMEOUT_MS?: string;
  CACHE_TTL_SECONDS?: string;
  CACHE_STALE_SECONDS?: string;
  ENGINE_CONCURRENCY?: string;
  ENGINE_QUEUE?: string;
  ENGINE_QUEUE_MS?: string;
}

/** The Worker's numeric settings: each one's default and range, in one table. */
export const SETTINGS = {
  /** Timeout of each Meilisearch call; the request is aborted after it, so the engine can stop too. */
  MEILI_TIMEOUT_MS: { default: 3000, min: 1, max: 60_000 },
  /** How long answers may be cached: the longest a new indexing run stays hidden. 0 disables the cache. */
  CACHE_TTL_SECONDS: { default: 30, min: 0, max: 86_400 },
  /** How long after its TTL a cached answer may still stand in while the engine fails (stale-if-error). */
  CACHE_STALE_SECONDS: { default: 3600, min: 0, max: 604_800 },
  /** Engine requests one Worker isolate runs at once; more wait in the queue. */
  ENGINE_CONCURRENCY: { default: 8, min: 1, max: 1000 },
  /** Requests that may wait for a slot; beyond that the Worker answers 503 + Retry-After at once. */
  ENGINE_QUEUE: { default: 64, min: 0, max: 10_000 },
  /** The longest a request waits in the queue before it is answered 503 + Retry-After. */
  ENGINE_QUEUE_MS: { default: 1000, min: 0, max: 60_000 },
} as const;

export type Setting = keyof typeof SETTINGS;

/** A numeric setting: its value when it is a plain decimal integer within range, else its default. */
export function setting(env: Env, name: Setting): number {
  const { default: fallback, min, max } = SETTINGS[name];
  const raw = env[name];
  if (raw === undefined || !/^\d{1,9}$/.test(raw.trim())) return fallback;
  const value = Number(raw.trim());
  return value >= min && value <= max ? value : fallback;
}

/** Hono's type parameter for this app. */
export type AppEnv = { Bindings: Env; Variables: TimingVariables & SecureHeadersVariables };
