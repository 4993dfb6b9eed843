/** The distinct rule, shared by ranking (pages) and search (totals and facets). */
import type { Index } from './index.ts';

/**
 * Distinct as Meilisearch's (`distinct_single_docid`): keeping a document removes every other document that
 * shares any of its values of the attribute; documents without a value are all kept. Values are the
 * attribute's interned ids, so a document's check reads a typed array.
 */
export class Distinct {
  private readonly column;
  /** The document kept for each value id, or -1. */
  private readonly keptFor: Int32Array;

  constructor(index: Index, attribute: string) {
    this.column = index.facetColumn(attribute);
    this.keptFor = new Int32Array(this.column.entries.length).fill(-1);
  }

  /** Whether `n` is still a candidate: no other kept document shares a value with it. */
  allows(n: number): boolean {
    const { offsets, ids } = this.column;
    for (let i = offsets[n] as number; i < (offsets[n + 1] as number); i++) {
      const kept = this.keptFor[ids[i] as number] as number;
      if (kept >= 0 && kept !== n) return false;
    }
    return true;
  }

  /** Keep `n` when it is still a candidate; says whether it was. */
  keep(n: number): boolean {
    if (!this.allows(n)) return false;
    const { offsets, ids } = this.column;
    for (let i = offsets[n] as number; i < (offsets[n + 1] as number); i++)
      this.keptFor[ids[i] as number] = n;
    return true;
  }
}

/**
 * One document per distinct value, for exhaustive counts and facets: the rule applied in internal id order.
 * When no candidate has several values that is the first document of each value, found in one pass.
 */
export function distinctRepresentatives(
  index: Index,
  docs: ArrayLike<number>,
  attribute: string,
): number[] {
  const { offsets, ids, entries } = index.facetColumn(attribute);
  const first = new Int32Array(entries.length).fill(-1);
  const out: number[] = [];
  for (let k = 0; k < docs.length; k++) {
    const n = docs[k] as number;
    const count = (offsets[n + 1] as number) - (offsets[n] as number);
    if (count > 1) {
      const distinct = new Distinct(index, attribute);
      return Array.from(docs)
        .sort((a, b) => index.docid(a) - index.docid(b))
        .filter((d) => distinct.keep(d));
    }
    if (count === 0) out.push(n);
    else {
      const id = ids[offsets[n] as number] as number;
      const seen = first[id] as number;
      if (seen < 0 || index.docid(n) < index.docid(seen)) first[id] = n;
    }
  }
  for (const n of first) if (n >= 0) out.push(n);
  return out;
}
