/** Values the global setup hands to the Worker tests through vitest's provide/inject. */
/** An engine the Worker tests run against, with the sample content indexed. */
export interface WorkerEngine {
  name: 'meili-local' | 'meilisearch' | 'MEILI_HOST';
  host: string;
  searchKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Every engine found (meili-local first), each holding the same content under the same index names. */
    engines: WorkerEngine[];
    meiliHost: string;
    meiliSearchKey: string;
    meiliIndex: string;
    /** An index of a few synthetic articles written to test how word forms rank (see engine.ts). */
    formsIndex: string;
    /** A server that accepts connections but answers only after 10 s. */
    slowHost: string;
    /** meili-local, each answer 300 ms late. */
    lateHost: string;
    /** A server that answers 200 with a body that is not JSON. */
    garbageHost: string;
    /** A server that answers as Meilisearch does when its search queue is full (503). */
    busyHost: string;
    /** An address where nothing listens. */
    deadHost: string;
  }
}
