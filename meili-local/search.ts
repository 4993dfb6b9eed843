/**
 * Search over one Index, following Meilisearch's semantics: query terms with typo tolerance and prefix
 * search on the last word, phrases and negative terms, matching strategies, the filter language, ranking
 * rules in order (words, typo, proximity, attribute, sort, exactness), distinct, facets, pagination,
 * and highlighting/cropping of the returned documents.
 */
import { MeiliError } from './errors.ts';
import { compileFilter, filterAttributes, parseFilter, valuesAt, type Document } from './filter.ts';
import { NO_VALUE, POSITION_LIMIT, type Index } from './index.ts';
import { editDistance, normalize, tokenize, words as wordsOf } from './tokenize.ts';

export interface SearchQuery {
  q?: string | null;
  offset?: number;
  limit?: number;
  page?: number;
  hitsPerPage?: number;
  filter?: unknown;
  facets?: string[] | null;
  attributesToRetrieve?: string[] | null;
  attributesToHighlight?: string[] | null;
  attributesToCrop?: string[] | null;
  cropLength?: number;
  cropMarker?: string;
  highlightPreTag?: string;
  highlightPostTag?: string;
  showMatchesPosition?: boolean;
  showRankingScore?: boolean;
  showRankingScoreDetails?: boolean;
  rankingScoreThreshold?: number;
  retrieveVectors?: boolean;
  showPerformanceDetails?: boolean;
  sort?: string[] | null;
  distinct?: string | null;
  matchingStrategy?: 'last' | 'all' | 'frequency';
  attributesToSearchOn?: string[] | null;
}

const ABSENT = 0xffffffff;
const EXACT = 0x80;

/**
 * The documents of one query term, as dense typed arrays indexed by document number: a common word
 * matches most of the index, and one object per hit would cost more in allocation and GC than the search.
 */
class TermDocs {
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

interface Term {
  /** Normalised query word. */
  word: string;
  prefix: boolean;
  /** Candidate words of the index with their typo count. */
  matches: Map<string, number>;
  docs: TermDocs;
}

interface Ranked {
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

const PARAM_CODES: Record<string, string> = {
  offset: 'invalid_search_offset',
  limit: 'invalid_search_limit',
  page: 'invalid_search_page',
  hitsPerPage: 'invalid_search_hits_per_page',
};

function checkNumber(name: string, value: unknown, min = 0): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new MeiliError(400, PARAM_CODES[name] ?? 'bad_request', `Invalid value type at \`.${name}\`: expected a positive integer, but found ${JSON.stringify(value)}.`);
  }
}

/** Split `q` into plain terms, phrases ("...") and negative terms (-word, -"phrase"). */
export function parseQuery(q: string): { terms: string[]; phrases: string[][]; negatives: string[][]; lastIsPrefix: boolean } {
  const terms: string[] = [];
  const phrases: string[][] = [];
  const negatives: string[][] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  let lastIsPrefix = false;
  for (const m of q.matchAll(re)) {
    if (m[2] !== undefined) {
      const words = wordsOf(m[2]);
      if (words.length === 0) continue;
      if (m[1] === '-') negatives.push(words);
      else phrases.push(words);
      lastIsPrefix = false;
    } else {
      const raw = m[3] as string;
      if (raw.startsWith('-') && raw.length > 1 && !raw.startsWith('--')) {
        const words = wordsOf(raw.slice(1));
        if (words.length) negatives.push(words);
        lastIsPrefix = false;
        continue;
      }
      const words = wordsOf(raw);
      terms.push(...words);
      lastIsPrefix = words.length > 0;
    }
  }
  // Meilisearch treats the last word as a prefix only when the query does not end with a separator.
  if (/[\s\p{P}]$/u.test(q) && !/[\p{L}\p{N}]$/u.test(q)) lastIsPrefix = false;
  return { terms, phrases, negatives, lastIsPrefix };
}

function maxTypos(index: Index, word: string): number {
  const t = index.settings.typoTolerance;
  if (!t.enabled || t.disableOnWords.map(normalize).includes(word)) return 0;
  if (t.disableOnNumbers && /^\d+$/.test(word)) return 0;
  const length = [...word].length;
  if (length >= t.minWordSizeForTypos.twoTypos) return 2;
  if (length >= t.minWordSizeForTypos.oneTypo) return 1;
  return 0;
}

