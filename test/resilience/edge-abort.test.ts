/**
 * When the Worker gives up on an engine call (MEILI_TIMEOUT_MS), the engine sees the connection close,
 * so it can stop working on it. Through `wrangler dev`, against an engine stand-in that never answers
 * and records when each connection closes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopProcess } from '../setup/processes.ts';
import { startWorker } from '../setup/stack.ts';

const TIMEOUT_MS = 4000;

describe('the engine call ends when the Worker gives up', () => {
  let engine: Server;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  /** Per request to the stand-in: when it came and when its connection closed. */
  const seen: Array<{ path: string; at: number; closedAt?: number }> = [];

  beforeAll(async () => {
    engine = createServer((req, res) => {
      const entry: { path: string; at: number; closedAt?: number } = {
        path: req.url ?? '',
        at: Date.now(),
      };
      seen.push(entry);
      res.on('close', () => (entry.closedAt = Date.now()));
      // Never answers.
    });
    await new Promise<void>((resolve) => engine.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(engine.address() as AddressInfo).port}`;
    worker = await startWorker(
      { MEILI_HOST: host, MEILI_TIMEOUT_MS: String(TIMEOUT_MS), CACHE_TTL_SECONDS: '0' },
      'bench',
    );
  });

  afterAll(async () => {
    if (worker) await stopProcess(worker.child);
    engine?.closeAllConnections();
    await new Promise((resolve) => engine?.close(resolve));
  });

  const lastSearch = async () => {
    await expect.poll(() => seen.some((s) => s.path.includes('multi-search'))).toBe(true);
    return seen.filter((s) => s.path.includes('multi-search')).at(-1) as (typeof seen)[number];
  };

  it('closes it at the timeout, and answers 504', async () => {
    const started = Date.now();
    const response = await fetch(`${worker.url}/api/search?q=timeout`);
    expect(response.status).toBe(504);
    const call = await lastSearch();
    await expect.poll(() => call.closedAt, { timeout: 3000 }).toBeDefined();
    expect((call.closedAt as number) - started).toBeLessThan(TIMEOUT_MS + 1500);
  });
});
