/** Bindings of the Worker: wrangler `[vars]`, secrets (`.dev.vars` locally) and bindings. */
export interface Env {
  /** Base URL of Meilisearch (or meili-local). */
  MEILI_HOST: string;
  /** Index name; defaults to `articles`. */
  MEILI_INDEX?: string;
  /** A search-only API key. Never the master key. */
  MEILI_SEARCH_KEY?: string;
}

/** Hono's type parameter for this app. */
export type AppEnv = { Bindings: Env };