function resolveTerm(index: Index, word: string, prefix: boolean): Term {
  const matches = new Map<string, number>();
  if (index.postingsOf(word)) matches.set(word, 0);
  if (prefix && index.settings.prefixSearch !== 'disabled') {
    for (const w of index.wordsWithPrefix(word)) if (!matches.has(w)) matches.set(w, 0);
  }
  const allowed = maxTypos(index, word);
  if (allowed > 0) {
    // Meilisearch counts a typo on the first letter as two, so candidates share the first letter
    // (a contiguous range of the sorted vocabulary) unless two typos are allowed.
    const candidates = allowed === 1 ? index.wordsWithPrefix(word[0] as string) : index.vocabulary();
    for (const candidate of candidates) {
      if (matches.has(candidate)) continue;
      if (!prefix && Math.abs(candidate.length - word.length) > allowed) continue;
      const target = prefix && candidate.length > word.length ? candidate.slice(0, word.length) : candidate;
      const d = editDistance(word, target, allowed);
      if (d <= allowed) matches.set(candidate, d);
    }
  }
  for (const [from, tos] of Object.entries(index.settings.synonyms)) {
    if (normalize(from) !== word) continue;
    for (const to of tos) for (const w of wordsOf(to)) if (index.postingsOf(w) && !matches.has(w)) matches.set(w, 0);
  }
  const docs = new TermDocs(index.capacity);
  for (const [w, typo] of [...matches].sort((a, b) => a[1] - b[1])) {
    const postings = index.postingsOf(w);
    if (postings) docs.addWord(postings, typo, w === word && typo === 0);
  }
  return { word, prefix, matches, docs };
}

/** Documents in every one of `sets` (smallest first, so the work is bounded by the rarest term). */
function intersectAll(sets: Array<{ has(n: number): boolean; keys(): Iterable<number>; size: number }>): number[] {
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  if (!smallest) return [];
  const out: number[] = [];
  outer: for (const n of smallest.keys()) {
    for (const set of rest) if (!set.has(n)) continue outer;
    out.push(n);
  }
  return out;
}

function hasPhrase(index: Index, n: number, phrase: string[]): boolean {
  for (const field of index.tokensAt(n)) {
    const w = field.words;
    outer: for (let i = 0; i + phrase.length <= w.length; i++) {
      for (let j = 0; j < phrase.length; j++) if (w[i + j] !== phrase[j]) continue outer;
      return true;
    }
  }
  return false;
}

