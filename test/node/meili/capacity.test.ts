/**
 * meili-local's search queue (meili-local/search-queue.ts) over real HTTP: a short search does not wait behind
 * a long multi-search, the work of a client that has gone stops, and overload is refused with 503 and
 * Retry-After. meili-local only: the real engine runs searches on several threads with its own queue
 * (random eviction, no check for closed connections), so these are properties of meili-local's design.
 */
import { loadMorphology } from '../../../indexer/morphology.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocuments } from '../../../bench/engine.ts';
import type { SearchQueueOptions } from '../../../meili-local/search-queue.ts';
import { startMeiliLocal, type MeiliLocal } from '../../../meili-local/server.ts';
import { indexSettings } from '../../../src/schema/chunk.ts';

const masterKey = 'capacity-master-key-0123456789';
const INDEX = 'capacity';

interface Answer {
  status: number;
  body: string;
  retryAfter?: string;
  at: number;
}

/** POST a JSON body; `abortAfterMs` closes the connection before the answer. */
function post(
  server: MeiliLocal,
  path: string,
  body: unknown,
  abortAfterMs?: number,
  method = 'POST',
): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${masterKey}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            retryAfter: res.headers['retry-after'] as string | undefined,
            at: performance.now(),
          }),
        );
      },
    );
    req.on('error', (error) =>
      abortAfterMs === undefined
        ? reject(error)
        : resolve({ status: 0, body: String(error), at: performance.now() }),
    );
    req.end(payload);
    if (abortAfterMs !== undefined) setTimeout(() => req.destroy(), abortAfterMs);
  });
}

const longMultiSearch = (queries: number) => ({
  queries: Array.from({ length: queries }, (_, i) => ({
    indexUid: INDEX,
    q: ['решение', 'бюджета', 'министр', 'парламент'][i % 4],
    facets: ['persons', 'year', 'month'],
    page: 1,
    hitsPerPage: 10,
  })),
});

async function startWith(options: SearchQueueOptions) {
  const dbPath = mkdtempSync(join(tmpdir(), 'meili-capacity-'));
  const server = await startMeiliLocal({
    httpAddr: '127.0.0.1:0',
    dbPath,
    masterKey,
    logLevel: 'silent',
    searchQueue: options,
  });
  const settings = await post(
    server,
    `/indexes/${INDEX}/settings`,
    indexSettings,
    undefined,
    'PATCH',
  );
  expect(settings.status).toBe(202);
  const added = await post(
    server,
    `/indexes/${INDEX}/documents?primaryKey=id`,
    generateDocuments(5000, await loadMorphology()),
  );
  expect(added.status).toBe(202);
  const uid = JSON.parse(added.body).taskUid as number;
  for (;;) {
    const task = await fetch(`${server.url}/tasks/${uid}`, {
      headers: { authorization: `Bearer ${masterKey}` },
    }).then((r) => r.json() as Promise<{ status: string }>);
    if (task.status === 'succeeded') break;
    if (task.status === 'failed') throw new Error('indexing failed');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    server,
    close: async () => {
      await server.close();
      rmSync(dbPath, { recursive: true, force: true });
    },
  };
}

describe('meili-local search queue', () => {
  let stack: Awaited<ReturnType<typeof startWith>>;
  beforeAll(async () => {
    stack = await startWith({ capacity: 1000, maxWaitMs: 60_000 });
  }, 60_000);
  afterAll(() => stack.close());

  it('answers a plain search before the rest of a long multi-search queued ahead of it', async () => {
    const { server } = stack;
    const long = post(server, '/multi-search', longMultiSearch(40));
    await new Promise((r) => setTimeout(r, 5));
    const short = post(server, `/indexes/${INDEX}/search`, { q: 'газ', limit: 3 });
    const facet = post(server, `/indexes/${INDEX}/facet-search`, {
      facetName: 'persons',
      facetQuery: 'Ел',
    });
    const [l, s, f] = await Promise.all([long, short, facet]);
    expect([l.status, s.status, f.status]).toEqual([200, 200, 200]);
    expect(JSON.parse(l.body).results).toHaveLength(40);
    expect(s.at).toBeLessThan(l.at);
    expect(f.at).toBeLessThan(l.at);
  });

  it('stops the work of a client that has gone', async () => {
    const { server } = stack;
    const before = { ...server.searchQueue.counts };
    // Five requests of 40 searches each, all closed by their clients after 30 ms.
    const gone = await Promise.all(
      Array.from({ length: 5 }, () => post(server, '/multi-search', longMultiSearch(40), 30)),
    );
    expect(gone.every((a) => a.status === 0)).toBe(true);
    // The engine is free again at once, and answers.
    const after = await post(server, `/indexes/${INDEX}/search`, { q: 'газ' });
    expect(after.status).toBe(200);
    const ran = server.searchQueue.counts.turns - before.turns;
    expect(server.searchQueue.counts.dropped).toBeGreaterThan(before.dropped);
    // Far fewer than the 200 searches asked for were run.
    expect(ran).toBeLessThan(100);
  });
});

describe('meili-local load shedding', () => {
  it('refuses searches past the queue size with 503, too_many_search_requests and Retry-After', async () => {
    const stack = await startWith({ capacity: 2, maxWaitMs: 60_000 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => post(stack.server, '/multi-search', longMultiSearch(5))),
      );
      const refused = answers.filter((a) => a.status === 503);
      const served = answers.filter((a) => a.status === 200);
      expect(served.length).toBeGreaterThanOrEqual(2);
      expect(refused.length).toBeGreaterThan(0);
      expect(served.length + refused.length).toBe(8);
      for (const answer of refused) {
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
        expect(JSON.parse(answer.body)).toMatchObject({
          code: 'too_many_search_requests',
          type: 'system',
          message: expect.stringContaining('Too many search requests running at the same time: 2.'),
        });
      }
      // Once the load is gone, searches are served again.
      expect((await post(stack.server, `/indexes/${INDEX}/search`, { q: 'газ' })).status).toBe(200);
    } finally {
      await stack.close();
    }
  }, 60_000);

  it('refuses a search at once when its expected wait is past the limit', async () => {
    const stack = await startWith({ capacity: 1000, maxWaitMs: 20 });
    try {
      const long = Array.from({ length: 3 }, () =>
        post(stack.server, '/multi-search', longMultiSearch(40)),
      );
      await new Promise((r) => setTimeout(r, 5));
      const started = performance.now();
      const late = await post(stack.server, `/indexes/${INDEX}/search`, { q: 'газ' });
      expect(late.status).toBe(503);
      expect(late.retryAfter).toBe('1');
      expect(JSON.parse(late.body)).toMatchObject({
        code: 'too_many_search_requests',
        message: expect.stringContaining('Too many search requests waiting'),
      });
      // Refused without waiting for the queue ahead.
      expect(late.at - started).toBeLessThan(
        (await Promise.all(long)).reduce((max, a) => Math.max(max, a.at), 0) - started,
      );
    } finally {
      await stack.close();
    }
  }, 60_000);
});
