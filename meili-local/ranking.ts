/**
 * Ranking as Meilisearch does it: the features of each matching document (words, typos, proximity,
 * attribute, exactness), the ranking rules in the index's order with sort and custom rules, and the
 * ordering of the first page of results.
 */
import type { ScoreValue } from './federation.ts';
import type { Distinct } from './distinct.ts';
import { MeiliError } from './errors.ts';
import { valuesAt, type Document } from './filter.ts';
import { POSITION_LIMIT, type Index, type Occurrences } from './index.ts';
import { scratch } from './scratch.ts';

const ABSENT = 0xffffffff;
const EXACT = 0x80;
/** What a pair of query terms scores when they are not close in any attribute (Meilisearch's cap). */
const _FAR = 8;

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
  /** Typos of each of `words`. */
  private readonly wordTypos: number[] = [];
  /** For the first word added: where each document's occurrences start in its list. */
  private firstOccurrence: Int32Array | null = null;
  /** Every position of the term per document (`positions[starts[n]] ..`, `counts[n]` of them), built on first use. */
  private starts: Int32Array | null = null;
  private counts: Int32Array | null = null;
  private positionList: Uint32Array | null = null;

  /**
   * `ranks`, when given, are the attribute ranks the search is on (`attributesToSearchOn`): occurrences
   * elsewhere do not make a document match, and do not count for typo or attribute rank; proximity
   * and word position still read them (see gatherPositions).
   */
  constructor(
    capacity: number,
    private readonly live: Uint8Array,
    private readonly ranks: Uint8Array | null = null,
  ) {
    this.packed = scratch.take(Uint32Array, capacity, ABSENT);
    this.flags = scratch.take(Uint8Array, capacity);
    this.numbers = scratch.take(Int32Array, capacity, null);
  }

  /** Record the live documents of one matching word (words are added fewest typos first). */
  addWord(list: Occurrences, typo: number, exact: boolean): void {
    const { packed, flags, numbers, live } = this;
    const { docs, positions, length } = list;
    const first =
      this.words.length === 0
        ? (this.firstOccurrence = scratch.take(Int32Array, packed.length, null))
        : null;
    this.words.push(list);
    this.wordTypos.push(typo);
    let previous = -1;
    const { ranks } = this;
    for (let i = 0; i < length; i++) {
      if (ranks && !ranks[Math.floor((positions[i] as number) / POSITION_LIMIT)]) continue;
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
      // The rules after typo see only the words of the document's typo level (Meilisearch narrows each term to
      // the typo bucket the document is in), and words come fewest typos first.
      if (position < current && ((flags[n] as number) & ~EXACT) === typo) packed[n] = position;
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
    if (this.words.length === 1 && !this.ranks) {
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

  /**
   * Group every occurrence of the matching words by document (a counting sort), for proximity and word
   * position: only the words at the document's typo level, as after Meilisearch's typo rule. In every
   * attribute, also with `attributesToSearchOn`: Meilisearch narrows the word's documents and its
   * attribute rule to the listed attributes, not its proximity and position databases (db_cache.rs).
   */
  private gatherPositions(): void {
    const counts = scratch.take(Int32Array, this.packed.length);
    const starts = scratch.take(Int32Array, this.packed.length, null);
    const { flags } = this;
    this.words.forEach(({ docs, length }, w) => {
      const typo = this.wordTypos[w] as number;
      for (let i = 0; i < length; i++) {
        const n = docs[i] as number;
        if (this.packed[n] !== ABSENT && ((flags[n] as number) & ~EXACT) === typo)
          counts[n] = (counts[n] as number) + 1;
      }
    });
    let total = 0;
    const { numbers } = this;
    for (let k = 0; k < this.count; k++) {
      const n = numbers[k] as number;
      starts[n] = total;
      total += counts[n] as number;
      counts[n] = 0;
    }
    const list = scratch.take(Uint32Array, total, null);
    this.words.forEach(({ docs, positions, length }, w) => {
      const typo = this.wordTypos[w] as number;
      for (let i = 0; i < length; i++) {
        const n = docs[i] as number;
        if (this.packed[n] === ABSENT || ((flags[n] as number) & ~EXACT) !== typo) continue;
        list[(starts[n] as number) + (counts[n] as number)] = positions[i] as number;
        counts[n] = (counts[n] as number) + 1;
      }
    });
    this.starts = starts;
    this.counts = counts;
    this.positionList = list;
  }
}

export interface Term {
  /** Normalised query word; of a phrase, its first word. */
  word: string;
  prefix: boolean;
  /** The term's place among the query's terms (a phrase is one term): proximity pairs and exactness follow it. */
  id: number;
  /** Position of the word in the query, the words of phrases counted one by one (word position reads it). */
  position: number;
  /**
   * A quoted phrase: its words, and the documents of its last word. `docs` holds its first word's, in the
   * documents that hold the phrase: Meilisearch ranks a phrase by where its first word is (attribute rank,
   * word position, resolve_query_graph.rs) and, for proximity, by its last word before the next term.
   */
  phrase?: { words: string[]; last: TermDocs };
  /** Typos allowed for this word (0, 1 or 2). */
  maxTypos: number;
  /** The worst typo cost of the 2-gram and 3-gram starting at this word (when there are such). */
  ngramTypos: number[];
  /** Candidate words of the index with their typo count. */
  matches: Map<string, number>;
  docs: TermDocs;
  /**
   * A prefix Meilisearch reads from its prefix database (see `usesPrefixDatabase`): a word before it in the
   * document counts for proximity only as the prefix word itself (db_cache.rs, "only accept exact matches on
   * reverted positions"). Its occurrences, or undefined for every other term.
   */
  reversedOnly?: Occurrences | null;
}

const rangeA = new Int32Array(2);
const rangeB = new Int32Array(2);

/** Meilisearch's largest proximity between two words (`proximity.rs`): farther, or in other attributes, is this. */
const MAX_DISTANCE = 4;

/**
 * Proximity cost, as Meilisearch's proximity rule: for each pair of query words that are next to each other in
 * the query (and both still searched), the closest their matches come in one attribute (`b` right after `a` is
 * 1, `b` before `a` one more than the gap, capped at 4), minus one; summed. 0 is best, 3 per pair worst.
 */
export function proximity(n: number, active: Term[]): number {
  let total = 0;
  for (let t = 1; t < active.length; t++) {
    const left = active[t - 1] as Term;
    const right = active[t] as Term;
    if (left.id + 1 !== right.id) continue;
    const a = (left.phrase?.last ?? left.docs).positionsIn(n, rangeA);
    const b = right.docs.positionsIn(n, rangeB);
    // Next to a phrase only the order of the query counts (compute_docids.rs: no swapping with a phrase).
    const swapped = !left.phrase && !right.phrase;
    let best = closest(a, rangeA, b, rangeB, swapped && right.reversedOnly === undefined);
    if (swapped && right.reversedOnly && best > 1) {
      const list = right.reversedOnly;
      rangeB[0] = firstOccurrenceOf(list, n);
      rangeB[1] = rangeB[0];
      while ((rangeB[1] as number) < list.length && list.docs[rangeB[1] as number] === n)
        rangeB[1]++;
      best = Math.min(best, closest(a, rangeA, list.positions, rangeB, true));
    }
    total += Math.max(best, 1) - 1;
  }
  return total;
}

/**
 * The closest two positions of `a` and `b` come in one attribute: `b` right after `a` is 1; `b` before `a`
 * (when `backward`) one more than the gap; capped at MAX_DISTANCE. One word matching both terms (`п` is a
 * prefix of `по`) is not a pair: Meilisearch's pair proximities are between two positions.
 */
function closest(
  a: Uint32Array,
  ra: Int32Array,
  b: Uint32Array,
  rb: Int32Array,
  backward: boolean,
): number {
  let best = MAX_DISTANCE;
  for (let i = ra[0] as number; i < (ra[1] as number) && best > 1; i++) {
    const pa = a[i] as number;
    for (let j = rb[0] as number; j < (rb[1] as number); j++) {
      const pb = b[j] as number;
      if (pb === pa || Math.floor(pa / POSITION_LIMIT) !== Math.floor(pb / POSITION_LIMIT))
        continue;
      const d = pb > pa ? pb - pa : backward ? pa - pb + 1 : MAX_DISTANCE;
      if (d < best) best = d;
    }
  }
  return best;
}

/** Adjacent pairs of the active terms, the ones proximity costs. */
function adjacentPairs(active: Term[]): number {
  let pairs = 0;
  for (let t = 1; t < active.length; t++)
    if ((active[t - 1] as Term).id + 1 === (active[t] as Term).id) pairs++;
  return pairs;
}

/** Meilisearch's bucketed word position (`bucketed_position`): exact below 16, then coarser and coarser. */
export function bucketedPosition(relative: number): number {
  if (relative < 16) return relative;
  if (relative < 24) return 24;
  // The next power of two (relative is below 2^16): as 2 ** ceil(log2(relative)), without floating point.
  return 1 << (32 - Math.clz32(relative - 1));
}

/** Cost of a word found `distance` positions from where it is in the query (position rule, 0 to 10). */
function positionCost(distance: number): number {
  if (distance <= 1) return distance;
  if (distance <= 4) return 2;
  if (distance <= 7) return 3;
  if (distance <= 11) return 4;
  if (distance <= 16) return 5;
  if (distance <= 24) return 6;
  if (distance <= 64) return 7;
  if (distance <= 256) return 8;
  if (distance <= 1024) return 9;
  return 10;
}

/** Word position cost: for each term, how far its closest match is from the term's place in the query; summed. */
export function wordPositionCost(n: number, active: Term[]): number {
  let total = 0;
  for (const term of active) {
    const list = term.docs.positionsIn(n, rangeA);
    let best = 10;
    for (let i = rangeA[0] as number; i < (rangeA[1] as number) && best > 0; i++) {
      const cost = positionCost(
        Math.abs(bucketedPosition((list[i] as number) % POSITION_LIMIT) - term.position),
      );
      if (cost < best) best = cost;
    }
    total += best;
  }
  return total;
}

/** What the ranking rules read besides the candidates: the index and every term of the query. */
export interface RankContext {
  index: Index;
  terms: Term[];
  /**
   * Every set of terms searched (one per allowed removal): the graph rules' worst cost in a words bucket is the
   * worst over all the sets of that size, as Meilisearch's graph holds all their paths.
   */
  levels?: Term[][];
}

/**
 * The worst typo cost of a set of terms, as the typo graph's longest path: each word alone costs its typos (at
 * least 1, for its split), or consecutive words as one n-gram cost one per word plus the n-gram's typos. The
 * n-gram paths count only with matchingStrategy `all` (observed: after the words rule they are not in the graph).
 */
function worstTypoCost(active: Term[], ngrams: boolean): number {
  const best: number[] = [0];
  for (let j = 0; j < active.length; j++) {
    const t = active[j] as Term;
    // A phrase has no typo and no split (max_typo_cost 0).
    let value = (best[j] as number) + (t.phrase ? 0 : Math.max(1, t.maxTypos));
    for (let size = 2; ngrams && size <= 3 && j - size + 1 >= 0; size++) {
      const first = active[j - size + 1] as Term;
      if (t.id - first.id !== size - 1) continue;
      const ngram = first.ngramTypos[size - 2];
      if (ngram !== undefined)
        value = Math.max(value, (best[j - size + 1] as number) + size + ngram);
    }
    best.push(value);
  }
  return best[active.length] as number;
}

/** The sets of terms of the same size as `active` (itself when none are known). */
function siblings(ctx: RankContext, active: Term[]): Term[][] {
  const same = ctx.levels?.filter((level) => level.length === active.length) ?? [];
  return same.length ? same : [active];
}

/** The weight of an attribute for `attributeRank`: its place in searchableAttributes, or 0 for all with `*`. */
function attributeWeight(index: Index, fid: number): number {
  const patterns = index.settings.searchableAttributes;
  return patterns.length === 1 && patterns[0] === '*' ? 0 : fid;
}

function maxAttributeWeight(index: Index): number {
  const patterns = index.settings.searchableAttributes;
  return patterns.length === 1 && patterns[0] === '*'
    ? 0
    : Math.max(0, index.searchableAttributes().length - 1);
}

/** Attribute rank cost: for each term, the weight of the best attribute it is found in; summed. */
function attributeRankCost(index: Index, n: number, active: Term[]): number {
  let total = 0;
  for (const { docs } of active)
    total += attributeWeight(index, Math.floor(docs.packedAt(n) / POSITION_LIMIT));
  return total;
}

const EXACT_MATCH = 0;
const MATCHES_START = 1;
const NO_EXACT_MATCH = 2;
const MATCH_TYPES = ['exactMatch', 'matchesStart', 'noExactMatch'];

/**
 * Meilisearch's exactAttribute (exact_attribute.rs): the query's words, exactly, each at its own place from the
 * start of an attribute (positions compared bucketed) and all in one attribute: `matchesStart`; that attribute
 * holding nothing else: `exactMatch`. Only when the query words left start the query and none is missing.
 */
const exactTermsOf = new WeakMap<Term[], Term[] | null>();

/** The terms exactAttribute checks for a set of active terms, or null when no document can match exactly. */
function exactTerms(active: Term[]): Term[] | null {
  let exact = exactTermsOf.get(active);
  if (exact === undefined) {
    exact = active.filter((t) => t.matches.get(t.word) === 0);
    let valid = exact.length > 0 && (exact[0] as Term).id === 0;
    for (let k = 1; valid && k < exact.length; k++)
      if ((exact[k] as Term).id - (exact[k - 1] as Term).id > 1) valid = false;
    if (!valid) exact = null;
    exactTermsOf.set(active, exact);
  }
  return exact;
}

/**
 * Of one term, a flag array per word (a phrase has several): document n holds the word at the term's place
 * (bucketed), in some attribute. Most tied candidates fail exactAttribute there; one pass over each word's
 * list per search is cheaper than a binary search in it per candidate. Scratch arrays, like the term's own
 * TermDocs: both live for one search.
 */
const placedOf = new WeakMap<Term, Uint8Array[]>();
function placed(ctx: RankContext, term: Term): Uint8Array[] {
  let flags = placedOf.get(term);
  if (!flags) {
    flags = (term.phrase?.words ?? [term.word]).map((word, offset) => {
      const at = bucketedPosition(term.position + offset);
      const holds = scratch.take(Uint8Array, ctx.index.capacity);
      const list = ctx.index.occurrencesOf(word);
      for (let i = 0; list && i < list.length; i++)
        if (bucketedPosition((list.positions[i] as number) % POSITION_LIMIT) === at)
          holds[list.docs[i] as number] = 1;
      return holds;
    });
    placedOf.set(term, flags);
  }
  return flags;
}

function exactAttribute(ctx: RankContext, n: number, active: Term[]): number {
  const exact = exactTerms(active);
  if (!exact) return NO_EXACT_MATCH;
  for (const term of exact) if (!term.docs.exactAt(n)) return NO_EXACT_MATCH;
  // Each word at its own place from the start of some attribute (a phrase stands for each of its words, at
  // its own place: exact_attribute.rs, ExactTerm::Phrase).
  for (const term of exact)
    for (const holds of placed(ctx, term)) if (!holds[n]) return NO_EXACT_MATCH;
  // The attributes holding every word, read from each word's own occurrences in document n (a run of its
  // list, found by binary search), not from the document's tokens: a long attribute (text_stem) would be
  // scanned whole. Reused arrays: this runs for every tied candidate that got this far.
  const common = commonRanks;
  common.length = 0;
  let words = 0;
  for (const term of exact) {
    for (const word of term.phrase?.words ?? [term.word]) {
      const list = ctx.index.occurrencesOf(word) as Occurrences;
      const holding = holdingRanks;
      holding.length = 0;
      for (let at = firstOccurrenceOf(list, n); at < list.length && list.docs[at] === n; at++) {
        const rank = Math.floor((list.positions[at] as number) / POSITION_LIMIT);
        if (!holding.includes(rank)) holding.push(rank);
      }
      if (words === 0) common.push(...holding);
      else {
        let kept = 0;
        for (const rank of common) if (holding.includes(rank)) common[kept++] = rank;
        common.length = kept;
      }
      words++;
    }
  }
  if (!common.length) return NO_EXACT_MATCH;
  for (const rank of common) if (ctx.index.tokenCount(n, rank) === words) return EXACT_MATCH;
  return MATCHES_START;
}
const commonRanks: number[] = [];
const holdingRanks: number[] = [];

/** Where document n's occurrences start in `list` (its documents ascend). */
function firstOccurrenceOf(list: Occurrences, n: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list.docs[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the active terms the document holds as the query word itself (no prefix, typo or synonym). */
function exactWords(n: number, active: Term[]): number {
  let count = 0;
  for (const { docs } of active) if (docs.exactAt(n)) count++;
  return count;
}

/** A rank as Meilisearch's score details: `rank` out of `max` (max is best). */
interface Rank {
  rank: number;
  max: number;
}

/** Meilisearch's Rank::merge: an outer rank refined by an inner one. */
function mergeRank(outer: Rank, inner: Rank): Rank {
  return { rank: Math.max(0, outer.rank - 1) * inner.max + inner.rank, max: outer.max * inner.max };
}

function globalScore(ranks: Rank[]): number {
  let merged: Rank = { rank: 1, max: 1 };
  for (const r of ranks) merged = mergeRank(merged, r);
  return merged.rank / merged.max;
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
  const values = valuesAt(doc, attribute).filter(
    (v) => typeof v === 'number' || typeof v === 'string',
  );
  if (values.length === 0) return undefined;
  // For arrays, Meilisearch sorts by the smallest value ascending and the largest descending.
  return values.sort(compareValues)[direction === 'asc' ? 0 : values.length - 1];
}

/** Comparators for `attr:asc|desc` expressions; `code` names the parameter in errors (search or documents). */
export function sortComparators(
  index: Index,
  sort: string[],
  code = 'invalid_search_sort',
): Comparator[] {
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
export function sortDocumentNumbers(
  index: Index,
  numbers: number[],
  sort: string[],
  code: string,
): number[] {
  const comparators = sortComparators(index, sort, code);
  return [...numbers].sort((a, b) => {
    for (const compare of comparators) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return index.docid(a) - index.docid(b);
  });
}

/** Order by an attribute's value; values are read once per document and query. */
function attributeComparator(
  index: Index,
  attribute: string,
  direction: 'asc' | 'desc',
): Comparator {
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
  /** What rules besides words and typo read: set before ranking. */
  context: RankContext | null = null;

  /**
   * `ranked` false: no hit will be ranked (an empty page: a count, facets), so the rules' features are not
   * computed.
   */
  constructor(
    expected: number,
    private readonly ranked = true,
  ) {
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
    this.docs[i] = n;
    this.levels[i] = level;
    if (!this.ranked) return;
    let typos = 0;
    let position = ABSENT;
    let inexact = 0;
    for (const { docs } of this.actives[level] as Term[]) {
      typos += docs.typoAt(n);
      const packed = docs.packedAt(n);
      if (packed < position) position = packed;
      if (!docs.exactAt(n)) inexact++;
    }
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
    const grown = <T extends Int32Array | Uint8Array | Uint32Array>(
      a: T,
      make: new (n: number) => T,
    ): T => {
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
  | {
      rank: (c: Candidates, members: Int32Array, ranks: Float64Array) => void;
      constant: (c: Candidates) => boolean;
    }
  | { compare: Comparator };

/** A rule ranking by one number per candidate. */
const byCandidate = (
  of: (c: Candidates, i: number) => number,
  constant: (c: Candidates) => boolean = () => false,
): Rule => ({
  rank: (c, members, ranks) => {
    for (let j = 0; j < members.length; j++) ranks[j] = of(c, members[j] as number);
  },
  constant,
});

/** The context of the candidates being ranked (set by the search before ranking). */
const ctxOf = (c: Candidates): RankContext => c.context as RankContext;
const activeOf = (c: Candidates, i: number): Term[] => c.actives[c.levels[i] as number] as Term[];
const allWeightsZero = (c: Candidates) => maxAttributeWeight(ctxOf(c).index) === 0;

/** What a rule's score reads: the document, the terms it matched, and the query's matching strategy. */
interface Scored {
  ctx: RankContext;
  n: number;
  active: Term[];
  matchingStrategy: 'last' | 'all' | 'frequency';
}

/** A rule's part of `_rankingScoreDetails` (without `order`) and the ranks it adds to `_rankingScore`. */
interface RuleScore {
  details: Record<string, unknown>;
  ranks: Rank[];
}

/**
 * A built-in ranking rule, as milli's ranking_rules.rs: its buckets (one bucket rule, or two for `attribute`,
 * each ordering by a cost, lower first) and its score for a ranked document (graph rules: `rank` is one more
 * than the worst cost, minus the cost), both from the same costs; `score` null leaves it out of the score.
 */
interface BuiltIn {
  buckets: Rule[];
  score(s: Scored): RuleScore | null;
}

const graphRank = (maxCost: number, cost: number): Rank => ({
  rank: maxCost + 1 - cost,
  max: maxCost + 1,
});
const scoreOf = (r: Rank) => r.rank / r.max;
/** The words rule counts the words of phrases one by one (words_in_phrases_count): a phrase is never removed. */
const wordCount = (ts: Term[]) => ts.reduce((sum, t) => sum + (t.phrase?.words.length ?? 1), 0);

const attributeRankRule: BuiltIn = {
  buckets: [
    byCandidate(
      (c, i) => attributeRankCost(ctxOf(c).index, c.docs[i] as number, activeOf(c, i)),
      allWeightsZero,
    ),
  ],
  score: ({ ctx, n, active }) => {
    const r = graphRank(
      maxAttributeWeight(ctx.index) * active.length,
      attributeRankCost(ctx.index, n, active),
    );
    return { details: { score: scoreOf(r) }, ranks: [r] };
  },
};

const wordPositionRule: BuiltIn = {
  buckets: [byCandidate((c, i) => wordPositionCost(c.docs[i] as number, activeOf(c, i)))],
  score: ({ n, active }) => {
    const r = graphRank(10 * active.length, wordPositionCost(n, active));
    return { details: { score: scoreOf(r) }, ranks: [r] };
  },
};

const BUILT_IN: Record<string, BuiltIn> = {
  words: {
    buckets: [
      byCandidate(
        (c, i) => -activeOf(c, i).length,
        (c) => c.actives.length === 1,
      ),
    ],
    // With `all`, no word can be dropped: Meilisearch leaves the words rule out, of the score too.
    score: ({ ctx, active, matchingStrategy }) => {
      if (matchingStrategy === 'all') return null;
      const r = { rank: wordCount(active), max: wordCount(ctx.terms) };
      return {
        details: { matchingWords: r.rank, maxMatchingWords: r.max, score: scoreOf(r) },
        ranks: [r],
      };
    },
  },
  typo: {
    buckets: [
      byCandidate(
        (c, i) => c.typos[i] as number,
        (c) =>
          c.actives.every((active) =>
            active.every((t) => [...t.matches.values()].every((typos) => typos === 0)),
          ),
      ),
    ],
    score: ({ ctx, n, active, matchingStrategy }) => {
      let typos = 0;
      for (const t of active) typos += t.docs.typoAt(n);
      // A word allowing no typo still has a one-typo level: its split into two words (max_typo_cost).
      const maxTypos = Math.max(
        ...siblings(ctx, active).map((level) => worstTypoCost(level, matchingStrategy === 'all')),
      );
      const r = graphRank(maxTypos, typos);
      return {
        details: { typoCount: typos, maxTypoCount: maxTypos, score: scoreOf(r) },
        ranks: [r],
      };
    },
  },
  proximity: {
    buckets: [
      byCandidate(
        (c, i) => proximity(c.docs[i] as number, activeOf(c, i)),
        (c) => c.actives.every((active) => adjacentPairs(active) === 0),
      ),
    ],
    score: ({ ctx, n, active }) => {
      const r = graphRank(
        (MAX_DISTANCE - 1) * Math.max(...siblings(ctx, active).map(adjacentPairs)),
        proximity(n, active),
      );
      return { details: { score: scoreOf(r) }, ranks: [r] };
    },
  },
  attributeRank: attributeRankRule,
  wordPosition: wordPositionRule,
  /** `attribute` (before Meilisearch 1.17) is attributeRank then wordPosition, scored as one entry. */
  attribute: {
    buckets: [...attributeRankRule.buckets, ...wordPositionRule.buckets],
    score: (s) => {
      const [fid] = (attributeRankRule.score(s) as RuleScore).ranks as [Rank];
      const [position] = (wordPositionRule.score(s) as RuleScore).ranks as [Rank];
      return {
        details: {
          attributeRankingOrderScore: scoreOf(fid),
          queryWordDistanceScore: scoreOf(position),
          score: globalScore([fid, position]),
        },
        ranks: [fid, position],
      };
    },
  },
  exactness: {
    buckets: [
      byCandidate((c, i) => {
        const n = c.docs[i] as number;
        const active = activeOf(c, i);
        return (
          exactAttribute(ctxOf(c), n, active) * (active.length + 1) +
          active.length -
          exactWords(n, active)
        );
      }),
    ],
    score: ({ ctx, n, active }) => {
      const type = exactAttribute(ctx, n, active);
      const attributeRank = { rank: 3 - type, max: 3 };
      const exact = exactWords(n, active);
      const wordsRank = { rank: exact + 1, max: active.length + 1 };
      return {
        details:
          type === NO_EXACT_MATCH
            ? {
                matchType: MATCH_TYPES[type],
                matchingWords: exact,
                maxMatchingWords: active.length,
                score: globalScore([attributeRank, wordsRank]),
              }
            : { matchType: MATCH_TYPES[type], score: scoreOf(attributeRank) },
        ranks: [attributeRank, wordsRank],
      };
    },
  },
};

/** The rules that need the words rule before them: Meilisearch puts it there if it is listed later or not at all. */
const AFTER_WORDS = new Set([
  'typo',
  'proximity',
  'attribute',
  'attributeRank',
  'wordPosition',
  'exactness',
]);

/**
 * The rules a search with query words runs, in order (search/new/mod.rs,
 * get_ranking_rules_for_query_graph_search): `words` before the first of AFTER_WORDS wherever it is listed
 * (`[typo, words]` ranks by words first), each rule once, and `attribute` not with either of its halves.
 */
export function queryRules(listed: string[]): string[] {
  const out: string[] = [];
  for (const rule of listed) {
    if (AFTER_WORDS.has(rule) && !out.includes('words')) out.push('words');
    if (rule === 'attribute' && (out.includes('attributeRank') || out.includes('wordPosition')))
      continue;
    if ((rule === 'attributeRank' || rule === 'wordPosition') && out.includes('attribute'))
      continue;
    if (!out.includes(rule)) out.push(rule);
  }
  return out;
}

export function rankingRules(index: Index, sort: string[] | null | undefined): Rule[] {
  const rules: Rule[] = [];
  const sorts = sort?.length ? sortComparators(index, sort) : [];
  let sortPlaced = false;
  for (const rule of queryRules(index.settings.rankingRules)) {
    const builtIn = BUILT_IN[rule];
    if (builtIn) rules.push(...builtIn.buckets);
    else if (rule === 'sort') {
      for (const compare of sorts) rules.push({ compare });
      sortPlaced = true;
    } else {
      const m = /^(.+):(asc|desc)$/.exec(rule);
      if (m)
        rules.push({ compare: attributeComparator(index, m[1] as string, m[2] as 'asc' | 'desc') });
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
 * The `k` smallest values, ascending (the array is reordered): a quickselect partition, then a sort of the
 * front, so a bucket of many ties costs linear time, not a full sort, when a page needs a few of them.
 */
export function smallestSorted(values: Float64Array, k: number): Float64Array {
  if (k >= values.length) return values.sort();
  if (k <= 0) return values.subarray(0, 0);
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = t;
      }
    }
    // values[lo..j] <= pivot <= values[i..hi]: keep the side holding position k - 1.
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else break;
  }
  return values.subarray(0, k).sort();
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
  distinct: Distinct | null,
  perDocument = false,
): Array<{ n: number; active: Term[] }> {
  const { docs, levels, actives } = candidates;
  const out: Array<{ n: number; active: Term[] }> = [];
  // Distinct, as Meilisearch's bucket sort: each bucket reached is deduplicated whole (the first document of
  // each value in it is kept, every other document with that value leaves the candidates), or, with no
  // ranking rule to apply (a placeholder search without sort), document by document until the page is full.
  // `distinct` remembers the documents kept, for the estimated total and facets.
  const take = (members: Int32Array): void => {
    // The last tie-break is the document number (a native sort of number * 256 + level, decoded after).
    // Ties are in Meilisearch's internal id order (kept by replaced documents, reused after deletions).
    const index = (candidates.context as RankContext).index;
    const byDocument = scratch.take(Float64Array, members.length, null);
    for (let j = 0; j < members.length; j++)
      byDocument[j] =
        index.docid(docs[members[j] as number] as number) * 256 +
        (levels[members[j] as number] as number);
    // Without distinct only the first few are taken: select them, sort those alone.
    const want = needed - out.length;
    const ordered = distinct ? byDocument.sort() : smallestSorted(byDocument, want);
    for (const packed of ordered) {
      const n = index.numberOfDocid(Math.floor(packed / 256));
      if (distinct && !distinct.keep(n)) continue;
      if (out.length < needed) out.push({ n, active: actives[packed % 256] as Term[] });
      if (out.length >= needed && (perDocument || !distinct)) return;
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
    const members = top.order.subarray(
      top.bounds[top.next] as number,
      top.bounds[top.next + 1] as number,
    );
    top.next++;
    if (top.rule === rules.length || members.length <= 1) take(members);
    else
      stack.push({
        ...split(candidates, members, rules[top.rule] as Rule),
        next: 0,
        rule: top.rule + 1,
      });
  }
  return out;
}

/** Order a bucket by one rule and cut it where the rank changes. */
function split(
  candidates: Candidates,
  members: Int32Array,
  rule: Rule,
): { order: Int32Array; bounds: number[] } {
  const { docs } = candidates;
  if ('compare' in rule) {
    const order = members
      .slice()
      .sort((a, b) => rule.compare(docs[a] as number, docs[b] as number));
    const bounds = [0];
    for (let k = 1; k < order.length; k++)
      if (
        rule.compare(docs[order[k - 1] as number] as number, docs[order[k] as number] as number) !==
        0
      )
        bounds.push(k);
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
    const byKey = Int32Array.from(members, (_, j) => j).sort(
      (a, b) => (keys[a] as number) - (keys[b] as number),
    );
    const bounds = [0];
    for (let k = 1; k < byKey.length; k++)
      if (keys[byKey[k] as number] !== keys[byKey[k - 1] as number]) bounds.push(k);
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
 * `_rankingScore` and `_rankingScoreDetails` as Meilisearch computes them (score_details.rs): each rule ranks the
 * document `rank` out of `max` (graph rules: one more than the worst cost, minus the cost), the ranks are merged
 * in rule order (an earlier rule outweighs all later ones), and sort rules show their value without scoring.
 */
export function rankingScore(
  ctx: RankContext,
  n: number,
  active: Term[],
  sort: string[] | null | undefined,
  matchingStrategy: 'last' | 'all' | 'frequency' = 'last',
): {
  score: number;
  details: Record<string, Record<string, unknown>>;
  values: ScoreValue[];
} {
  const { index, terms } = ctx;
  const details: Record<string, Record<string, unknown>> = {};
  const ranks: Rank[] = [];
  // The score as federated search compares it: runs of ranking rules merged, sort values apart.
  const values: ScoreValue[] = [];
  let run: Rank[] = [];
  const rank = (...r: Rank[]) => {
    ranks.push(...r);
    run.push(...r);
  };
  const sortBy = (expression: string) => {
    if (run.length) values.push({ score: globalScore(run) });
    run = [];
    const value = sortDetailValue(index, n, expression);
    values.push({ asc: expression.endsWith(':asc'), value });
    return value;
  };
  if (terms.length === 0) {
    // A placeholder search: only sort rules say anything.
    let order = 0;
    for (const rule of index.settings.rankingRules)
      if (rule === 'sort')
        for (const expression of sort ?? [])
          details[expression] = { order: order++, value: sortBy(expression) };
    return { score: 1, details, values };
  }
  let order = 0;
  for (const rule of queryRules(index.settings.rankingRules)) {
    const builtIn = BUILT_IN[rule];
    if (builtIn) {
      const scored = builtIn.score({ ctx, n, active, matchingStrategy });
      if (!scored) continue;
      details[rule] = { order: order++, ...scored.details };
      rank(...scored.ranks);
    } else if (rule === 'sort') {
      for (const expression of sort ?? [])
        details[expression] = { order: order++, value: sortBy(expression) };
    } else if (/^(.+):(asc|desc)$/.test(rule))
      details[rule] = { order: order++, value: sortBy(rule) };
  }
  if (run.length) values.push({ score: globalScore(run) });
  return { score: globalScore(ranks), details, values };
}

/** The value a sort expression ordered a document by, as the score details show it. */
function sortDetailValue(index: Index, n: number, expression: string): unknown {
  const m = /^(.+):(asc|desc)$/.exec(expression);
  if (!m) return null;
  return sortValue(index.documentAt(n), m[1] as string, m[2] as 'asc' | 'desc') ?? null;
}