/** The cheap ranking features of one document, from the postings alone. */
function features(n: number, active: Term[]): Ranked {
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
function proximity(index: Index, r: Ranked): number {
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

type Comparator = (a: Ranked, b: Ranked) => number;

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


interface Rule {
  compare: Comparator;
  /** Needs the document's tokens (proximity): applied only to the groups that reach the page. */
  expensive: boolean;
  /** The rule as a small non-negative number (lower ranks first) and its size in bits, when it has one. */
  numeric?: { key: (r: Ranked) => number; bits: number };
}

function rankingRules(index: Index, sort: string[] | null | undefined): Rule[] {
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

function chain(comparators: Comparator[]): Comparator {
  return (a, b) => {
    for (const c of comparators) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}

/**
 * Meilisearch's error for attributes that are not filterable. With a string filter the message ends with
 * the span of the offending attribute and the filter, `\n{start}:{end} {filter}` (1-based columns).
 */
export function checkFilterable(index: Index, attributes: Iterable<string>, code: string, filter?: unknown): void {
  for (const attribute of attributes) {
    if (index.isFilterable(attribute)) continue;
    const available = [...index.settings.filterableAttributes].sort();
    const at = typeof filter === 'string' ? filter.indexOf(attribute) : -1;
    const hint = at >= 0 ? `\n${at + 1}:${at + 1 + attribute.length} ${filter as string}` : '';
    throw new MeiliError(
      400,
      code,
      `Attribute \`${attribute}\` is not filterable. ${available.length ? `Available filterable attributes are: \`${available.join(', ')}\`.` : 'This index does not have configured filterable attributes.'}${hint}`,
    );
  }
}

function candidates(index: Index, query: SearchQuery): { matched: Ranked[]; terms: Term[] } {
  const parsed = parseQuery(query.q ?? '');
  const stop = new Set(index.settings.stopWords.map(normalize));
  const plain = parsed.terms.filter((w, i) => !stop.has(w) || (i === parsed.terms.length - 1 && parsed.lastIsPrefix));
  const terms = plain.map((w, i) => resolveTerm(index, w, parsed.lastIsPrefix && i === plain.length - 1));

  const filterTree = parseFilter(query.filter);
  checkFilterable(index, filterAttributes(filterTree), 'invalid_search_filter', query.filter);
  const predicate = compileFilter(filterTree);
  // Called at most once per document (callers skip documents already seen).
  const accepts = (n: number): boolean =>
    predicate(index.documentAt(n)) &&
    parsed.phrases.every((phrase) => hasPhrase(index, n, phrase)) &&
    !parsed.negatives.some((neg) => (neg.length === 1 ? index.postingsOf(neg[0] as string)?.has(n) : hasPhrase(index, n, neg)));

  // Documents holding the first word of every phrase (hasPhrase checks the rest).
  const phraseBase = () => intersectAll(parsed.phrases.map((phrase) => index.postingsOf(phrase[0] as string) ?? new Map<number, number>()));
  const matched: Ranked[] = [];
  if (terms.length === 0) {
    const base = parsed.phrases.length ? phraseBase() : index.allNumbers();
    for (const n of base) if (accepts(n)) matched.push(features(n, []));
    return { matched, terms };
  }
  // Matching strategy: which terms may be dropped, in which order, when too few documents match them all.
  const strategy = query.matchingStrategy ?? 'last';
  const order = terms.map((_, i) => i);
  if (strategy === 'frequency') order.sort((a, b) => (terms[b] as Term).docs.size - (terms[a] as Term).docs.size);
  else order.reverse();
  // attributesToSearchOn: every active term must match inside one of the listed attributes.
  const allowed = query.attributesToSearchOn && !query.attributesToSearchOn.includes('*') ? new Set(query.attributesToSearchOn) : null;
  const searchesOn = (n: number, active: Term[]): boolean =>
    !allowed || active.every((t) => index.tokensAt(n).some((f) => allowed.has(f.attribute) && f.words.some((w) => t.matches.has(w))));
  const seen = new Uint8Array(index.capacity);
  // Phrases are query terms too: with `last`/`frequency` the plain words may all be dropped, leaving the phrases.
  const minimum = strategy === 'all' ? terms.length : parsed.phrases.length ? 0 : 1;
  for (let kept = terms.length; kept >= minimum; kept--) {
    const dropped = new Set(order.slice(0, terms.length - kept));
    const active = terms.filter((_, i) => !dropped.has(i));
    for (const n of active.length ? intersectAll(active.map((t) => t.docs)) : phraseBase()) {
      if (seen[n]) continue;
      seen[n] = 1;
      if (accepts(n) && searchesOn(n, active)) matched.push(features(n, active));
    }
  }
  return { matched, terms };
}

/**
 * Order the first `needed` results (after distinct) the way Meilisearch's ranking rules would. The leading
 * rules that reduce to small numbers (words, typo, attribute, exactness, and proximity when it is free) are
 * packed into one number per document and sorted numerically; the remaining rules (sort, custom rules,
 * proximity of multi-word queries) only order the groups of ties that reach the page, keeping the best few.
 */
function rankTop(matched: Ranked[], rules: Rule[], needed: number, distinctKey: ((n: number) => string | null) | null): Ranked[] {
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

/** The distinct key of a document (null when it lacks the attribute: such documents are all kept). */
function distinctKeyOf(index: Index, attribute: string): (n: number) => string | null {
  return (n) => {
    const entries = index.facetEntries(attribute, n);
    if (entries.length === 0) return null;
    return entries.length === 1 ? (entries[0] as { key: string }).key : entries.map((e) => e.key).join('\u0000');
  };
}

/**
 * One document per distinct value (the first in index order), for counts and facets. Single values are
 * compared by their interned id in a typed array; documents with several values fall back to a map.
 */
function distinctRepresentatives(index: Index, matched: Ranked[], attribute: string): number[] {
  const single = index.singleValueIds(attribute);
  const first = new Int32Array(index.facetValueCount(attribute)).fill(-1);
  const read = index.facetReader(attribute);
  const multi = new Map<string, number>();
  const out: number[] = [];
  for (const { n } of matched) {
    const id = single[n] as number;
    if (id >= 0) {
      const seen = first[id] as number;
      if (seen < 0 || n < seen) first[id] = n;
    } else if (id === NO_VALUE) out.push(n);
    else {
      const key = read(n).map((e) => e.key).join('\u0000');
      const seen = multi.get(key);
      if (seen === undefined || n < seen) multi.set(key, n);
    }
  }
  for (const n of first) if (n >= 0) out.push(n);
  return [...out, ...multi.values()];
}

export function facetDistribution(
  index: Index,
  numbers: Iterable<number>,
  facets: string[],
): { facetDistribution: Record<string, Record<string, number>>; facetStats: Record<string, { min: number; max: number }> } {
  const distribution: Record<string, Record<string, number>> = {};
  const stats: Record<string, { min: number; max: number }> = {};
  const list = [...numbers];
  const attributes = facets.includes('*') ? index.settings.filterableAttributes.filter((a) => a !== '*') : facets;
  for (const attribute of attributes) {
    // Facet values are interned per attribute, so counting is array arithmetic, not map lookups.
    let counts = new Uint32Array(64);
    const labels: string[] = [];
    let min = Infinity;
    let max = -Infinity;
    const entriesOf = index.facetReader(attribute);
    for (const n of list) {
      for (const entry of entriesOf(n)) {
        if (entry.number !== null) {
          if (entry.number < min) min = entry.number;
          if (entry.number > max) max = entry.number;
        }
        if (entry.id >= counts.length) {
          const grown = new Uint32Array(Math.max(counts.length * 2, entry.id + 1));
          grown.set(counts);
          counts = grown;
        }
        const count = counts[entry.id] as number;
        counts[entry.id] = count + 1;
        if (count === 0) labels[entry.id] = entry.label;
      }
    }
    const byCount = (index.settings.faceting.sortFacetValuesBy[attribute] ?? index.settings.faceting.sortFacetValuesBy['*']) === 'count';
    const found: Array<{ label: string; count: number }> = [];
    labels.forEach((label, id) => found.push({ label, count: counts[id] as number }));
    const entries = found.sort((a, b) => (byCount ? b.count - a.count : 0) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    distribution[attribute] = Object.fromEntries(entries.slice(0, index.settings.faceting.maxValuesPerFacet).map((e) => [e.label, e.count]));
    if (min !== Infinity) stats[attribute] = { min, max };
  }
  return { facetDistribution: distribution, facetStats: stats };
}

function pick(doc: Document, attributes: string[] | null | undefined, displayed: string[]): Document {
  const shown = (key: string) => displayed.includes('*') || displayed.includes(key);
  const wanted = (key: string) => !attributes || attributes.includes('*') || attributes.includes(key);
  const out: Document = {};
  for (const [key, value] of Object.entries(doc)) if (shown(key) && wanted(key)) out[key] = value;
  return out;
}

/** Highlight matched words, then crop around the densest window of matches. */
function formatText(
  text: string,
  matches: Map<string, { length: number }>,
  highlight: boolean,
  crop: number | null,
  pre: string,
  post: string,
  marker: string,
): string {
  const tokens = tokenize(text);
  const matchLength = (word: string): number | null => {
    const m = matches.get(word);
    return m ? m.length : null;
  };
  let startToken = 0;
  let endToken = tokens.length;
  if (crop !== null && tokens.length > crop) {
    // The window with the most matches; among those, the one that centres them best (as Meilisearch does).
    let best = 0;
    let bestScore = -1;
    let bestImbalance = Infinity;
    for (let i = 0; i + crop <= tokens.length; i++) {
      let score = 0;
      let first = -1;
      let last = -1;
      for (let j = i; j < i + crop; j++) {
        if (matchLength((tokens[j] as { word: string }).word) === null) continue;
        score++;
        if (first < 0) first = j;
        last = j;
      }
      const imbalance = score > 0 ? Math.abs(first - i - (i + crop - 1 - last)) : 0;
      if (score > bestScore || (score === bestScore && imbalance < bestImbalance)) {
        bestScore = score;
        bestImbalance = imbalance;
        best = i;
      }
    }
    startToken = bestScore > 0 ? best : 0;
    endToken = startToken + crop;
  }
  let out = '';
  const from = crop !== null && startToken > 0 ? (tokens[startToken] as { start: number }).start : 0;
  const to = crop !== null && endToken < tokens.length ? (tokens[endToken - 1] as { end: number }).end : text.length;
  if (crop !== null && startToken > 0) out += marker;
  let cursor = from;
  for (let i = startToken; i < endToken && i < tokens.length; i++) {
    const token = tokens[i] as { word: string; start: number; end: number };
    const length = highlight ? matchLength(token.word) : null;
    if (length === null) continue;
    out += text.slice(cursor, token.start);
    const end = Math.min(token.end, token.start + Math.max(length, 1));
    out += pre + text.slice(token.start, end) + post;
    cursor = end;
  }
  out += text.slice(cursor, to);
  if (crop !== null && endToken < tokens.length) out += marker;
  return out;
}

function formatValue(value: unknown, format: (s: string) => string): unknown {
  if (typeof value === 'string') return format(value);
  // Numbers come back as strings in `_formatted`; booleans and null keep their type (as Meilisearch does).
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(v, format));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, formatValue(v, format)]));
  return value;
}

/** Byte offsets of matched words in each attribute, as Meilisearch's `_matchesPosition`. */
function matchesPosition(doc: Document, matches: Map<string, { length: number }>): Record<string, Array<{ start: number; length: number; indices?: number[] }>> {
  const out: Record<string, Array<{ start: number; length: number; indices?: number[] }>> = {};
  const encoder = new TextEncoder();
  const scan = (key: string, value: string, indices?: number[]) => {
    for (const token of tokenize(value)) {
      const m = matches.get(token.word);
      if (!m) continue;
      const start = encoder.encode(value.slice(0, token.start)).length;
      const length = encoder.encode(value.slice(token.start, Math.min(token.end, token.start + m.length))).length;
      (out[key] ??= []).push(indices ? { start, length, indices } : { start, length });
    }
  };
  for (const [key, value] of Object.entries(doc)) {
    if (typeof value === 'string') scan(key, value);
    else if (Array.isArray(value)) value.forEach((item, i) => typeof item === 'string' && scan(key, item, [i]));
  }
  return out;
}

/**
 * A ranking score in [0, 1] with per-rule details, in the spirit of Meilisearch's: each rule scores the hit
 * in [0, 1], and rules are combined lexicographically (an earlier rule outweighs every later one).
 */
function rankingScore(index: Index, r: Ranked, termCount: number): { score: number; details: Record<string, Record<string, number>> } {
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

export interface SearchResult {
  hits: Document[];
  query: string;
  processingTimeMs: number;
  facetDistribution?: Record<string, Record<string, number>>;
  facetStats?: Record<string, { min: number; max: number }>;
  limit?: number;
  offset?: number;
  estimatedTotalHits?: number;
  page?: number;
  hitsPerPage?: number;
  totalHits?: number;
  totalPages?: number;
}

export function search(index: Index, query: SearchQuery): SearchResult {
  const started = performance.now();
  for (const name of ['offset', 'limit', 'hitsPerPage'] as const) checkNumber(name, query[name]);
  checkNumber('page', query.page);
  const distinct = query.distinct ?? index.settings.distinctAttribute;
  if (query.distinct) checkFilterable(index, [query.distinct], 'invalid_search_distinct');
  if (query.facets) checkFilterable(index, query.facets.filter((f) => f !== '*'), 'invalid_search_facets');

  const rules = rankingRules(index, query.sort);
  const { matched: found, terms } = candidates(index, query);
  const distinctKey = distinct ? distinctKeyOf(index, distinct) : null;
  const representatives = distinct ? distinctRepresentatives(index, found, distinct) : found.map((r) => r.n);
  const maxTotalHits = index.settings.pagination.maxTotalHits;
  const total = Math.min(representatives.length, maxTotalHits);

  const paginated = query.page !== undefined || query.hitsPerPage !== undefined;
  const result: SearchResult = { hits: [], query: query.q ?? '', processingTimeMs: 0 };
  let from: number;
  let to: number;
  if (paginated) {
    const hitsPerPage = query.hitsPerPage ?? 20;
    const page = query.page ?? 1;
    [from, to] = page === 0 || hitsPerPage === 0 ? [0, 0] : [(page - 1) * hitsPerPage, page * hitsPerPage];
    Object.assign(result, { hitsPerPage, page, totalPages: hitsPerPage === 0 ? 0 : Math.ceil(total / hitsPerPage), totalHits: total });
  } else {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 20;
    [from, to] = [offset, offset + limit];
    Object.assign(result, { limit, offset, estimatedTotalHits: total });
  }
  to = Math.min(to, maxTotalHits);
  const slice = to > from ? rankTop(found, rules, to, distinctKey).slice(from, to) : [];

  const matched = new Map<string, { length: number }>();
  for (const term of terms) {
    for (const [word, typos] of term.matches) {
      const isPrefixOnly = term.prefix && word !== term.word && word.startsWith(term.word) && typos === 0;
      matched.set(word, { length: isPrefixOnly ? term.word.length : word.length });
    }
  }
  for (const phrase of parseQuery(query.q ?? '').phrases) for (const w of phrase) matched.set(w, { length: w.length });

  const pre = query.highlightPreTag ?? '<em>';
  const post = query.highlightPostTag ?? '</em>';
  const marker = query.cropMarker ?? '…';
  const cropLength = query.cropLength ?? 10;
  const expand = (list: string[] | null | undefined, doc: Document): Map<string, number | null> => {
    const out = new Map<string, number | null>();
    for (const item of list ?? []) {
      const [name, length] = item.split(':') as [string, string | undefined];
      const size = length === undefined ? cropLength : Number(length);
      if (name === '*') for (const key of Object.keys(doc)) out.set(key, size);
      else out.set(name, size);
    }
    return out;
  };
  const displayed = index.settings.displayedAttributes;
  result.hits = slice.map((r) => {
    const doc = index.documentAt(r.n);
    const hit = pick(doc, query.attributesToRetrieve, displayed);
    if (query.attributesToHighlight?.length || query.attributesToCrop?.length) {
      // `_formatted` holds the retrieved attributes plus those named for highlighting or cropping.
      const named = [...(query.attributesToHighlight ?? []), ...(query.attributesToCrop ?? [])].map((a) => a.split(':')[0] as string);
      const visible = pick(doc, query.attributesToRetrieve && !named.includes('*') ? [...query.attributesToRetrieve, ...named] : null, displayed);
      const highlight = new Set([...expand(query.attributesToHighlight, visible).keys()]);
      const crop = expand(query.attributesToCrop, visible);
      const formatted: Document = {};
      for (const [key, value] of Object.entries(visible)) {
        const cropSize = crop.has(key) ? (crop.get(key) ?? cropLength) : null;
        formatted[key] = formatValue(value, (s) => formatText(s, matched, highlight.has(key), cropSize, pre, post, marker));
      }
      hit._formatted = formatted;
    }
    if (query.showMatchesPosition) hit._matchesPosition = matchesPosition(pick(doc, null, displayed), matched);
    const { score, details } = rankingScore(index, r, terms.length);
    if (query.showRankingScore) hit._rankingScore = score;
    if (query.showRankingScoreDetails) hit._rankingScoreDetails = details;
    if (query.retrieveVectors) hit._vectors = {};
    return query.rankingScoreThreshold === undefined || score >= query.rankingScoreThreshold ? hit : null;
  }).filter((hit): hit is Document => hit !== null);
  if (query.showPerformanceDetails) (result as SearchResult & { performanceDetails: Record<string, string> }).performanceDetails = {};

  if (query.facets && query.facets.length) {
    Object.assign(result, facetDistribution(index, representatives, query.facets));
  }
  result.processingTimeMs = Math.round(performance.now() - started);
  return result;
}
