/** Bindings of the Worker: wrangler `[vars]`, secrets (`.dev.vars` locally) and bindings. */
export interface Env {
  /** Base URL of Meilisearch (or meili-local). */
  MEILI_HOST: string;
  /** Index name; defaults to `articles`. */
  MEILI_INDEX?: string;
  /** A search-only API key. Never the master key. */
  MEILI_SEARCH_KEY?: string;
  /** Timeout of each Meilisearch call, milliseconds (default 3000). */
  MEILI_TIMEOUT_MS?: string;
  /** Comma-separated origins allowed by CORS; `*` for any. Default: none (same origin only). */
  CORS_ORIGINS?: string;
  /** How long answers may be cached, seconds (default 30): the longest a new indexing run stays hidden. */
  CACHE_TTL_SECONDS?: string;
  /** Workers rate-limiting binding (absent in tests that do not configure it). */
  RATE_LIMITER?: { limit(options: { key: string }): Promise<{ success: boolean }> };
}

/** Hono's type parameter for this app. */
export type AppEnv = { Bindings: Env };
