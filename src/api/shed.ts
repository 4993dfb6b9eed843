/**
 * Load shedding toward the engine. One isolate runs at most ENGINE_CONCURRENCY engine requests at
 * once; up to ENGINE_QUEUE more wait, each at most ENGINE_QUEUE_MS, in arrival order. Beyond that the
 * Worker answers 503 + Retry-After at once: under overload some clients hear "come back in a second"
 * instead of everyone waiting into a timeout while the engine works on requests nobody awaits any more.
 */
import type { MiddlewareHandler } from 'hono';
import { setting, type AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

let running = 0;
/** Waiting requests, oldest first; calling one hands it the slot of a request that finished. */
const waiting: Array<() => void> = [];

/** The slot of a finished request goes to the oldest waiting one, or is freed. */
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function overloaded(reason: string): ApiError {
  return new ApiError(
    503,
    'overloaded',
    `The search engine is busy (${reason}): try again in a second.`,
    {
      headers: { 'Retry-After': '1' },
    },
  );
}

/** Waits for a slot, or rejects with 503 when the queue is full or the wait too long. */
async function acquire(limit: number, queueLength: number, maxWaitMs: number): Promise<void> {
  if (running < limit) {
    running++;
    return;
  }
  if (waiting.length >= queueLength) throw overloaded(`${queueLength} requests already waiting`);
  await new Promise<void>((resolve, reject) => {
    const granted = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(granted), 1);
      reject(overloaded(`no slot within ${maxWaitMs} ms`));
    }, maxWaitMs);
    waiting.push(granted);
  });
}

export const shedLoad: MiddlewareHandler<AppEnv> = async (c, next) => {
  await acquire(
    setting(c.env, 'ENGINE_CONCURRENCY'),
    setting(c.env, 'ENGINE_QUEUE'),
    setting(c.env, 'ENGINE_QUEUE_MS'),
  );
  try {
    await next();
  } finally {
    release();
  }
};
