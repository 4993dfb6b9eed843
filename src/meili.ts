/**
 * The Meilisearch client for one request: configured from the Worker's bindings, with a timeout on every
 * call. Only a search key is ever used here.
 */
import { Meilisearch } from 'meilisearch';
import { DEFAULT_INDEX } from './schema/chunk.ts';
import type { Env } from './env.ts';

export const DEFAULT_TIMEOUT_MS = 3000;

export function indexName(env: Env): string {
  return env.MEILI_INDEX || DEFAULT_INDEX;
}

export function meiliClient(env: Env): Meilisearch {
  const timeout = Number(env.MEILI_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  return new Meilisearch({
    host: env.MEILI_HOST,
    apiKey: env.MEILI_SEARCH_KEY || undefined,
    timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
  });
}
