/**
 * Ranking as Meilisearch does it: the features of each matching document (words, typos, proximity,
 * attribute, exactness), the ranking rules in the index's order with sort and custom rules, and the
 * ordering of the first page of results.
 */
import { MeiliError } from './errors.ts';
import { valuesAt, type Document } from './filter.ts';
import { POSITION_LIMIT, type Index } from './index.ts';

export const ABSENT = 0xffffffff;
export const EXACT = 0x80;

/**
 * The documents of one query term, as dense typed arrays indexed by document number: a common word
 * matches most of the index, and one object per hit would cost more in allocation and GC than the search.
 */
export class TermDocs {
  /** Best packed (attribute rank, position) of the term in each document; ABSENT when it does not occur. */
  private readonly packed: Uint32Array;
  /** Fewest typos among the matching words, with the EXACT bit when the document holds the query word itself. */
  private readonly flags: Uint8Array;
  private readonly numbers: number[] = [];

  constructor(capacity: number) {
    this.packed = new Uint32Array(capacity).fill(ABSENT);
    this.flags = new Uint8Array(capacity);
  }

  /** Record the documents of one matching word (words are added fewest typos first). */
  addWord(postings: Map<number, number>, typo: number, exact: boolean): void {
    const { packed, flags, numbers } = this;
    postings.forEach((position, n) => {
      const current = packed[n] as number;
      if (current === ABSENT) {
        numbers.push(n);
        packed[n] = position;
        flags[n] = typo | (exact ? EXACT : 0);
        return;
      }
      if (position < current) packed[n] = position;
      if (exact) flags[n] = (flags[n] as number) | EXACT;
    });
  }

  get size(): number {
    return this.numbers.length;
  }

  has(n: number): boolean {
    return this.packed[n] !== ABSENT;
  }

  keys(): number[] {
    return this.numbers;
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
}


export interface Term {
  /** Normalised query word. */
  word: string;
  prefix: boolean;
  /** Candidate words of the index with their typo count. */
  matches: Map<string, number>;
  docs: TermDocs;
}

export interface Ranked {
  n: number;
  words: number;
  typos: number;
  /** Computed only when ranking reaches it (it needs the document's tokens); -1 until then. */
  proximity: number;
  attribute: number;
  exactness: number;
  active: Term[];
  /** The leading numeric ranking rules packed into one number (set by rankTop; lower ranks first). */
  key: number;
}


/** The cheap ranking features of one document, from the postings alone. */
export function features(n: number, active: Term[]): Ranked {
  let typos = 0;
  let attribute = Number.MAX_SAFE_INTEGER;
  let exactness = 0;
  for (const term of active) {
    const { docs } = term;
    typos += docs.typoAt(n);
    const packed = docs.packedAt(n);
    if (packed < attribute) attribute = packed;
    if (docs.exactAt(n)) exactness++;
  }
  return { n, words: active.length, typos, proximity: active.length > 1 ? -1 : 0, attribute, exactness, active, key: 0 };
}

/** Proximity: for consecutive query terms, the smallest distance between their matches in one attribute. */
export function proximity(index: Index, r: Ranked): number {
  if (r.proximity >= 0) return r.proximity;
  const termsOf = new Map<string, number[]>();
  r.active.forEach((term, t) => {
    for (const w of term.matches.keys()) termsOf.set(w, [...(termsOf.get(w) ?? []), t]);
  });
  // Last seen position of each term, per attribute rank.
  let total = 0;
  const best = new Array<number>(r.active.length).fill(8);
  for (const field of index.tokensAt(r.n)) {
    const last = new Array<number>(r.active.length).fill(-Infinity);
    field.words.forEach((w, p) => {
      for (const t of termsOf.get(w) ?? []) {
        last[t] = p;
        if (t > 0) best[t] = Math.min(best[t] as number, p - (last[t - 1] as number));
        if (t + 1 < r.active.length && last[t + 1] !== -Infinity) best[t + 1] = Math.min(best[t + 1] as number, p - (last[t + 1] as number) + 1);
      }
    });
  }
  for (let t = 1; t < best.length; t++) total += best[t] as number;
  r.proximity = total;
  return total;
}

export type Comparator = (a: Ranked, b: Ranked) => number;

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
  const rows = numbers.map((n) => ({ n }) as Ranked);
  rows.sort((a, b) => {
    for (const compare of comparators) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return a.n - b.n;
  });
  return rows.map((r) => r.n);
}

/** Order by an attribute's value; values are read once per document and query. */
function attributeComparator(index: Index, attribute: string, direction: 'asc' | 'desc'): Comparator {
  const cache = new Map<number, unknown>();
  const value = (n: number) => {
    if (!cache.has(n)) cache.set(n, sortValue(index.documentAt(n), attribute, direction));
    return cache.get(n);
  };
  return (a, b) => {
    const va = value(a.n);
    const vb = value(b.n);
    if (va === undefined || vb === undefined) return va === vb ? 0 : va === undefined ? 1 : -1;
    const c = compareValues(va, vb);
    return direction === 'asc' ? c : -c;
  };
}


