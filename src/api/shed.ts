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
 * How often a waiting request looks again (for a free slot, for another request's answer). It polls, and is
 * never woken by the other request: workerd does not promise to resume a request from another one's context.
 */
const POLL_MS = 5;

/** Resolves true once `ready()` holds, false once `deadline` (ms since the epoch) has passed first. */
export async function pollUntil(ready: () => boolean, deadline: number): Promise<boolean> {
  for (;;) {
    if (ready()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

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
  try {
    // The oldest waiting requests take the free slots, in arrival order.
    const free = await pollUntil(
      () => waiting.indexOf(ticket) < limit - running,
      Date.now() + maxWaitMs,
    );
    if (!free) throw overloaded(`no slot within ${maxWaitMs} ms`);
    running++;
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
