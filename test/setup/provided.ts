/** Values the global setup hands to the Worker tests through vitest's provide/inject. */
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    meiliHost: string;
    meiliSearchKey: string;
    meiliIndex: string;
    /** An index of a few synthetic articles written to test how word forms rank (see engine.ts). */
    formsIndex: string;
    /** A server that accepts connections but answers only after 10 s. */
    slowHost: string;
    /** A server that answers 200 with a body that is not JSON. */
    garbageHost: string;
    /** An address where nothing listens. */
    deadHost: string;
  }
}
