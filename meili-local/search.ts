/**
 * Search over one Index, following Meilisearch's semantics: query terms with typo tolerance and prefix
 * search on the last word, phrases and negative terms, matching strategies, the filter language,
 * distinct, facets and pagination. Ranking is in ranking.ts, highlighting and cropping in format.ts.
 */
import { Distinct, distinctRepresentatives } from './distinct.ts';
import { MeiliError } from './errors.ts';
import { filterAttributes, parseFilter, type Document } from './filter.ts';
import { documentFilter, filterFlags } from './filter-columns.ts';
import { countFacetValues, type Index, Occurrences, POSITION_LIMIT } from './index.ts';
import { activePins, mergePins, type Rule } from './rules.ts';
import { scratch } from './scratch.ts';
import {
  charCount,
  editDistance,
  endsWithSeparator,
  normalize,
  prefixEditDistance,
  words as wordsOf,
} from './tokenize.ts';
import { CANDIDATES, RANKED, type RankedInfo, type ScoreValue } from './federation.ts';
import {
  formatText,
  formatValue,
  matchesPosition,
  type MatchedWord,
  type Matching,
} from './format.ts';
import { bestSimilarity, checkEmbedder, retrievedVectors } from './vectors.ts';
import {
  Candidates,
  TermDocs,
  rankTop,
  rankingRules,
  rankingScore,
  type RankContext,
  type Term,
} from './ranking.ts';

export interface SearchQuery {
  /** Not a Meilisearch parameter: facet search counts every value before it filters them by its query. */
  allFacetValues?: boolean;
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
  hybrid?: { embedder: string; semanticRatio?: number } | null;
  vector?: number[] | null;
  sort?: string[] | null;
  distinct?: string | null;
  matchingStrategy?: 'last' | 'all' | 'frequency';
  attributesToSearchOn?: string[] | null;
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
    throw new MeiliError(
      400,
      PARAM_CODES[name] ?? 'bad_request',
      `Invalid value type at \`.${name}\`: expected a positive integer, but found ${JSON.stringify(value)}.`,
    );
  }
}

/**
 * Split `q` into plain terms, phrases ("...") and negative terms (-word, -"phrase"); `phrasesAfter` says, for
 * each phrase, how many plain terms come before it in the query.
 */
