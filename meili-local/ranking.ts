/**
 * Ranking as Meilisearch does it: the features of each matching document (words, typos, proximity,
 * attribute, exactness), the ranking rules in the index's order with sort and custom rules, and the
 * ordering of the first page of results.
 */
import { MeiliError } from './errors.ts';
import { valuesAt, type Document } from './filter.ts';
import { POSITION_LIMIT, type Index, type Occurrences } from './index.ts';
import { scratch } from './scratch.ts';

const ABSENT = 0xffffffff;
const EXACT = 0x80;
/** What a pair of query terms scores when they are not close in any attribute (Meilisearch's cap). */
const FAR = 8;

/**
 * The documents of one query term, as dense typed arrays indexed by document number: a common word
 * matches most of the index, and one object per hit would cost more in allocation and GC than the search.
 */
export class TermDocs {
  /** Best packed (attribute rank, position) of the term in each document; ABSENT when it does not occur. */
  private readonly packed: Uint32Array;
  /** Fewest typos among the matching words, with the EXACT bit when the document holds the query word itself. */
  private readonly flags: Uint8Array;
  private readonly numbers: Int32Array;
  private count = 0;
  private readonly words: Occurrences[] = [];
  /** For the first word added: where each document's occurrences start in its list. */
  private firstOccurrence: Int32Array | null = null;
  /** Every position of the term per document (`positions[starts[n]] ..`, `counts[n]` of them), built on first use. */
  private starts: Int32Array | null = null;
  private counts: Int32Array | null = null;
  private positionList: Uint32Array | null = null;

  constructor(
    capacity: number,
    private readonly live: Uint8Array,
  ) {
    this.packed = scratch.take(Uint32Array, capacity, ABSENT);
    this.flags = scratch.take(Uint8Array, capacity);
    this.numbers = scratch.take(Int32Array, capacity, null);
  }

  /** Record the live documents of one matching word (words are added fewest typos first). */
  addWord(list: Occurrences, typo: number, exact: boolean): void {
    const { packed, flags, numbers, live } = this;
    const { docs, positions, length } = list;
    const first = this.words.length === 0 ? (this.firstOccurrence = scratch.take(Int32Array, packed.length, null)) : null;
    this.words.push(list);
    let previous = -1;
    for (let i = 0; i < length; i++) {
      const n = docs[i] as number;
      // A document's occurrences are consecutive and in position order: its first one says all there is.
      if (n === previous) continue;
      previous = n;
      if (!live[n]) continue;
      const position = positions[i] as number;
      const current = packed[n] as number;
      if (current === ABSENT) {
        numbers[this.count++] = n;
        packed[n] = position;
        flags[n] = typo | (exact ? EXACT : 0);
        if (first) first[n] = i;
        continue;
      }
      if (position < current) packed[n] = position;
      if (exact) flags[n] = (flags[n] as number) | EXACT;
    }
  }

  get size(): number {
    return this.count;
  }

  has(n: number): boolean {
    return this.packed[n] !== ABSENT;
  }

  keys(): Int32Array {
    return this.numbers.subarray(0, this.count);
  }

  packedAt(n: number): number {
    return this.packed[n] as number;
  }

  typoAt(n: number): number {
    return (this.flags[n] as number) & ~EXACT;
  }

  exactAt(n: number): boolean {
    return ((this.flags[n] as number) & EXACT) !== 0;
  }

  /**
   * The positions of the term in document n: `list[range[0]] .. list[range[1] - 1]` of the list returned
   * (the bounds are written into `range` so that proximity, run per document, allocates nothing).
   */
  positionsIn(n: number, range: Int32Array): Uint32Array {
    if (this.words.length === 1) {
      // One word: its occurrences in document n are a run of its list, starting where addWord first saw n.
      const { docs, positions, length } = this.words[0] as Occurrences;
      const from = (this.firstOccurrence as Int32Array)[n] as number;
      let to = from + 1;
      while (to < length && docs[to] === n) to++;
      range[0] = from;
      range[1] = to;
      return positions;
    }
    if (!this.positionList) this.gatherPositions();
    range[0] = (this.starts as Int32Array)[n] as number;
    range[1] = range[0] + ((this.counts as Int32Array)[n] as number);
    return this.positionList as Uint32Array;
  }

