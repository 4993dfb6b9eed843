/**
 * Searches take turns on meili-local's one thread. One turn is one search (a multi-search takes one per
 * query and gives way between them). The next turn goes to the request with the fewest turns left, then the
 * oldest, so a plain search or a facet search never waits behind the rest of a long multi-search. A request
 * whose client has gone is dropped before its next turn, and a newcomer is refused at once (503 with
 * Retry-After) when the queue is full or the wait it would have is past `maxWaitMs`: a client that would
 * time out anyway is told so without the engine working for nobody.
 */
import { MeiliError } from './errors.ts';

export interface SearchQueueOptions {
  /** Requests that may wait at once; Meilisearch's `--experimental-search-queue-size` (default 1000). */
  capacity?: number;
  /** Refuse a newcomer whose expected wait (turns ahead × the mean turn) is longer than this. */
  maxWaitMs?: number;
}

/** The request's client closed the connection: its answer would go nowhere. */
export class ClientGone extends Error {}

export interface Ticket {
  /** Wait for this request's next turn; rejects with ClientGone if its client has gone meanwhile. */
  turn(): Promise<void>;
  /** The request is finished (answered or failed): its turn passes on. */
  done(): void;
}

interface Waiting {
  left: number;
  arrival: number;
  gone: () => boolean;
  wake: (() => void) | null;
}

/** What a refused client is told to wait: the queue drains in well under a second once load drops. */
export const RETRY_AFTER_SECONDS = 1;

export class SearchQueue {
  readonly capacity: number;
  readonly maxWaitMs: number;
  /** What the queue did, for tests and the bench. */
  readonly counts = { turns: 0, dropped: 0, refused: 0 };
  private readonly requests = new Set<Waiting>();
  private running: Waiting | null = null;
  private turnStarted = 0;
  /** Mean duration of one turn, ms (moving average). */
  private meanTurnMs = 1;
  private arrivals = 0;

  constructor(options: SearchQueueOptions = {}) {
    this.capacity = options.capacity ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
  }

  /** The turns waiting ahead of a newcomer, times the mean turn. */
  expectedWaitMs(): number {
    let turns = 0;
    for (const r of this.requests) turns += r.left;
    return turns * this.meanTurnMs;
  }

  /** Admit a request of `turns` searches, or throw Meilisearch's 503 `too_many_search_requests`. */
  admit(turns: number, gone: () => boolean): Ticket {
    const full = this.requests.size >= this.capacity;
    const waitMs = this.expectedWaitMs();
    if (full || waitMs > this.maxWaitMs) {
      this.counts.refused++;
      throw new MeiliError(
        503,
        'too_many_search_requests',
        full
          ? `Too many search requests running at the same time: ${this.capacity}. Retry after ${RETRY_AFTER_SECONDS}s.`
          : `Too many search requests waiting: this one would wait about ${Math.round(waitMs)} ms, more than ${this.maxWaitMs} ms. Retry after ${RETRY_AFTER_SECONDS}s.`,
        'system',
      );
    }
    const request: Waiting = {
      left: Math.max(1, turns),
      arrival: this.arrivals++,
      gone,
      wake: null,
    };
    this.requests.add(request);
    return {
      turn: () =>
        new Promise<void>((resolve, reject) => {
          this.finishTurn(request);
          if (request.gone()) {
            this.leave(request);
            reject(new ClientGone());
            return;
          }
          request.wake = () => {
            if (request.gone()) {
              this.counts.dropped++;
              this.leave(request);
              reject(new ClientGone());
              return;
            }
            this.running = request;
            this.turnStarted = performance.now();
            this.counts.turns++;
            resolve();
          };
          this.schedule();
        }),
      done: () => {
        this.finishTurn(request);
        this.leave(request);
      },
    };
  }

  private finishTurn(request: Waiting): void {
    if (this.running !== request) return;
    this.running = null;
    request.left = Math.max(1, request.left - 1);
    this.meanTurnMs = 0.8 * this.meanTurnMs + 0.2 * (performance.now() - this.turnStarted);
  }

  private leave(request: Waiting): void {
    this.requests.delete(request);
    if (this.running === request) this.running = null;
    this.schedule();
  }

  /** Give the thread to the next waiting request, after the current turn's I/O has had its chance. */
  private schedule(): void {
    if (this.running) return;
    let next: Waiting | null = null;
    for (const r of this.requests)
      if (
        r.wake &&
        (!next || r.left < next.left || (r.left === next.left && r.arrival < next.arrival))
      )
        next = r;
    if (!next) return;
    const wake = next.wake as () => void;
    next.wake = null;
    this.running = next;
    setImmediate(() => {
      if (this.running === next) this.running = null;
      wake();
      // Dropped at its turn: the next one goes.
      if (!this.running) this.schedule();
    });
  }
}
