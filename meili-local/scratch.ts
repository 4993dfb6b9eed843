/**
 * Typed arrays lent for the length of one search and then reused. Searches run one at a time (they are
 * synchronous), and allocating the few megabytes of per-document arrays a search over 100k documents needs
 * made garbage collection a large share of search time.
 */
type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;
type Make<T extends TypedArray> = new (length: number) => T;

/** Arrays kept per element type; more than this many are left to the garbage collector. */
const KEPT = 32;

class Scratch {
  private readonly free = new Map<Make<TypedArray>, TypedArray[]>();
  private lent: Array<[Make<TypedArray>, TypedArray]> = [];

  /**
   * An array of `length` elements, valid until the next `reclaim`: each set to `value`, or left as the last
   * search left it when `value` is null (for arrays the caller writes before reading).
   */
  take<T extends TypedArray>(make: Make<T>, length: number, value: number | null = 0): T {
    let pool = this.free.get(make);
    if (!pool) this.free.set(make, (pool = []));
    const at = pool.findIndex((a) => a.length >= length);
    const array = at >= 0 ? (pool.splice(at, 1)[0] as T) : new make(Math.max(length, 1024));
    this.lent.push([make, array]);
    const view = array.subarray(0, length) as T;
    if (value !== null) view.fill(value);
    return view;
  }

  /** Everything lent is free again: call at the start of a search, when the previous one is done with it. */
  reclaim(): void {
    for (const [make, array] of this.lent) {
      const pool = this.free.get(make) as TypedArray[];
      if (pool.length < KEPT) pool.push(array);
    }
    this.lent = [];
  }
}

export const scratch = new Scratch();