  /** Group every occurrence of the matching words by document (a counting sort), for proximity. */
  private gatherPositions(): void {
    const counts = scratch.take(Int32Array, this.packed.length);
    const starts = scratch.take(Int32Array, this.packed.length, null);
    for (const { docs, length } of this.words) for (let i = 0; i < length; i++) counts[docs[i] as number] = (counts[docs[i] as number] as number) + 1;
    let total = 0;
    const { numbers } = this;
    for (let k = 0; k < this.count; k++) {
      const n = numbers[k] as number;
      starts[n] = total;
      total += counts[n] as number;
      counts[n] = 0;
    }
    const list = scratch.take(Uint32Array, total, null);
    for (const { docs, positions, length } of this.words) {
      for (let i = 0; i < length; i++) {
        const n = docs[i] as number;
        if (this.packed[n] === ABSENT) continue;
        list[(starts[n] as number) + (counts[n] as number)] = positions[i] as number;
        counts[n] = (counts[n] as number) + 1;
      }
    }
    this.starts = starts;
    this.counts = counts;
    this.positionList = list;
  }
}


export interface Term {
  /** Normalised query word. */
  word: string;
  prefix: boolean;
  /** Candidate words of the index with their typo count. */
  matches: Map<string, number>;
  docs: TermDocs;
}

const rangeA = new Int32Array(2);
const rangeB = new Int32Array(2);

/** Proximity: for consecutive query terms, the smallest distance between their matches in one attribute. */
export function proximity(n: number, active: Term[]): number {
  let total = 0;
  for (let t = 1; t < active.length; t++) {
    const a = (active[t - 1] as Term).docs.positionsIn(n, rangeA);
    const b = (active[t] as Term).docs.positionsIn(n, rangeB);
    let best = FAR;
    for (let i = rangeA[0] as number; i < (rangeA[1] as number) && best > 1; i++) {
      const pa = a[i] as number;
      for (let j = rangeB[0] as number; j < (rangeB[1] as number); j++) {
        const pb = b[j] as number;
        // A word before the one it follows in the query counts one more; other attributes are far.
        const d = pb > pa ? pb - pa : pa - pb + 1;
        if (d < best && Math.floor(pa / POSITION_LIMIT) === Math.floor(pb / POSITION_LIMIT)) best = d;
      }
    }
    total += best;
  }
  return total;
}

/** The ranking features of one document for the terms it matched (for scores and details). */
export interface Ranked {
  n: number;
  words: number;
  typos: number;
  proximity: number;
  /** The best packed (attribute rank, position) among the matched terms. */
  attribute: number;
  exactness: number;
}

export function features(n: number, active: Term[]): Ranked {
  let typos = 0;
  let attribute = Number.MAX_SAFE_INTEGER;
  let exactness = 0;
  for (const { docs } of active) {
    typos += docs.typoAt(n);
    const packed = docs.packedAt(n);
    if (packed < attribute) attribute = packed;
    if (docs.exactAt(n)) exactness++;
  }
  return { n, words: active.length, typos, proximity: proximity(n, active), attribute, exactness };
}

/** Orders two document numbers. */
export type Comparator = (a: number, b: number) => number;

function compareValues(a: unknown, b: unknown): number {
  // Meilisearch sorts numbers before strings; missing values last.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a).localeCompare(String(b));
}

function sortValue(doc: Document, attribute: string, direction: 'asc' | 'desc'): unknown {
  const values = valuesAt(doc, attribute).filter((v) => typeof v === 'number' || typeof v === 'string');
  if (values.length === 0) return undefined;
  // For arrays, Meilisearch sorts by the smallest value ascending and the largest descending.
  return values.sort(compareValues)[direction === 'asc' ? 0 : values.length - 1];
}

