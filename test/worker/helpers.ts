/** Calling the Worker inside workerd with bindings pointing at the test engine (or a faulty one). */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { inject } from 'vitest';
import worker from '../../src/index.ts';
import type { Env } from '../../src/env.ts';
import type { WorkerEngine } from '../setup/provided.ts';

/** Every engine the setup started, for `describe.each(ENGINES)`; meili-local first. */
export const ENGINES = inject('engines');

/** Bindings for the Worker on `engine` (default: meili-local), with `overrides`. */
export function engineEnv(
  overrides: Partial<Env> = {},
  engine: WorkerEngine = ENGINES[0] as WorkerEngine,
): Env {
  return {
    MEILI_HOST: engine.host,
    MEILI_INDEX: inject('meiliIndex'),
    MEILI_SEARCH_KEY: engine.searchKey,
    CACHE_TTL_SECONDS: '0',
    ...overrides,
  };
}

export async function call(
  path: string,
  env: Env = engineEnv(),
  init?: RequestInit,
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://worker.test${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export async function json<T = Record<string, unknown>>(
  path: string,
  env?: Env,
  init?: RequestInit,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await call(path, env, init);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

export const q = (params: Record<string, string | string[]>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const value of Array.isArray(v) ? v : [v]) search.append(k, value);
  return search.toString();
};
