/**
 * Load shedding toward the engine. One isolate runs at most ENGINE_CONCURRENCY engine requests at
 * once; up to ENGINE_QUEUE more wait, each at most ENGINE_QUEUE_MS, in arrival order. Beyond that the
 * Worker answers 503 + Retry-After at once: under overload some clients hear "come back in a second"
 * instead of everyone waiting into a timeout while the engine works on requests nobody awaits any more.
 */
import type { MiddlewareHandler } from 'hono';
import { setting, type AppEnv, type Env } from '../env.ts';
import { ApiError } from '../errors.ts';

let running = 0;
/** Waiting requests, oldest first. */
const waiting: symbol[] = [];
/**
 * How often a waiting request looks for a free slot. It polls, and is never woken by the request that
 * frees the slot: workerd does not promise to resume a request from another request's context.
 */
const POLL_MS = 5;

function overloaded(reason: string): ApiError {
  return new ApiError(
    503,
    'overloaded',
    `The search engine is busy (${reason}): try again in a second.`,
    { headers: { 'Retry-After': '1' } },
  );
}

/** Waits for a slot, or rejects with 503 when the queue is full or the wait too long. */
async function acquire(limit: number, queueLength: number, maxWaitMs: number): Promise<void> {
  if (running < limit && waiting.length === 0) {
    running++;
    return;
  }
  if (waiting.length >= queueLength) throw overloaded(`${queueLength} requests already waiting`);
  const ticket = Symbol('waiting');
  waiting.push(ticket);
  const deadline = Date.now() + maxWaitMs;
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      // The oldest waiting requests take the free slots, in arrival order.
      if (waiting.indexOf(ticket) < limit - running) {
        running++;
        return;
      }
      if (Date.now() >= deadline) throw overloaded(`no slot within ${maxWaitMs} ms`);
    }
  } finally {
    waiting.splice(waiting.indexOf(ticket), 1);
  }
}

/** Run `work` (calls to the engine) in a slot; 503 + Retry-After when none comes in time. */
export async function withEngineSlot<T>(env: Env, work: () => Promise<T>): Promise<T> {
  await acquire(
    setting(env, 'ENGINE_CONCURRENCY'),
    setting(env, 'ENGINE_QUEUE'),
    setting(env, 'ENGINE_QUEUE_MS'),
  );
  try {
    return await work();
  } finally {
    running--;
  }
}

/** The same as middleware, for routes that call the engine on every request. */
export const shedLoad: MiddlewareHandler<AppEnv> = (c, next) => withEngineSlot(c.env, next);
