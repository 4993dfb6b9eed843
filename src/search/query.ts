/**
 * Building Meilisearch searches from validated API parameters. Pure: no I/O.
 */
import type { MultiSearchQuery } from 'meilisearch';
import { F } from '../schema/chunk.ts';
import type { SearchParams } from '../api/params.ts';
import { exactKey, normalizeWord, stemWord, terms, wordKey, words } from '../text/stem.ts';
import { buildFilter, type FilterInput } from './filters.ts';
import type { QueryMarks } from './snippet.ts';

/** Words in a snippet (the Worker crops and marks them itself, see snippet.ts). */
export const CROP_LENGTH = 40;

/** A query as typed: its quoted phrases, its other words (normalised), and the word still being typed. */
export interface ParsedQuery {
  phrases: string[][];
  words: string[];
  /** The last word when nothing follows it (no space, no quote): it may be cut short, so it is a prefix. */
  typing: string | null;
}

export function parseQuery(q: string): ParsedQuery {
  // Odd segments between quotes are phrases; an unclosed quote runs to the end.
  const segments = q.split('"');
  const phrases = segments
    .filter((_, i) => i % 2 === 1)
    .map((s) => terms(s).map(normalizeWord))
    .filter((p) => p.length > 0);
  const words = terms(segments.filter((_, i) => i % 2 === 0).join(' ')).map(normalizeWord);
  const endsInWord = segments.length % 2 === 1 && /[\p{L}\p{N}]$/u.test(q);
  return { phrases, words, typing: endsInWord ? (words.at(-1) ?? null) : null };
}

const phraseText = (phrases: string[][]) => phrases.map((p) => `"${p.join(' ')}"`);

/**
 * The query as Meilisearch sees it: phrases as typed (a phrase means those words in that order), then the
 * key of every word (src/text/stem.ts; the indexer stores the keys of every form of each word in
 * `text_stem`), each a whole word: a stem as a prefix lets in unrelated words. Only the word still being
 * typed is a prefix: its key, which starts the keys of its forms and of any word it was cut short from
 * (the key holds a letter past the stem: "партия", «ььпарти», reaches "партизан" but not "партнёр").
 * `stems` say what to highlight.
 */
export function stemQuery(q: string): { q: string; stems: QueryMarks } {
  const parsed = parseQuery(q);
  const keys = parsed.words.map(wordKey);
  const prefix = parsed.typing === null ? null : (keys.at(-1) as string);
  const parts = [...phraseText(parsed.phrases), ...new Set(keys)];
  // A prefix must be the last term: move the typed one there if an earlier word had the same key.
  if (prefix !== null) parts.push(parts.splice(parts.lastIndexOf(prefix), 1)[0] as string);
  const text = parts.join(' ');
  return {
    q: text + (prefix === null && text ? ' ' : ''),
    stems: {
      stems: new Set([...parsed.words, ...parsed.phrases.flat()].map(stemWord)),
      words: [...parsed.words, ...parsed.phrases.flat()],
      prefix: parsed.typing,
    },
  };
}

/**
 * The query as typed (normalised, each word marked as `text_forms` holds it: see exactKey), for the
 * exact-forms search that ranks "депутатами" above "депутатов" when that is what was asked, and finds
 * typos. Null when it would be the stemmed query again (no Cyrillic word).
 */
export function exactQuery(q: string): string | null {
  const parsed = parseQuery(q);
  const parts = [...phraseText(parsed.phrases), ...parsed.words.map(exactKey)];
  const exact = parts.join(' ') + (parsed.typing === null && parts.length ? ' ' : '');
  return parts.length && exact !== stemQuery(q).q ? exact : null;
}

/**
 * Which words must match: Meilisearch drops query words, when too few paragraphs hold them all, the most
 * frequent first and those found nowhere before any other, so one unknown or mistyped word never empties
 * the answer (the default, `last`, would drop from the end and keep the first word mandatory).
 */
export const MATCHING_STRATEGY = 'frequency';

export function personField(group: SearchParams['group']): string {
  return group === 'article' ? F.articlePersons : F.persons;
}

export function filterInput(
  params: SearchParams,
  personNames?: FilterInput['personNames'],
): FilterInput {
  return {
    persons: params.person,
    ...(personNames ? { personNames } : {}),
    personMode: params.person_mode,
    personField: personField(params.group),
    years: params.year,
    from: params.from,
    to: params.to,
    articleId: params.article,
  };
}