export function parseQuery(q: string): {
  terms: string[];
  phrases: string[][];
  phrasesAfter: number[];
  negatives: string[][];
  lastIsPrefix: boolean;
} {
  const terms: string[] = [];
  const phrases: string[][] = [];
  const phrasesAfter: number[] = [];
  const negatives: string[][] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  let lastIsPrefix = false;
  for (const m of q.matchAll(re)) {
    if (m[2] !== undefined) {
      const words = wordsOf(m[2]);
      if (words.length === 0) continue;
      if (m[1] === '-') negatives.push(words);
      else {
        phrases.push(words);
        phrasesAfter.push(terms.length);
      }
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
  if (endsWithSeparator(q)) lastIsPrefix = false;
  return { terms, phrases, phrasesAfter, negatives, lastIsPrefix };
}

function maxTypos(index: Index, word: string): number {
  const t = index.settings.typoTolerance;
  if (!t.enabled || t.disableOnWords.map(normalize).includes(word)) return 0;
  if (t.disableOnNumbers && /^\d+$/.test(word)) return 0;
  const length = charCount(word);
  if (length >= t.minWordSizeForTypos.twoTypos) return 2;
  if (length >= t.minWordSizeForTypos.oneTypo) return 1;
  return 0;
}

function resolveTerm(
  index: Index,
  word: string,
  prefix: boolean,
  id: number,
  position: number,
  extra: Map<string, number> | undefined,
  ranks: Uint8Array | null,
): Term {
  const matches = derivations(index, word, prefix, maxTypos(index, word));
  for (const [from, tos] of Object.entries(index.settings.synonyms)) {
    if (normalize(from) !== word) continue;
    for (const to of tos)
      for (const w of wordsOf(to)) if (index.occurrencesOf(w) && !matches.has(w)) matches.set(w, 0);
  }
  for (const [w, typo] of extra ?? []) if (!matches.has(w)) matches.set(w, typo);
  const docs = new TermDocs(index.capacity, index.liveDocuments, ranks);
  const exact = index.typoOffRanks();
  const lists: Array<{ list: Occurrences; typo: number; exact: boolean }> = [];
  for (const [w, typo] of matches) {
    const all = index.occurrencesOf(w);
    // A word found by a typo (or an n-gram) is a derived word: Meilisearch looks those up among the words of
    // the attributes with typos only (its words FST and word_docids; the words of `disableOnAttributes` are
    // kept apart, in exact_word_docids, which only the query word itself and its prefix extensions reach).
    const list = all && typo > 0 && exact ? withoutRanks(all, exact) : all;
    if (list?.length) lists.push({ list, typo, exact: w === word && typo === 0 });
    else matches.delete(w);
  }
  // Its split into two words, as a phrase, for one typo (compute_derivations.rs, split_best_frequency),
  // whatever typos the word allows: "впервые" finds "в первые".
  const split = splitWords(index, word);
  if (split) {
    lists.push({ list: split.occurrences, typo: 1, exact: false });
    for (const w of split.words) if (!matches.has(w)) matches.set(w, 1);
  }
  for (const { list, typo, exact } of lists.sort((a, b) => a.typo - b.typo))
    docs.addWord(list, typo, exact);
  return {
    word,
    prefix,
    id,
    position,
    maxTypos: maxTypos(index, word),
    ngramTypos: [],
    matches,
    docs,
    ...(prefix &&
      usesPrefixDatabase(index, word) && { reversedOnly: index.occurrencesOf(word) ?? null }),
  };
}

/**
 * A quoted phrase as one term of the ranking rules: no typo, no prefix, never removed; ranked by its first
 * word's attribute and position, and by its last word's proximity to the next term (see Term.phrase).
 */
function phraseTerm(
  index: Index,
  words: string[],
  id: number,
  position: number,
  ranks: Uint8Array | null,
): Term {
  const docsOf = (word: string): TermDocs => {
    const docs = new TermDocs(index.capacity, index.liveDocuments, ranks);
    const list = index.occurrencesOf(word);
    if (list?.length) docs.addWord(list, 0, true);
    return docs;
  };
  const first = words[0] as string;
  const docs = docsOf(first);
  return {
    word: first,
    prefix: false,
    id,
    position,
    maxTypos: 0,
    ngramTypos: [],
    matches: new Map([[first, 0]]),
    docs,
    phrase: { words, last: words.length > 1 ? docsOf(words[words.length - 1] as string) : docs },
  };
}

/**
 * The split of `word` into two words of the index that most documents hold next to each other (in that
 * order, in one attribute), with the occurrences of the first where the second follows; null when none.
 */
function splitWords(
  index: Index,
  word: string,
): { words: [string, string]; occurrences: Occurrences } | null {
  const chars = [...word];
  let best: { words: [string, string]; occurrences: Occurrences; docs: number } | null = null;
  for (let i = 1; i < chars.length; i++) {
    const left = chars.slice(0, i).join('');
    const right = chars.slice(i).join('');
    const l = index.occurrencesOf(left);
    const r = index.occurrencesOf(right);
    if (!l || !r) continue;
    const { occurrences, docs } = followedBy(l, r, index.liveDocuments);
    if (docs > 0 && (!best || docs > best.docs)) best = { words: [left, right], occurrences, docs };
  }
  return best && { words: best.words, occurrences: best.occurrences };
}

/** Where an occurrence list is at (document, packed position): both ascending, so one key orders them. */
const POSITION_SPAN = 2 ** 26;
const keyAt = (list: Occurrences, i: number) =>
  (list.docs[i] as number) * POSITION_SPAN + (list.positions[i] as number);

/** The first index of `list` from `from` whose key is at least `key` (galloping, then binary search). */
function seek(list: Occurrences, from: number, key: number): number {
  let lo = from;
  let hi = from;
  let step = 1;
  while (hi < list.length && keyAt(list, hi) < key) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, list.length);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(list, mid) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The occurrences of `first` that `second` follows at the next position, in live documents, and how many
 * documents hold them. Walks the shorter list and seeks in the longer, so a common word beside a rare one
 * costs about the rare one's length.
 */
export function followedBy(
  first: Occurrences,
  second: Occurrences,
  live: Uint8Array,
): { occurrences: Occurrences; docs: number } {
  const occurrences = new Occurrences();
  let docs = 0;
  let previous = -1;
  const walkFirst = first.length <= second.length;
  const [walked, sought] = walkFirst ? [first, second] : [second, first];
  const offset = walkFirst ? 1 : -1;
  let at = 0;
  for (let k = 0; k < walked.length && at < sought.length; k++) {
    const key = keyAt(walked, k) + offset;
    at = seek(sought, at, key);
    const n = walked.docs[k] as number;
    if (at === sought.length || keyAt(sought, at) !== key || !live[n]) continue;
    occurrences.push(n, (walked.positions[k] as number) + (walkFirst ? 0 : -1));
    if (n !== previous) docs++;
    previous = n;
  }
  return { occurrences, docs };
}

/** The occurrences of a word outside the attributes of the given ranks. */
function withoutRanks(list: Occurrences, ranks: Uint8Array): Occurrences {
  const kept = new Occurrences();
  for (let i = 0; i < list.length; i++) {
    const packed = list.positions[i] as number;
    if (!ranks[Math.floor(packed / POSITION_LIMIT)]) kept.push(list.docs[i] as number, packed);
  }
  return kept;
}

/** Meilisearch's prefix database (index.rs PrefixSettings): prefixes of at most 4 bytes of at least 100 words. */
const PREFIX_DB = { maxBytes: 4, minWords: 100 };
/** Extensions of a prefix outside that database: the first 1 000, in word order (search/new/limits.rs). */
const MAX_PREFIX_COUNT = 1_000;
/** Words derived with one and with two typos, at most (search/new/limits.rs). */
const MAX_TYPO_COUNT = { 1: 150, 2: 50 };

/** Whether Meilisearch reads this prefix from its prefix database, where every extension counts. */
export function usesPrefixDatabase(index: Index, word: string): boolean {
  if (Buffer.byteLength(word) > PREFIX_DB.maxBytes) return false;
  return index.wordsWithPrefix(word, undefined, PREFIX_DB.minWords).length >= PREFIX_DB.minWords;
}

/** The words of the index a query word stands for, with their typos: itself, its extensions, its typo derivations. */
function derivations(
  index: Index,
  word: string,
  prefix: boolean,
  allowed: number,
): Map<string, number> {
  const matches = new Map<string, number>();
  if (index.occurrencesOf(word)) matches.set(word, 0);
  if (prefix && index.settings.prefixSearch !== 'disabled') {
    // The word itself sorts first among its words; the cap counts its extensions only.
    const cap = usesPrefixDatabase(index, word) ? Number.POSITIVE_INFINITY : MAX_PREFIX_COUNT;
    const extensions = index.wordsWithPrefix(word, undefined, cap + 1).filter((w) => w !== word);
    for (const w of extensions.slice(0, cap)) matches.set(w, 0);
  }
  if (allowed > 0) {
    // As Meilisearch's derivations (query_term/compute_derivations.rs): a word must begin with the same
    // character for one typo; with two allowed, a word one edit away but with another first character
    // counts as two typos. With prefix search the word may be any extension of something that close.
    const first = String.fromCodePoint(word.codePointAt(0) as number);
    const distance = prefix ? prefixEditDistance : editDistance;
    // Distance 0 is the word or an extension, already in (or left out by the prefix cap).
    const reachable = index.typoVocabulary();
    const oneTypo: string[] = [];
    const twoTypos: string[] = [];
    for (const candidate of index.wordsWithPrefix(first, reachable)) {
      const d = distance(word, candidate, allowed);
      if (d > allowed) continue;
      if (d === 1) oneTypo.push(candidate);
      else if (d === 2) twoTypos.push(candidate);
    }
    if (allowed === 2) {
      for (const candidate of reachable) {
        if (candidate.startsWith(first)) continue;
        if (distance(word, candidate, 1) <= 1) twoTypos.push(candidate);
      }
      twoTypos.sort();
    }
    // Each kept to its first words in word order (limits.rs), as Meilisearch's walk of its words FST.
    for (const w of oneTypo.slice(0, MAX_TYPO_COUNT[1])) if (!matches.has(w)) matches.set(w, 1);
    for (const w of twoTypos.slice(0, MAX_TYPO_COUNT[2])) if (!matches.has(w)) matches.set(w, 2);
  }
  return matches;
}

export function hasPhrase(index: Index, n: number, words: string[]): boolean {
  const phrase = words.map((word) => index.wordId(word));
  for (const field of index.tokensAt(n)) {
    const w = field.words;
    const p = field.positions;
    // The words of a phrase follow each other one position apart (not across a hard separator).
    outer: for (let i = 0; i + phrase.length <= w.length; i++) {
      for (let j = 0; j < phrase.length; j++)
        if (w[i + j] !== phrase[j] || (p[i + j] as number) - (p[i] as number) !== j) continue outer;
      return true;
    }
  }
  return false;
}

/**
 * Meilisearch's error for attributes that are not filterable. With a string filter the message ends with
 * the span of the offending attribute and the filter, `\n{start}:{end} {filter}` (1-based columns).
 */
export function checkFilterable(
  index: Index,
  attributes: Iterable<string>,
  code: string,
  filter?: unknown,
): void {
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

const MAX_QUERY_WORDS = 10;

/** The attribute ranks `attributesToSearchOn` names, as a lookup by rank; null when it is every attribute. */
function searchedRanks(index: Index, attributes: string[] | null | undefined): Uint8Array | null {
  if (!attributes || attributes.includes('*')) return null;
  const searchable = index.searchableAttributes();
  const ranks = new Uint8Array(searchable.length);
  searchable.forEach((attribute, rank) => (ranks[rank] = attributes.includes(attribute) ? 1 : 0));
  return ranks;
}

function candidates(
  index: Index,
  query: SearchQuery,
  ranked = true,
): { candidates: Candidates; terms: Term[] } {
  const parsed = parseQuery(query.q ?? '');
  const stop = new Set(index.settings.stopWords.map(normalize));
  const kept = parsed.terms.map(
    (w, i) => !stop.has(w) || (i === parsed.terms.length - 1 && parsed.lastIsPrefix),
  );
  const words = parsed.terms.filter((_, i) => kept[i]);
  // Meilisearch ignores every word after the tenth (a documented limit); the last word is a prefix only if kept.
  const plain = words.slice(0, MAX_QUERY_WORDS);
  const isPrefix = (i: number) => parsed.lastIsPrefix && i === words.length - 1;
  // Each phrase stands before plain[phraseAt[p]] (or after them all).
  const phraseAt = parsed.phrasesAfter.map((after) =>
    Math.min(plain.length, kept.slice(0, after).filter(Boolean).length),
  );
  // N-grams (query_term/parse_query.rs, make_ngram): two or three consecutive words joined are searched as
  // one word too, with one typo fewer per word joined, and cost one typo per word they stand for. A document
  // holding the joined word matches each of the words it joins.
  const extra = plain.map(() => new Map<string, number>());
  const ngramTypos: number[][] = plain.map(() => []);
  for (let i = 0; i < plain.length; i++) {
    for (let size = 2; size <= 3 && i + size <= plain.length; size++) {
      // Words on either side of a phrase are not consecutive.
      if (phraseAt.some((at) => at > i && at < i + size)) break;
      const joined = plain.slice(i, i + size).join('');
      const allowed = Math.max(0, maxTypos(index, joined) - (size - 1));
      (ngramTypos[i] as number[])[size - 2] = Math.max(1, allowed);
      for (const [w, typos] of derivations(index, joined, isPrefix(i + size - 1), allowed)) {
        for (let j = i; j < i + size; j++) {
          const cost = j === i ? 1 + typos : 1;
          const map = extra[j] as Map<string, number>;
          if ((map.get(w) ?? Infinity) > cost) map.set(w, cost);
        }
      }
    }
  }
  const ranks = searchedRanks(index, query.attributesToSearchOn);
  // The terms in query order, phrases among the words: a term's id counts terms, its position counts words.
  const terms: Term[] = [];
  let position = 0;
  for (let i = 0; i <= plain.length; i++) {
    parsed.phrases.forEach((phrase, p) => {
      if (phraseAt[p] !== i) return;
      terms.push(phraseTerm(index, phrase, terms.length, position, ranks));
      position += phrase.length;
    });
    if (i === plain.length) break;
    terms.push({
      ...resolveTerm(
        index,
        plain[i] as string,
        isPrefix(i),
        terms.length,
        position++,
        extra[i],
        ranks,
      ),
      ngramTypos: ngramTypos[i] as number[],
    });
  }

  const filterTree = parseFilter(query.filter);
  checkFilterable(index, filterAttributes(filterTree), 'invalid_search_filter', query.filter);
  // A placeholder search tests every document: then the filter is read from each value's documents at once.
  const flags = filterTree && terms.length === 0 ? filterFlags(index, filterTree) : null;
  const passesFilter = flags ? (n: number) => flags[n] === 1 : documentFilter(index, filterTree);
  const excluded = scratch.take(Uint8Array, index.capacity);
  for (const neg of parsed.negatives)
    if (neg.length === 1) for (const n of index.documentsWith(neg[0] as string)) excluded[n] = 1;
  const negativePhrases = parsed.negatives.filter((neg) => neg.length > 1);
  // Called at most once per document (callers skip documents already seen); the common case is the filter alone.
  const accepts =
    parsed.phrases.length || parsed.negatives.length
      ? (n: number): boolean =>
          !excluded[n] &&
          passesFilter(n) &&
          parsed.phrases.every((phrase) => hasPhrase(index, n, phrase)) &&
          !negativePhrases.some((neg) => hasPhrase(index, n, neg))
      : passesFilter;

  const found = new Candidates(
    terms.length ? Math.min(index.size, Math.max(...terms.map((t) => t.docs.size))) : index.size,
    ranked,
  );
  if (terms.length === 0) {
    const level = found.level([]);
    for (const n of index.allNumbers()) if (accepts(n)) found.add(n, level);
    return { candidates: found, terms };
  }
  // Matching strategy (query_graph.rs, removal_order_for_terms_matching_strategy, and the words rule's graph):
  // terms are ranked for removal, `last` from the end, `frequency` the most frequent first (terms found nowhere
  // before all, equally frequent ones alike); the terms of the last rank are never removed (unless there is a
  // phrase), phrases never. Removing a term costs one, and removing it requires removing the terms after it in
  // the query that rank before it: with `last` only endings of the query go, with `frequency` any allowed set.
  const strategy = query.matchingStrategy ?? 'last';
  const wordTerms = terms.map((_, i) => i).filter((i) => !(terms[i] as Term).phrase);
  const rankOf: number[] = terms.map(() => 0);
  if (strategy === 'last') wordTerms.forEach((i) => (rankOf[i] = terms.length - i));
  else if (strategy === 'frequency') {
    const frequency = (i: number) => (terms[i] as Term).docs.size || Infinity;
    const distinct = [...new Set(wordTerms.map(frequency))].sort((a, b) => b - a);
    wordTerms.forEach((i) => (rankOf[i] = distinct.indexOf(frequency(i)) + 1));
  }
  const lastRank = Math.max(...rankOf);
  const removable =
    strategy === 'all'
      ? []
      : wordTerms.filter((i) => parsed.phrases.length > 0 || rankOf[i] !== lastRank);
  const allowedRemoval = (removed: Set<number>): boolean => {
    for (const x of removed)
      for (const y of wordTerms)
        if (y > x && (rankOf[y] as number) < (rankOf[x] as number) && !removed.has(y)) return false;
    return true;
  };
  /** Every allowed set of removed terms, fewest first (each set in the order of the terms). */
  const removals: Array<Set<number>> = [];
  const choose = (from: number, size: number, chosen: number[]): void => {
    if (chosen.length === size) {
      const set = new Set(chosen);
      if (allowedRemoval(set)) removals.push(set);
      return;
    }
    for (let k = from; k < removable.length; k++)
      choose(k + 1, size, [...chosen, removable[k] as number]);
  };
  for (let size = 0; size <= removable.length && removals.length < 250; size++) choose(0, size, []);
  // attributesToSearchOn: every active term must match inside one of the listed attributes.
  const allowed =
    query.attributesToSearchOn && !query.attributesToSearchOn.includes('*')
      ? new Set(query.attributesToSearchOn)
      : null;
  const searchesOn = (n: number, active: Term[]): boolean =>
    !allowed ||
    active.every((t) =>
      index
        .tokensAt(n)
        .some(
          (f) => allowed.has(f.attribute) && f.words.some((id) => t.matches.has(index.wordAt(id))),
        ),
    );
  const seen = scratch.take(Uint8Array, index.capacity);
  for (const dropped of removals) {
    const active = terms.filter((_, i) => !dropped.has(i));
    const level = found.level(active);
    const consider = (n: number): void => {
      if (seen[n]) return;
      seen[n] = 1;
      if (accepts(n) && searchesOn(n, active)) found.add(n, level);
    };
    // Documents holding every active term: those of the rarest term that the others hold too.
    const [rarest, ...others] = active.map((t) => t.docs).sort((a, b) => a.size - b.size) as [
      TermDocs,
      ...TermDocs[],
    ];
    const keys = rarest.keys();
    outer: for (let k = 0; k < keys.length; k++) {
      const n = keys[k] as number;
      for (const docs of others) if (!docs.has(n)) continue outer;
      consider(n);
    }
  }
  return { candidates: found, terms };
}

/** Every live document, for `facetDistribution`: its counts are cached until the documents change. */
export const ALL_DOCUMENTS = Symbol('all documents');

export function facetDistribution(
  index: Index,
  numbers: ArrayLike<number> | typeof ALL_DOCUMENTS,
  facets: string[],
  maxValues = index.settings.faceting.maxValuesPerFacet,
): {
  facetDistribution: Record<string, Record<string, number>>;
  facetStats: Record<string, { min: number; max: number }>;
} {
  const distribution: Record<string, Record<string, number>> = {};
  const stats: Record<string, { min: number; max: number }> = {};
  // In name order, as Meilisearch's maps of them.
  const attributes = [
    ...new Set(
      facets.includes('*') ? index.settings.filterableAttributes.filter((a) => a !== '*') : facets,
    ),
  ].sort();
  for (const attribute of attributes) {
    // Facet values are interned per attribute, so counting is array arithmetic, not map lookups.
    const column = index.facetColumn(attribute);
    const counts =
      numbers === ALL_DOCUMENTS
        ? index.facetCountsOfAll(attribute)
        : countFacetValues(column, numbers);
    let min = Infinity;
    let max = -Infinity;
    const found: Array<{ label: string; count: number }> = [];
    for (const entry of column.entries) {
      const count = counts[entry.id] as number;
      if (count === 0) continue;
      found.push({ label: entry.label, count });
      if (entry.number !== null) {
        if (entry.number < min) min = entry.number;
        if (entry.number > max) max = entry.number;
      }
    }
    const byCount =
      (index.settings.faceting.sortFacetValuesBy[attribute] ??
        index.settings.faceting.sortFacetValuesBy['*']) === 'count';
    const entries = found.sort(
      (a, b) =>
        (byCount ? b.count - a.count : 0) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
    );
    distribution[attribute] = Object.fromEntries(
      entries.slice(0, maxValues).map((e) => [e.label, e.count]),
    );
    if (min !== Infinity) stats[attribute] = { min, max };
  }
  return { facetDistribution: distribution, facetStats: stats };
}

function pick(
  doc: Document,
  attributes: string[] | null | undefined,
  displayed: string[],
): Document {
  const shown = (key: string) => displayed.includes('*') || displayed.includes(key);
  const wanted = (key: string) =>
    !attributes || attributes.includes('*') || attributes.includes(key);
  const out: Document = {};
  for (const [key, value] of Object.entries(doc)) if (shown(key) && wanted(key)) out[key] = value;
  return out;
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

/** A hit before it is rendered: its document number, its ranking score and the score's details. */
interface Ranked {
  n: number;
  score: number;
  details: Record<string, unknown>;
  /** The score as federated search compares it (federation.ts); semantic hits have none. */
  values?: ScoreValue[];
}

/**
 * The semantic part a query asks for, as Meilisearch's search kinds (routes/indexes/search.rs, search_kind):
 * none with a ratio of 0 or with neither words nor a vector; semantic only with a ratio of 1 or no words;
 * else hybrid. meili-local embeds nothing itself, so the query must bring its vector (userProvided).
 */
function semanticSearch(
  index: Index,
  query: SearchQuery,
): { embedder: string; vector: number[]; ratio: number } | null {
  const hybrid = query.hybrid;
  if (!hybrid) return null;
  const ratio = hybrid.semanticRatio ?? 0.5;
  const hasWords = (query.q ?? '').trim() !== '';
  if (ratio === 0 || (!hasWords && !query.vector)) return null;
  checkEmbedder(
    index.settings.embedders,
    hybrid.embedder,
    'invalid_search_embedder',
    query.vector ?? undefined,
  );
  if (!query.vector) {
    throw new MeiliError(
      400,
      'vector_embedding_error',
      `Error while generating embeddings: user error: attempt to embed the following text in a configuration where embeddings must be user provided: ${JSON.stringify(query.q ?? '')}`,
    );
  }
  return { embedder: hybrid.embedder, vector: query.vector, ratio: hasWords ? ratio : 1 };
}

/**
 * The first `limit` of `numbers` by similarity to `target` (milli's vector sort): documents with an embedding
 * from the most alike; those without one after them, in internal id order, with no similarity.
 */
function vectorTop(
  index: Index,
  numbers: ArrayLike<number>,
  { embedder, vector }: { embedder: string; vector: number[] },
  limit: number,
): Ranked[] {
  const scored = Array.from(numbers, (n) => ({
    n,
    similarity: bestSimilarity(vector, index.embeddingsAt(n)?.[embedder]),
  }));
  scored.sort(
    (a, b) => (b.similarity ?? -1) - (a.similarity ?? -1) || index.docid(a.n) - index.docid(b.n),
  );
  return scored.slice(0, limit).map(({ n, similarity }) => ({
    n,
    score: similarity ?? 0,
    details: { vectorSort: { order: 0, similarity } },
  }));
}

/**
 * Whether keyword hits alone answer a hybrid search (milli search/hybrid.rs, results_good_enough): a full
 * page of them, each scoring at least 0.45 once weighted by the keyword share.
 */
function goodEnough(keyword: Ranked[], wanted: number, semanticRatio: number): boolean {
  return (
    keyword.length >= wanted && keyword.every((hit) => hit.score * (1 - semanticRatio) >= 0.45)
  );
}

/**
 * Keyword and vector hits merged by weighted score (milli search/hybrid.rs, merge): the vector hit first on
 * a tie, each document once, then the page. Also how many of the page's hits came from the vector side.
 */
function mergeHybrid(
  keyword: Ranked[],
  vector: Ranked[],
  semanticRatio: number,
  from: number,
  to: number,
): { ranked: Ranked[]; semanticHitCount: number } {
  const merged = [
    ...vector.map((hit) => ({ hit, weighted: hit.score * semanticRatio, semantic: true })),
    ...keyword.map((hit) => ({ hit, weighted: hit.score * (1 - semanticRatio), semantic: false })),
  ].sort((a, b) => b.weighted - a.weighted || Number(b.semantic) - Number(a.semantic));
  const seen = new Set<number>();
  const page = merged.filter(({ hit }) => !seen.has(hit.n) && seen.add(hit.n)).slice(from, to);
  return {
    ranked: page.map(({ hit }) => hit),
    semanticHitCount: page.filter(({ semantic }) => semantic).length,
  };
}

/**
 * Search `index`. `rules` are the dynamic search rules in force (rules.ts): the documents they pin for this
 * query are taken out of the organic results and put at their positions, counted in totals and facets.
 */
export function search(index: Index, query: SearchQuery, rules: Iterable<Rule> = []): SearchResult {
  const started = performance.now();
  scratch.reclaim();
  for (const name of ['offset', 'limit', 'hitsPerPage'] as const) checkNumber(name, query[name]);
  checkNumber('page', query.page);
  const distinct = query.distinct ?? index.settings.distinctAttribute;
  if (query.distinct && !index.isFilterable(query.distinct)) {
    const available = [...index.settings.filterableAttributes].sort();
    throw new MeiliError(
      400,
      'invalid_search_distinct',
      `Index \`${index.uid}\`: Attribute \`${query.distinct}\` is not filterable and thus, cannot be used as distinct attribute. ${available.length ? `Available filterable attributes patterns are: \`${available.join(', ')}\`.` : 'This index does not have configured filterable attributes.'}`,
    );
  }
  if (query.facets)
    checkFilterable(
      index,
      query.facets.filter((f) => f !== '*'),
      'invalid_search_facets',
    );
  const searchable = index.settings.searchableAttributes;
  const notSearchable = searchable.includes('*')
    ? undefined
    : query.attributesToSearchOn?.find((a) => a !== '*' && !searchable.includes(a));
  if (notSearchable !== undefined) {
    throw new MeiliError(
      400,
      'invalid_search_attributes_to_search_on',
      `Index \`${index.uid}\`: Attribute \`${notSearchable}\` is not searchable. Available searchable attributes are: \`${[...searchable].sort().join(', ')}\`.`,
    );
  }

  const ranking = rankingRules(index, query.sort);
  const semantic = semanticSearch(index, query);
  // A semantic-only search ranks every document that passes the filter; the query's words do not select.
  // No page to rank (a count, facets): the candidates need no ranking features.
  const noPage = query.limit === 0 || query.hitsPerPage === 0 || query.page === 0;
  const { candidates: found, terms } = candidates(
    index,
    semantic?.ratio === 1 ? { ...query, q: '' } : query,
    !noPage || semantic !== null,
  );
  found.context = { index, terms, levels: found.actives };
  const pins = pinsOf(index, query, terms, rules);
  const pinned = new Set(pins.map((pin) => pin.n));
  const maxTotalHits = index.settings.pagination.maxTotalHits;
  const paginated = query.page !== undefined || query.hitsPerPage !== undefined;
  // With page/hitsPerPage the count is exhaustive: distinct applies to every candidate before totals and
  // facets (milli search/new/mod.rs, exhaustive_number_hits). With offset/limit only the documents that the
  // page's buckets reached are deduplicated: the total and facets count every other candidate.
  const exhaustive =
    paginated && distinct ? distinctRepresentatives(index, found.numbers(), distinct) : null;
  let representatives: ArrayLike<number> = exhaustive ?? found.numbers();
  let total = Math.min(representatives.length, maxTotalHits);

  const result: SearchResult = { hits: [], query: query.q ?? '', processingTimeMs: 0 };
  let from: number;
  let to: number;
  if (paginated) {
    const hitsPerPage = query.hitsPerPage ?? 20;
    const page = query.page ?? 1;
    [from, to] =
      page === 0 || hitsPerPage === 0 ? [0, 0] : [(page - 1) * hitsPerPage, page * hitsPerPage];
    Object.assign(result, {
      hitsPerPage,
      page,
      totalPages: hitsPerPage === 0 ? 0 : Math.ceil(total / hitsPerPage),
      totalHits: total,
    });
  } else {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 20;
    [from, to] = [offset, offset + limit];
    Object.assign(result, { limit, offset, estimatedTotalHits: total });
  }
  to = Math.min(to, maxTotalHits);
  // With pins, the organic hits are ranked from the top, enough to fill the page once pinned ones are out.
  const [rankFrom, rankTo] = pins.length ? [0, to + pins.length] : [from, to];
  const chosen = distinct ? new Distinct(index, distinct) : null;
  const placeholderWalk = terms.length === 0 && ranking.every((rule) => !('compare' in rule));
  const score = (r: { n: number; active: Term[] }): Ranked => ({
    n: r.n,
    ...rankingScore(
      found.context as RankContext,
      r.n,
      r.active,
      query.sort,
      query.matchingStrategy,
    ),
  });
  const keywordTop = () =>
    rankTo > rankFrom ? rankTop(found, ranking, rankTo, chosen, placeholderWalk).map(score) : [];
  let ranked: Ranked[];
  let semanticHitCount: number | undefined;
  if (!semantic) ranked = keywordTop().slice(rankFrom, rankTo);
  else if (semantic.ratio === 1) {
    ranked = vectorTop(index, found.numbers(), semantic, rankTo).slice(rankFrom, rankTo);
    semanticHitCount = ranked.length;
  } else {
    const keyword = keywordTop();
    if (goodEnough(keyword, to, semantic.ratio)) {
      ranked = keyword.slice(rankFrom, rankTo);
      semanticHitCount = 0;
    } else {
      const universe = candidates(index, { ...query, q: '' }).candidates.numbers();
      const vector = vectorTop(index, universe, semantic, rankTo);
      ({ ranked, semanticHitCount } = mergeHybrid(
        keyword,
        vector,
        semantic.ratio,
        rankFrom,
        rankTo,
      ));
      representatives = universe;
      total = Math.min(universe.length, maxTotalHits);
      if (!paginated) result.estimatedTotalHits = total;
      else if (result.hitsPerPage)
        Object.assign(result, {
          totalHits: total,
          totalPages: Math.ceil(total / result.hitsPerPage),
        });
    }
  }
  if (chosen && !paginated && to > from && !semantic) {
    const kept: number[] = [];
    for (const n of found.numbers()) if (chosen.allows(n)) kept.push(n);
    representatives = kept;
    total = Math.min(kept.length, maxTotalHits);
    result.estimatedTotalHits = total;
  }
  if (pins.length) {
    ranked = mergePins(
      ranked.filter((r) => !pinned.has(r.n)),
      pins,
      from,
      to,
      (pin): Ranked => ({
        n: pin.n,
        score: 1,
        details: { pin: { order: 0, position: pin.position } },
      }),
    );
    representatives = [...Array.from(representatives).filter((n) => !pinned.has(n)), ...pinned];
    total = Math.min(representatives.length, maxTotalHits);
    if (!paginated) result.estimatedTotalHits = total;
    else
      Object.assign(result, {
        totalHits: total,
        totalPages: result.hitsPerPage ? Math.ceil(total / result.hitsPerPage) : 0,
      });
  }

  // What to highlight of each matching word, as Meilisearch's matching words (matches/matching_words.rs):
  // a word matching a term that is not a prefix is highlighted whole; one matching the prefix term (the last
  // word) only for as many characters as that query word has (`маиор` highlights `майо` of `майор`).
  const matched = new Map<string, MatchedWord>();
  const prefixMatched: Array<[string, MatchedWord]> = [];
  // Phrases are highlighted from the query's phrases below; each word term is one query id.
  const wordTerms = terms.filter((t) => !t.phrase);
  for (const [id, term] of wordTerms.entries()) {
    const queryLength = charCount(term.word);
    // Meilisearch tries the prefix term's words in the order it met them: the query word and its extensions,
    // then the typo derivations in lexicographic order. The first that the matched word starts with sets the
    // length; among the derivations that begin a word, the shortest comes first in that order.
    const typoWords = term.prefix
      ? new Set([...term.matches].filter(([, typos]) => typos > 0).map(([w]) => w))
      : null;
    for (const word of term.matches.keys()) {
      if (!typoWords) {
        if (!matched.has(word)) matched.set(word, { length: Infinity, id });
        continue;
      }
      let length = queryLength;
      if (!word.startsWith(term.word)) {
        for (let k = 1; k <= word.length; k++) {
          if (!typoWords.has(word.slice(0, k))) continue;
          length = Math.min(queryLength, charCount(word.slice(0, k)));
          break;
        }
      }
      prefixMatched.push([word, { length, id }]);
    }
  }
  for (const [word, m] of prefixMatched) if (!matched.has(word)) matched.set(word, m);
  // Each phrase stands for as many query ids as it has words, after the plain terms'.
  let nextId = wordTerms.length;
  const matching: Matching = {
    words: matched,
    phrases: parseQuery(query.q ?? '').phrases.map((words) => ({
      words,
      ids: words.map(() => nextId++),
    })),
  };

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
  result.hits = ranked
    .map((r) => {
      const doc = index.documentAt(r.n);
      const hit = pick(doc, query.attributesToRetrieve, displayed);
      if (query.attributesToHighlight?.length || query.attributesToCrop?.length) {
        // `_formatted` holds the retrieved attributes plus those named for highlighting or cropping.
        const named = [
          ...(query.attributesToHighlight ?? []),
          ...(query.attributesToCrop ?? []),
        ].map((a) => a.split(':')[0] as string);
        const visible = pick(
          doc,
          query.attributesToRetrieve && !named.includes('*')
            ? [...query.attributesToRetrieve, ...named]
            : null,
          displayed,
        );
        const highlight = new Set([...expand(query.attributesToHighlight, visible).keys()]);
        const crop = expand(query.attributesToCrop, visible);
        const formatted: Document = {};
        for (const [key, value] of Object.entries(visible)) {
          const cropSize = crop.has(key) ? (crop.get(key) ?? cropLength) : null;
          formatted[key] = formatValue(value, (s) =>
            formatText(s, matching, highlight.has(key), cropSize, pre, post, marker),
          );
        }
        hit._formatted = formatted;
      }
      if (query.showMatchesPosition)
        hit._matchesPosition = matchesPosition(pick(doc, null, displayed), matching);
      const { score, details } = r;
      (hit as Document & { [RANKED]?: RankedInfo })[RANKED] = { n: r.n, values: r.values };
      if (query.showRankingScore) hit._rankingScore = score;
      if (query.showRankingScoreDetails) hit._rankingScoreDetails = details;
      if (query.retrieveVectors)
        hit._vectors = retrievedVectors(index.embeddingsAt(r.n), index.settings.embedders);
      return query.rankingScoreThreshold === undefined || score >= query.rankingScoreThreshold
        ? hit
        : null;
    })
    .filter((hit): hit is Document => hit !== null);
  if (semanticHitCount !== undefined)
    (result as SearchResult & { semanticHitCount: number }).semanticHitCount = semanticHitCount;
  if (query.showPerformanceDetails)
    (result as SearchResult & { performanceDetails: Record<string, string> }).performanceDetails =
      {};

  if (query.facets?.length) {
    Object.assign(
      result,
      facetDistribution(
        index,
        representatives,
        query.facets,
        query.allFacetValues ? Infinity : undefined,
      ),
    );
  }
  (result as SearchResult & { [CANDIDATES]?: ArrayLike<number> })[CANDIDATES] = representatives;
  result.processingTimeMs = Math.floor(performance.now() - started);
  return result;
}

/**
 * The documents `rules` pin for this query: only documents that pass its filter (milli takes them out of the
 * filtered universe), matched by the query's words as searched (stop words out, the first ten).
 */
function pinsOf(
  index: Index,
  query: SearchQuery,
  terms: Term[],
  rules: Iterable<Rule>,
): Array<{ n: number; position: number }> {
  const list = [...rules];
  if (list.length === 0) return [];
  const filter = parseFilter(query.filter);
  const passes = documentFilter(index, filter);
  const queryWords = terms.map((term) => term.word);
  return activePins(
    list,
    {
      indexUid: index.uid,
      queryWords,
      queryEmpty: queryWords.length === 0 && parseQuery(query.q ?? '').phrases.length === 0,
      filter,
      now: new Date().toISOString(),
    },
    (id) => {
      const n = index.numberOfId(id);
      return n !== undefined && passes(n) ? n : undefined;
    },
  );
}

export interface SimilarQuery {
  id: unknown;
  embedder: string;
  offset?: number;
  limit?: number;
  filter?: unknown;
  attributesToRetrieve?: string[] | null;
  retrieveVectors?: boolean;
  showRankingScore?: boolean;
  showRankingScoreDetails?: boolean;
  showPerformanceDetails?: boolean;
  rankingScoreThreshold?: number;
}

/**
 * The documents most like document `id` by its embedding (milli search/similar.rs): every other document
 * that passes the filter is a candidate; hits are those with an embedding, most alike first, cut at the
 * ranking score threshold.
 */
export function similar(index: Index, query: SimilarQuery): Record<string, unknown> {
  const started = performance.now();
  if (typeof query.embedder !== 'string')
    throw new MeiliError(400, 'invalid_similar_embedder', 'Missing field `embedder`');
  checkEmbedder(index.settings.embedders, query.embedder, 'invalid_similar_embedder');
  const valid =
    typeof query.id === 'string'
      ? /^[A-Za-z0-9_-]{1,511}$/.test(query.id)
      : Number.isInteger(query.id);
  if (!valid)
    throw new MeiliError(
      400,
      'invalid_similar_id',
      `Invalid value at \`.id\`: the value of \`id\` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.`,
    );
  const id = String(query.id);
  const target = index.numberOfId(id);
  if (target === undefined)
    throw new MeiliError(404, 'not_found_similar_id', `Document \`${id}\` not found.`);
  const tree = parseFilter(query.filter);
  checkFilterable(index, filterAttributes(tree), 'invalid_similar_filter', query.filter);
  const passes = documentFilter(index, tree);
  const universe: number[] = [];
  for (const n of index.allNumbers()) if (n !== target && passes(n)) universe.push(n);
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  const vector = index.embeddingsAt(target)?.[query.embedder]?.[0];
  const withEmbedding = vector
    ? universe.filter((n) => index.embeddingsAt(n)?.[query.embedder]?.length)
    : [];
  let ranked = vector
    ? vectorTop(index, withEmbedding, { embedder: query.embedder, vector }, offset + limit).slice(
        offset,
      )
    : [];
  let total = universe.length;
  const threshold = query.rankingScoreThreshold;
  const below = threshold === undefined ? -1 : ranked.findIndex((hit) => hit.score < threshold);
  if (below >= 0) {
    // Documents after the first one under the threshold are no longer candidates either.
    total = offset + below;
    ranked = ranked.slice(0, below);
  }
  const displayed = index.settings.displayedAttributes;
  const hits = ranked.map((r) => {
    const hit = pick(index.documentAt(r.n), query.attributesToRetrieve, displayed);
    if (query.showRankingScore) hit._rankingScore = r.score;
    if (query.showRankingScoreDetails) hit._rankingScoreDetails = r.details;
    if (query.retrieveVectors)
      hit._vectors = retrievedVectors(index.embeddingsAt(r.n), index.settings.embedders);
    return hit;
  });
  return {
    hits,
    id,
    processingTimeMs: Math.floor(performance.now() - started),
    limit,
    offset,
    estimatedTotalHits: total,
    ...(query.showPerformanceDetails ? { performanceDetails: {} } : {}),
  };
}