export interface Rule {
  compare: Comparator;
  /** Needs the document's tokens (proximity): applied only to the groups that reach the page. */
  expensive: boolean;
  /** The rule as a small non-negative number (lower ranks first) and its size in bits, when it has one. */
  numeric?: { key: (r: Ranked) => number; bits: number };
}

export function rankingRules(index: Index, sort: string[] | null | undefined): Rule[] {
  const rules: Rule[] = [];
  const sorts = sort?.length ? sortComparators(index, sort) : [];
  let sortPlaced = false;
  const cheap = (compare: Comparator) => rules.push({ compare, expensive: false });
  for (const rule of index.settings.rankingRules) {
    switch (rule) {
      case 'words':
        cheap((a, b) => b.words - a.words);
        break;
      case 'typo':
        cheap((a, b) => a.typos - b.typos);
        break;
      case 'proximity':
        rules.push({ compare: (a, b) => proximity(index, a) - proximity(index, b), expensive: true });
        break;
      case 'attribute':
        cheap((a, b) => a.attribute - b.attribute);
        break;
      // Meilisearch >= 1.17 splits `attribute` into the attribute's rank, then the word's position in it.
      case 'attributeRank':
        cheap((a, b) => Math.floor(a.attribute / POSITION_LIMIT) - Math.floor(b.attribute / POSITION_LIMIT));
        break;
      case 'wordPosition':
        cheap((a, b) => (a.attribute % POSITION_LIMIT) - (b.attribute % POSITION_LIMIT));
        break;
      case 'exactness':
        cheap((a, b) => b.exactness - a.exactness);
        break;
      case 'sort':
        sorts.forEach(cheap);
        sortPlaced = true;
        break;
      default: {
        const m = /^(.+):(asc|desc)$/.exec(rule);
        if (m) cheap(attributeComparator(index, m[1] as string, m[2] as 'asc' | 'desc'));
      }
    }
  }
  if (sorts.length && !sortPlaced) {
    throw new MeiliError(
      400,
      'invalid_search_sort',
      'You must specify where `sort` is listed in the rankingRules setting to use the sort parameter at search time.',
    );
  }
  cheap((a, b) => a.n - b.n);
  return rules;
}

export function chain(comparators: Comparator[]): Comparator {
  return (a, b) => {
    for (const c of comparators) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}


/**
 * Order the first `needed` results (after distinct) the way Meilisearch's ranking rules would. The leading
 * rules that reduce to small numbers (words, typo, attribute, exactness, and proximity when it is free) are
 * packed into one number per document and sorted numerically; the remaining rules (sort, custom rules,
 * proximity of multi-word queries) only order the groups of ties that reach the page, keeping the best few.
 */
export function rankTop(matched: Ranked[], rules: Rule[], needed: number, distinctKey: ((n: number) => string | null) | null): Ranked[] {
  const proximityIsFree = matched.every((m) => m.proximity >= 0);
  let prefix = 0;
  let bits = 0;
  while (prefix < rules.length) {
    const rule = rules[prefix] as Rule;
    if (!rule.numeric || (rule.expensive && !proximityIsFree) || bits + rule.numeric.bits > 48) break;
    bits += rule.numeric.bits;
    prefix++;
  }
  const numeric = rules.slice(0, prefix).map((r) => r.numeric as NonNullable<Rule['numeric']>);
  for (const r of matched) {
    let key = 0;
    for (const { key: of, bits: b } of numeric) key = key * 2 ** b + of(r);
    r.key = key;
  }
  const rest = chain(rules.slice(prefix).map((r) => r.compare));
  matched.sort((a, b) => a.key - b.key);

  const out: Ranked[] = [];
  const seenKeys = new Set<string>();
  const take = (r: Ranked): boolean => {
    const key = distinctKey?.(r.n) ?? null;
    if (key !== null) {
      if (seenKeys.has(key)) return false;
      seenKeys.add(key);
    }
    out.push(r);
    return out.length >= needed;
  };
  for (let i = 0; i < matched.length && out.length < needed; ) {
    const groupKey = (matched[i] as Ranked).key;
    let j = i + 1;
    while (j < matched.length && (matched[j] as Ranked).key === groupKey) j++;
    const group = matched.slice(i, j);
    i = j;
    if (prefix < rules.length) {
      const best = bestOf(group, rest, distinctKey ? (needed - out.length) * 4 : needed - out.length);
      if (best.length < group.length && distinctKey && new Set(best.map((r) => distinctKey(r.n) ?? `#${r.n}`)).size < needed - out.length) group.sort(rest);
      else group.splice(0, group.length, ...best);
    }
    for (const r of group) if (take(r)) break;
  }
  return out;
}

/** The `count` smallest items by `compare`, in order: a bounded insertion sort, O(n log count). */
function bestOf(items: Ranked[], compare: Comparator, count: number): Ranked[] {
  if (items.length <= count * 2) return items.sort(compare);
  const best: Ranked[] = [];
  for (const item of items) {
    if (best.length >= count && compare(item, best[best.length - 1] as Ranked) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid] as Ranked, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
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
        add(rule, r.words > 1 ? 1 - Math.min(proximity(index, r), 8 * (r.words - 1)) / (8 * (r.words - 1) + 1) : 1, 8 * Math.max(1, r.words - 1), {});
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
