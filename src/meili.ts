/**
 * The Meilisearch client for one request: configured from the Worker's bindings, with a timeout on every
 * call (after it the call is aborted and its connection closed, so the engine can stop working on it).
 * Only a search key is ever used here.
 */
import { Meilisearch } from 'meilisearch';
import { DEFAULT_INDEX } from './schema/chunk.ts';
import { setting, type Env } from './env.ts';

export function indexName(env: Env): string {
  return env.MEILI_INDEX || DEFAULT_INDEX;
}

export function meiliClient(env: Env): Meilisearch {
  return new Meilisearch({
    host: env.MEILI_HOST,
    apiKey: env.MEILI_SEARCH_KEY || undefined,
    timeout: setting(env, 'MEILI_TIMEOUT_MS'),
  });
}