const SORTS: Record<SearchParams['sort'], string[] | undefined> = {
  relevance: undefined,
  newest: [`${F.dateTs}:desc`, `${F.paragraph}:asc`],
  oldest: [`${F.dateTs}:asc`, `${F.paragraph}:asc`],
};

/** Relevance means nothing without a query: browsing (an empty `q`) shows the newest first. */
export function sortOf(params: SearchParams): string[] | undefined {
  return params.sort === 'relevance' && words(params.q).length === 0
    ? SORTS.newest
    : SORTS[params.sort];
}

export const HIT_FIELDS = [
  F.id,
  F.articleId,
  F.title,
  F.date,
  F.dateTs,
  F.url,
  F.source,
  F.paragraph,
  F.heading,
  F.text,
  F.persons,
  // Internal, for marking names typed in Latin letters (see withLatinNames); never in an answer.
  F.personsLatin,
  F.articlePersons,
];

/** What each search of `buildSearches` is for, by position in `queries`. */
export interface SearchPlan {
  queries: MultiSearchQuery[];
  /** Disjunctive facets, in order: their searches follow the main one. */
  disjunctive: Array<'person' | 'year'>;
  /** Whether the last search is the exact-forms one (see `exactFirst`). */
  exact: boolean;
  /** Chosen persons counted by a search of their own (see `otherNames`); theirs follow the disjunctive ones. */
  personCounts: string[];
  /** The date order both hit lists follow, when sorted by date. */
  sort?: string[];
}

/**
 * The names of the index a chosen person stands for besides itself ("Ташиев": "Камчыбек Ташиев"). When
 * there are any, its facet count is no one value's count: the count of results holding any of them.
 */
export function otherNames(person: string, personNames?: FilterInput['personNames']): string[] {
  return (personNames?.[person] ?? []).filter((name) => name !== person);
}

/**
 * The searches for one API request, sent together through /multi-search: the main one (hits and the
 * conjunctive facets); for each disjunctive facet with a selection, one without that facet's own filter
 * (InstantSearch's technique), so each chosen value's alternatives keep their counts; and, when the query's
 * words are not all stems, one for the words as typed, so exact forms come first and typos are found.
 * With that last one both hit lists are fetched from the top to the end of the page, for `exactFirst` to
 * merge; sorted by date, the main search also says how many words each hit matched.
 */
export function buildSearches(
  params: SearchParams,
  indexUid: string,
  personNames?: FilterInput['personNames'],
): SearchPlan {
  const { q } = stemQuery(params.q);
  const exact = exactQuery(params.q);
  const sort = sortOf(params);
  const input = filterInput(params, personNames);
  const persons = personField(params.group);
  const distinct = params.group === 'article' ? { distinct: F.articleId } : {};
  const window = exact
    ? { page: 1, hitsPerPage: params.page * params.per_page }
    : { page: params.page, hitsPerPage: params.per_page };
  const hits = { attributesToRetrieve: HIT_FIELDS, ...(sort ? { sort } : {}) };
  const main: MultiSearchQuery = {
    indexUid,
    q,
    matchingStrategy: MATCHING_STRATEGY,
    filter: buildFilter(input),
    facets: [persons, F.year, F.month],
    ...distinct,
    ...window,
    ...hits,
    ...(sort && exact ? { showRankingScoreDetails: true } : {}),
  };
  const disjunctive: Array<'person' | 'year'> = [];
  if (params.person_mode === 'any' && params.person.length) disjunctive.push('person');
  if (params.year.length) disjunctive.push('year');
  // In `all` mode every result holds one of a chosen person's names, so the main count is its count; in
  // `any` mode a chosen surname standing for other names is counted among the results of the others.
  const personCounts =
    params.person_mode === 'any'
      ? params.person.filter((p) => otherNames(p, personNames).length > 0)
      : [];
  const counted = personCounts.map(
    (person): MultiSearchQuery => ({
      indexUid,
      q,
      matchingStrategy: MATCHING_STRATEGY,
      filter: buildFilter({ ...input, persons: [person], personMode: 'all' }),
      ...distinct,
      page: 1,
      hitsPerPage: 0,
    }),
  );
  const extra = disjunctive.map(
    (facet): MultiSearchQuery => ({
      indexUid,
      q,
      matchingStrategy: MATCHING_STRATEGY,
      filter: buildFilter(input, facet),
      facets: [facet === 'person' ? persons : F.year],
      ...distinct,
      // Page mode: Meilisearch applies distinct to the candidates only when it counts exhaustively, so
      // with `limit: 0` the facet would count paragraphs instead of articles.
      page: 1,
      hitsPerPage: 0,
    }),
  );
  const exactSearch: MultiSearchQuery[] =
    exact === null
      ? []
      : [
          {
            indexUid,
            q: exact,
            filter: main.filter,
            matchingStrategy: 'all',
            ...distinct,
            ...window,
            ...hits,
          },
        ];
  return {
    queries: [main, ...extra, ...counted, ...exactSearch],
    disjunctive,
    personCounts,
    exact: exact !== null,
    ...(sort ? { sort } : {}),
  };
}