/** Comparators for `attr:asc|desc` expressions; `code` names the parameter in errors (search or documents). */
export function sortComparators(index: Index, sort: string[], code = 'invalid_search_sort'): Comparator[] {
  return sort.map((expression) => {
    const m = /^(.+):(asc|desc)$/.exec(expression);
    if (!m) {
      throw new MeiliError(
        400,
        code,
        `Invalid syntax for the sort parameter: expected expression ending by \`:asc\` or \`:desc\`, found \`${expression}\`.`,
      );
    }
    const attribute = m[1] as string;
    const direction = m[2] as 'asc' | 'desc';
    if (!index.isSortable(attribute)) {
      const available = index.settings.sortableAttributes;
      throw new MeiliError(
        400,
        code,
        `Attribute \`${attribute}\` is not sortable. ${available.length ? `Available sortable attributes are: \`${[...available].sort().join(', ')}\`.` : 'This index does not have configured sortable attributes.'}`,
      );
    }
    return attributeComparator(index, attribute, direction);
  });
}

/** Document numbers ordered by `sort` expressions (`GET /documents?sort=`): stable, unsortable last. */
export function sortDocumentNumbers(index: Index, numbers: number[], sort: string[], code: string): number[] {
  const comparators = sortComparators(index, sort, code);
  return [...numbers].sort((a, b) => {
    for (const compare of comparators) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return a - b;
  });
}

/** Order by an attribute's value; values are read once per document and query. */
function attributeComparator(index: Index, attribute: string, direction: 'asc' | 'desc'): Comparator {
  const cache = new Map<number, unknown>();
  const value = (n: number) => {
    if (!cache.has(n)) cache.set(n, sortValue(index.documentAt(n), attribute, direction));
    return cache.get(n);
  };
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) return va === vb ? 0 : va === undefined ? 1 : -1;
    const c = compareValues(va, vb);
    return direction === 'asc' ? c : -c;
  };
}


/**
 * The documents that matched, in struct-of-arrays form: each with the level it matched at (the set of query
 * terms it holds, `actives[level]`) and the features the cheap ranking rules read, computed as it is added.
 */
export class Candidates {
  count = 0;
  docs: Int32Array;
  levels: Uint8Array;
  typos: Uint8Array;
  /** Best packed (attribute rank, position) among the matched terms. */
  positions: Uint32Array;
  /** How many matched terms the document holds only in another form (prefix, typo, synonym). */
  inexact: Uint8Array;
  readonly actives: Term[][] = [];

  constructor(expected: number) {
    const size = Math.max(16, expected);
    this.docs = scratch.take(Int32Array, size, null);
    this.levels = scratch.take(Uint8Array, size, null);
    this.typos = scratch.take(Uint8Array, size, null);
    this.positions = scratch.take(Uint32Array, size, null);
    this.inexact = scratch.take(Uint8Array, size, null);
  }

  /** A new level of matching terms; returns its number for `add`. */
  level(active: Term[]): number {
    return this.actives.push(active) - 1;
  }

  add(n: number, level: number): void {
    if (this.count === this.docs.length) this.grow();
    const i = this.count++;
    let typos = 0;
    let position = ABSENT;
    let inexact = 0;
    for (const { docs } of this.actives[level] as Term[]) {
      typos += docs.typoAt(n);
      const packed = docs.packedAt(n);
      if (packed < position) position = packed;
      if (!docs.exactAt(n)) inexact++;
    }
    this.docs[i] = n;
    this.levels[i] = level;
    this.typos[i] = Math.min(typos, 255);
    this.positions[i] = position === ABSENT ? 0 : position;
    this.inexact[i] = inexact;
  }

  /** Document numbers of the candidates, in the order they were added. */
  numbers(): Int32Array {
    return this.docs.subarray(0, this.count);
  }

  private grow(): void {
    const size = this.docs.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Uint32Array>(a: T, make: new (n: number) => T): T => {
      const b = scratch.take(make, size, null);
      b.set(a);
      return b;
    };
    this.docs = grown(this.docs, Int32Array);
    this.levels = grown(this.levels, Uint8Array);
    this.typos = grown(this.typos, Uint8Array);
    this.positions = grown(this.positions, Uint32Array);
    this.inexact = grown(this.inexact, Uint8Array);
  }
}

/**
 * One ranking rule: it writes a small integer rank for each of `members` (candidate indexes) into `ranks`
 * (lower ranks first), or orders documents with a comparator. `constant` tells, from the query alone, that
 * every candidate would get the same rank, so the rule can be skipped.
 */
export type Rule =
  | { rank: (c: Candidates, members: Int32Array, ranks: Float64Array) => void; constant: (c: Candidates) => boolean }
  | { compare: Comparator };

/** A rule ranking by one number per candidate. */
const byCandidate = (of: (c: Candidates, i: number) => number, constant: (c: Candidates) => boolean = () => false): Rule => ({
  rank: (c, members, ranks) => {
    for (let j = 0; j < members.length; j++) ranks[j] = of(c, members[j] as number);
  },
  constant,
});

const RULES: Record<string, Rule> = {
  words: byCandidate(
    (c, i) => -(c.actives[c.levels[i] as number] as Term[]).length,
    (c) => c.actives.length === 1,
  ),
  typo: byCandidate(
    (c, i) => c.typos[i] as number,
    (c) => c.actives.every((active) => active.every((t) => [...t.matches.values()].every((typos) => typos === 0))),
  ),
  proximity: byCandidate(
    (c, i) => proximity(c.docs[i] as number, c.actives[c.levels[i] as number] as Term[]),
    (c) => c.actives.every((active) => active.length <= 1),
  ),
  attribute: byCandidate((c, i) => c.positions[i] as number),
  // Meilisearch >= 1.17 splits `attribute` into the attribute's rank, then the word's position in it.
  attributeRank: byCandidate((c, i) => Math.floor((c.positions[i] as number) / POSITION_LIMIT)),
  wordPosition: byCandidate((c, i) => (c.positions[i] as number) % POSITION_LIMIT),
  exactness: byCandidate((c, i) => c.inexact[i] as number),
};

export function rankingRules(index: Index, sort: string[] | null | undefined): Rule[] {
  const rules: Rule[] = [];
  const sorts = sort?.length ? sortComparators(index, sort) : [];
  let sortPlaced = false;
  for (const rule of index.settings.rankingRules) {
    const builtIn = RULES[rule];
    if (builtIn) rules.push(builtIn);
    else if (rule === 'sort') {
      for (const compare of sorts) rules.push({ compare });
      sortPlaced = true;
    } else {
      const m = /^(.+):(asc|desc)$/.exec(rule);
      if (m) rules.push({ compare: attributeComparator(index, m[1] as string, m[2] as 'asc' | 'desc') });
    }
  }
  if (sorts.length && !sortPlaced) {
    throw new MeiliError(
      400,
      'invalid_search_sort',
      'You must specify where `sort` is listed in the rankingRules setting to use the sort parameter at search time.',
    );
  }
  return rules;
}


/** Candidate indexes ordered by one rule, cut into buckets of equal rank: `order[bounds[b]] .. order[bounds[b + 1] - 1]`. */
interface Split {
  order: Int32Array;
  bounds: number[];
  /** The next bucket to rank, and the rule that splits it. */
  next: number;
  rule: number;
}

/**
 * The first `needed` results (after distinct) in the order of the ranking rules, found as Meilisearch does:
 * the candidates are split into buckets by the first rule, and only the buckets that reach the page are
 * split by the next rule, so costly rules (proximity, sort) run on few documents. Ties end in document order.
 */
export function rankTop(
  candidates: Candidates,
  rules: Rule[],
  needed: number,
  distinctKey: ((n: number) => string | null) | null,
): Array<{ n: number; active: Term[] }> {
  const { docs, levels, actives } = candidates;
  const out: Array<{ n: number; active: Term[] }> = [];
  const seenKeys = new Set<string>();
  const take = (members: Int32Array): void => {
    // The last tie-break is the document number (a native sort of number * 256 + level, decoded after).
    const byDocument = scratch.take(Float64Array, members.length, null);
    for (let j = 0; j < members.length; j++) byDocument[j] = (docs[members[j] as number] as number) * 256 + (levels[members[j] as number] as number);
    byDocument.sort();
    for (const packed of byDocument) {
      const n = Math.floor(packed / 256);
      const key = distinctKey?.(n) ?? null;
      if (key !== null) {
        if (seenKeys.has(key)) continue;
        seenKeys.add(key);
      }
      out.push({ n, active: actives[packed % 256] as Term[] });
      if (out.length >= needed) return;
    }
  };
  const all = scratch.take(Int32Array, candidates.count, null);
  for (let i = 0; i < all.length; i++) all[i] = i;
  // Splits still being ranked, the innermost last.
  const stack: Split[] = [{ order: all, bounds: [0, all.length], next: 0, rule: 0 }];
  while (stack.length && out.length < needed) {
    const top = stack[stack.length - 1] as Split;
    if (top.next === top.bounds.length - 1) {
      stack.pop();
      continue;
    }
    const members = top.order.subarray(top.bounds[top.next] as number, top.bounds[top.next + 1] as number);
    top.next++;
    if (top.rule === rules.length || members.length <= 1) take(members);
    else stack.push({ ...split(candidates, members, rules[top.rule] as Rule), next: 0, rule: top.rule + 1 });
  }
  return out;
}

/** Order a bucket by one rule and cut it where the rank changes. */
function split(candidates: Candidates, members: Int32Array, rule: Rule): { order: Int32Array; bounds: number[] } {
  const { docs } = candidates;
  if ('compare' in rule) {
    const order = members.slice().sort((a, b) => rule.compare(docs[a] as number, docs[b] as number));
    const bounds = [0];
    for (let k = 1; k < order.length; k++) if (rule.compare(docs[order[k - 1] as number] as number, docs[order[k] as number] as number) !== 0) bounds.push(k);
    bounds.push(order.length);
    return { order, bounds };
  }
  if (rule.constant(candidates)) return { order: members, bounds: [0, members.length] };
  const keys = scratch.take(Float64Array, members.length, null);
  rule.rank(candidates, members, keys);
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j] as number;
    if (key < min) min = key;
    if (key > max) max = key;
  }
  if (min === max) return { order: members, bounds: [0, members.length] };
  const range = max - min + 1;
  if (range > 4 * members.length + 65536) {
    // Sparse ranks (the `attribute` rule over many attributes): an ordinary sort.
    const byKey = Int32Array.from(members, (_, j) => j).sort((a, b) => (keys[a] as number) - (keys[b] as number));
    const bounds = [0];
    for (let k = 1; k < byKey.length; k++) if (keys[byKey[k] as number] !== keys[byKey[k - 1] as number]) bounds.push(k);
    bounds.push(byKey.length);
    return { order: byKey.map((j) => members[j] as number), bounds };
  }
  // Ranks are small integers (words, typos, proximity, positions): a counting sort, stable and linear.
  const counts = scratch.take(Int32Array, range + 1);
  for (let j = 0; j < keys.length; j++) {
    const rank = (keys[j] as number) - min + 1;
    counts[rank] = (counts[rank] as number) + 1;
  }
  const bounds = [0];
  for (let r = 1; r <= range; r++) {
    const count = counts[r] as number;
    counts[r] = (counts[r - 1] as number) + count;
    if (count > 0) bounds.push(counts[r] as number);
  }
  const order = scratch.take(Int32Array, members.length, null);
  for (let j = 0; j < keys.length; j++) {
    const rank = (keys[j] as number) - min;
    const at = counts[rank] as number;
    order[at] = members[j] as number;
    counts[rank] = at + 1;
  }
  return { order, bounds };
}

/**
 * A ranking score in [0, 1] with per-rule details, in the spirit of Meilisearch's: each rule scores the hit
 * in [0, 1], and rules are combined lexicographically (an earlier rule outweighs every later one).
 */
export function rankingScore(index: Index, r: Ranked, termCount: number): { score: number; details: Record<string, Record<string, number>> } {
  const details: Record<string, Record<string, number>> = {};
  const parts: Array<[local: number, steps: number]> = [];
  const add = (rule: string, local: number, steps: number, extra: Record<string, number>) => {
    details[rule] = { order: Object.keys(details).length, ...extra, score: local };
    parts.push([local, steps]);
  };
  const maxTypos = termCount * 2;
  const attributes = Math.max(1, index.searchableAttributes().length);
  for (const rule of index.settings.rankingRules) {
    if (termCount === 0) break;
    const position = r.attribute % POSITION_LIMIT;
    switch (rule) {
      case 'words':
        add(rule, r.words / termCount, termCount, { matchingWords: r.words, maxMatchingWords: termCount });
        break;
      case 'typo':
        add(rule, 1 - r.typos / (maxTypos + 1), maxTypos + 1, { typoCount: r.typos, maxTypoCount: maxTypos });
        break;
      case 'proximity':
        add(rule, r.words > 1 ? 1 - Math.min(r.proximity, 8 * (r.words - 1)) / (8 * (r.words - 1) + 1) : 1, 8 * Math.max(1, r.words - 1), {});
        break;
      case 'attribute':
      case 'attributeRank':
        add(rule, 1 - Math.floor(r.attribute / POSITION_LIMIT) / attributes, attributes, {});
        if (rule === 'attribute') add('wordPosition', 1 - Math.min(position, 10) / 11, 10, {});
        break;
      case 'wordPosition':
        add(rule, 1 - Math.min(position, 10) / 11, 10, {});
        break;
      case 'exactness':
        add(rule, r.exactness / Math.max(1, r.words), r.words + 1, { matchType: 0 });
        break;
    }
  }
  // Each rule weighs as much as all the finer distinctions of the rules after it can add up to.
  let weight = 1;
  let score = 0;
  let total = 0;
  for (const [local, steps] of parts) {
    score += weight * local;
    total += weight;
    weight /= steps + 1;
  }
  return { score: total === 0 ? 1 : score / total, details };
}
