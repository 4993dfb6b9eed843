/**
 * The Worker under `wrangler dev` logs one line per failed request. Thousands of them must not stop it
 * answering: wrangler's writes to a pipe nobody reads block its event loop, which once made this suite's
 * Workers hang after load (and ignore SIGTERM). The test harness drains that pipe; this keeps it so.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stopProcess } from '../setup/processes.ts';
import { freePort, startWorker } from '../setup/stack.ts';

let worker: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  // No engine at that address: every search fails fast with a logged 503.
  const nothingThere = `http://127.0.0.1:${await freePort()}`;
  worker = await startWorker(
    { MEILI_HOST: nothingThere, MEILI_SEARCH_KEY: 'no-engine', CACHE_TTL_SECONDS: '0' },
    'bench',
  );
}, 90_000);

afterAll(async () => {
  if (worker) await stopProcess(worker.child);
});

it('keeps answering after logging an error for each of 2 000 requests', async () => {
  const statuses: Record<string, number> = {};
  let sent = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (sent < 2000) {
        sent += 1;
        const status = await fetch(`${worker.url}/api/search?q=word${sent}`, {
          signal: AbortSignal.timeout(5000),
        }).then(
          async (r) => {
            await r.body?.cancel();
            return String(r.status);
          },
          () => 'no answer within 5 s',
        );
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  expect(statuses).toEqual({ '503': 2000 });
  const health = await fetch(`${worker.url}/api/health`, { signal: AbortSignal.timeout(5000) });
  expect(health.status).toBe(503);
}, 120_000);