/** Compares hits as Meilisearch's `sort` orders them ("field:asc" / "field:desc"): a hit without the field last. */
export function bySort(sort: string[]): (a: unknown, b: unknown) => number {
  const keys = sort.map((s) => {
    const [field, direction] = s.split(':') as [string, string];
    return { field, sign: direction === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const x = (a as Record<string, unknown>)[field] as number | string | null | undefined;
      const y = (b as Record<string, unknown>)[field] as number | string | null | undefined;
      if (x === y) continue;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}

/** Whether a hit of the main search holds every query word (its `words` ranking details say so). */
function matchesEveryWord(hit: unknown): boolean {
  const words = (hit as { _rankingScoreDetails?: { words?: WordsDetails } })._rankingScoreDetails
    ?.words;
  return !words || words.matchingWords === words.maxMatchingWords;
}
interface WordsDetails {
  matchingWords: number;
  maxMatchingWords: number;
}

/**
 * One page of hits from the exact-forms and the main search, each hit once. Ranked by relevance: the exact
 * search's hits, then the main search's others, in their own orders. Sorted by date (`sort`): the index
 * ranks by words, then by date (src/schema/chunk.ts), so the hits holding every query word (all the exact
 * search's, the first of the main search's) come first in date order, then the main search's others.
 * Both lists run from the top to the end of the page; that is enough, because when a list is shorter than
 * the page end it is complete, and the other then holds enough of the rest.
 */
export function exactFirst<T>(
  exactHits: T[],
  stemmedHits: T[],
  keyOf: (hit: T) => string,
  page: number,
  perPage: number,
  sort?: string[],
): T[] {
  const ordered = sort
    ? [
        ...[...exactHits, ...stemmedHits.filter(matchesEveryWord)].sort(bySort(sort)),
        ...stemmedHits.filter((hit) => !matchesEveryWord(hit)),
      ]
    : [...exactHits, ...stemmedHits];
  const seen = new Set<string>();
  const merged = ordered.filter((hit) => !seen.has(keyOf(hit)) && seen.add(keyOf(hit)));
  return merged.slice((page - 1) * perPage, page * perPage);
}

/**
 * How `/api/persons` finds names from what was typed: one facet search on `person_names` by the first
 * word's stem (any part of a name, any case form), then `matches` keeps the names where every typed word
 * is the start of one of the name's words, or that word in another case form (the same stem):
 * "Таш" and "Ташиева" find "Камчыбек Ташиев", and "Таш" does not find "Талант Мамытов" or "Ташкентов".
 * Nothing typed lists every name (the facet of canonical names, unfiltered).
 */
export function personLookup(q: string): {
  facetName: string;
  facetQuery: string;
  matches(name: string): boolean;
} {
  const typed = words(q).map(normalizeWord);
  const [first] = typed;
  if (first === undefined)
    return { facetName: F.articlePersons, facetQuery: '', matches: () => true };
  const stem = stemWord(first);
  const matchesWord = (typedWord: string, nameWord: string) =>
    nameWord.startsWith(typedWord) || stemWord(nameWord) === stemWord(typedWord);
  return {
    facetName: F.personNames,
    facetQuery: stem.length >= 2 ? stem : first,
    matches: (name) => {
      const nameWords = words(name).map(normalizeWord);
      return typed.every((t) => nameWords.some((n) => matchesWord(t, n)));
    },
  };
}

/**
 * A `/multi-search` query (InstantSearch) with the matching of /api/search: its words as keys (found in
 * `text_stem` only), the frequency strategy unless the client chose one. Pure; the proxy calls it on each query.
 */
export function withMorphology<T extends { q?: string; matchingStrategy?: string }>(query: T): T {
  if (!query.q || words(query.q).length === 0) return query;
  return { matchingStrategy: MATCHING_STRATEGY, ...query, q: stemQuery(query.q).q };
}
