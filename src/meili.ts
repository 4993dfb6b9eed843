/**
 * The Meilisearch client for one request: configured from the Worker's bindings. Its calls are aborted, and
 * their connections closed so the engine can stop working on them, when the request's client goes away
 * (`signal`: the request's, with the `enable_request_signal` flag) or `MEILI_TIMEOUT_MS` after the
 * client was made: one budget for all its calls. Only a search key is ever used here.
 */
import { type BaseRequestInit, Meilisearch } from 'meilisearch';
import { DEFAULT_INDEX } from './schema/chunk.ts';
import { setting, type Env } from './env.ts';

export function indexName(env: Env): string {
  return env.MEILI_INDEX || DEFAULT_INDEX;
}

export function meiliClient(env: Env, signal?: AbortSignal): Meilisearch {
  const timeout = AbortSignal.timeout(setting(env, 'MEILI_TIMEOUT_MS'));
  return new Meilisearch({
    host: env.MEILI_HOST,
    apiKey: env.MEILI_SEARCH_KEY || undefined,
    // One signal for both, on every call. The client's own `timeout` cannot be combined with a signal (it
    // then aborts a controller the fetch never sees), and its types leave `signal` out for that reason.
    requestInit: {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    } as BaseRequestInit,
  });
}
