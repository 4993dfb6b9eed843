/**
 * How federated multi-search orders hits of different queries, as Meilisearch's federated search
 * (search/federated/perform.rs, weighted_scores.rs; milli score_details.rs, weighted_score_values): each hit's
 * score is a sequence in ranking-rule order, consecutive ranking rules merged into one score and each sort
 * rule kept as its value. Two hits are compared along their sequences; where the sequences cannot be
 * compared (a score against a sort value), by weighted global score; on a tie the earlier query goes first.
 */

/** One element of a hit's score sequence: a run of ranking rules' merged score, or a sort value. */
export type ScoreValue = { score: number } | { asc: boolean; value: unknown };

/** What a ranked hit carries for federation, under a symbol so that it is never serialised. */
export const RANKED = Symbol('ranked');
export interface RankedInfo {
  /** The document's number in its index (federation counts a document once per index). */
  n: number;
  /** Undefined for semantic hits: they compare by global score. */
  values?: ScoreValue[];
}

/** The numbers of a search's candidates, on its result, under a symbol (federation unites them per index). */
export const CANDIDATES = Symbol('candidates');

/** A hit entering the merge. */
export interface FederatedHit {
  values: ScoreValue[] | undefined;
  weight: number;
  /** Global ranking score times the query's weight. */
  weighted: number;
  queryPosition: number;
}

const EPSILON = 2.220446049250313e-16;

/** Meilisearch's compare_sort_values, as an ordering of `a` against `b` (positive: `a` first). */
function compareSortValues(asc: boolean, a: unknown, b: unknown): number {
  const kind = (v: unknown) => (v === null || v === undefined ? 0 : typeof v === 'string' ? 1 : 2);
  if (kind(a) !== kind(b) || kind(a) === 0) return kind(a) - kind(b);
  const order =
    typeof a === 'number' && typeof b === 'number'
      ? Math.sign(a - b)
      : typeof a === 'string' && typeof b === 'string'
        ? a < b
          ? -1
          : a > b
            ? 1
            : 0
        : 0;
  return asc ? -order : order;
}

/** One element against another: a sign, or null when they cannot be compared. */
function compareValue(a: ScoreValue, b: ScoreValue, wa: number, wb: number): number | null {
  if ('score' in a && 'score' in b) {
    const [x, y] = [a.score * wa, b.score * wb];
    return Math.abs(x - y) <= EPSILON ? 0 : Math.sign(x - y);
  }
  if ('asc' in a && 'asc' in b)
    return a.asc === b.asc ? compareSortValues(a.asc, a.value, b.value) : null;
  return null;
}

/** `a` against `b`: positive when `a` goes first (weighted_scores::compare, then the query position). */
export function compareFederated(a: FederatedHit, b: FederatedHit): number {
  const byGlobal = () =>
    Math.abs(a.weighted - b.weighted) <= EPSILON ? 0 : Math.sign(a.weighted - b.weighted);
  let order: number | null = null;
  if (a.values && b.values) {
    for (let i = 0; ; i++) {
      const [x, y] = [a.values[i], b.values[i]];
      if (x === undefined || y === undefined) {
        order = x === y ? 0 : x === undefined ? -1 : 1;
        break;
      }
      const c = compareValue(x, y, a.weight, b.weight);
      if (c === 0) continue;
      if (c !== null) order = c;
      else {
        const rest = a.values.length - b.values.length;
        order = rest === 0 ? null : Math.sign(rest);
      }
      break;
    }
  }
  const c = order ?? byGlobal();
  return c !== 0 ? c : b.queryPosition - a.queryPosition;
}

/** Merge lists that are each in order into one (itertools kmerge_by): the best head goes first each time. */
export function mergeOrdered<T extends FederatedHit>(lists: T[][]): T[] {
  const heads = lists.map(() => 0);
  const out: T[] = [];
  for (;;) {
    let best = -1;
    for (let l = 0; l < lists.length; l++) {
      const head = (lists[l] as T[])[heads[l] as number];
      if (head === undefined) continue;
      if (best < 0 || compareFederated(head, (lists[best] as T[])[heads[best] as number] as T) > 0)
        best = l;
    }
    if (best < 0) return out;
    out.push((lists[best] as T[])[heads[best] as number] as T);
    heads[best] = (heads[best] as number) + 1;
  }
}
