/**
 * The Meilisearch client for one request: configured from the Worker's bindings, with a timeout on every
 * call. Only a search key is ever used here.
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

/**
 * For a call to give up as soon as the Worker's own client has gone, not only after MEILI_TIMEOUT_MS:
 * a client and the request init for the call. Either way the connection to the engine closes, so the
 * engine can stop working on it. (The client's own timeout ignores a caller's signal, so here the
 * timeout is part of the one signal.)
 */
export function cancellable(
  env: Env,
  signal: AbortSignal,
): { client: Meilisearch; init: { signal: AbortSignal } } {
  const timeout = AbortSignal.timeout(setting(env, 'MEILI_TIMEOUT_MS'));
  return {
    client: new Meilisearch({ host: env.MEILI_HOST, apiKey: env.MEILI_SEARCH_KEY || undefined }),
    init: { signal: AbortSignal.any([signal, timeout]) },
  };
}
