/**
 * Building Meilisearch searches from validated API parameters. Pure: no I/O.
 */
import type { MultiSearchQuery } from 'meilisearch';
import { F } from '../schema/chunk.ts';
import type { SearchParams } from '../api/params.ts';
import { normalizeWord, stemWord, words } from '../text/stem.ts';
import { buildFilter, type FilterInput } from './filters.ts';
import type { QueryStems } from './snippet.ts';

/** Marks Meilisearch puts around matches; the Worker re-marks them, so only cropping is asked of it. */
export const CROP_LENGTH = 40;

/**
 * The query as Meilisearch sees it: the stem of every word, matched against `text_stem` (and, as a prefix,
 * the last one against every field), so "депутатами" finds "депутатов" on any Meilisearch.
 */
export function stemQuery(q: string): { q: string; stems: QueryStems } {
  const all = words(q)
    .map(stemWord)
    .filter((s) => s.length > 0);
  const complete = /[\p{L}\p{N}]$/u.test(q) ? all.slice(0, -1) : all;
  const prefix = /[\p{L}\p{N}]$/u.test(q) ? (all.at(-1) ?? null) : null;
  return {
    q: all.join(' ') + (prefix === null && all.length ? ' ' : ''),
    stems: { stems: new Set(complete), prefix },
  };
}

/**
 * The query as typed (normalised), for the exact-forms search that ranks "депутатами" above "депутатов" when
 * that is what was asked. Null when it would be the stemmed query again (every word already a stem).
 */
export function exactQuery(q: string): string | null {
  const all = words(q).map(normalizeWord);
  const exact = all.join(' ') + (/[\p{L}\p{N}]$/u.test(q) || !all.length ? '' : ' ');
  return all.length && exact !== stemQuery(q).q ? exact : null;
}

export function personField(group: SearchParams['group']): string {
  return group === 'article' ? F.articlePersons : F.persons;
}

export function filterInput(params: SearchParams): FilterInput {
  return {
    persons: params.person,
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
  F.url,
  F.paragraph,
  F.heading,
  F.text,
  F.persons,
  F.articlePersons,
];

/** What each search of `buildSearches` is for, by position in `queries`. */
export interface SearchPlan {
  queries: MultiSearchQuery[];
  /** Disjunctive facets, in order: their searches follow the main one. */
  disjunctive: Array<'person' | 'year'>;
  /** Whether the last search is the exact-forms one (see `exactFirst`). */
  exact: boolean;
}

/**
 * The searches for one API request, sent together through /multi-search: the main one (hits and the
 * conjunctive facets); for each disjunctive facet with a selection, one without that facet's own filter
 * (InstantSearch's technique), so each chosen value's alternatives keep their counts; and, when ranking
 * by relevance a query whose words are not all stems, one for the words as typed, so exact forms come
 * first. With that last one both hit lists are fetched from the top to the end of the page, for
 * `exactFirst` to merge.
 */
export function buildSearches(params: SearchParams, indexUid: string): SearchPlan {
  const { q } = stemQuery(params.q);
  const exact = sortOf(params) ? null : exactQuery(params.q);
  const input = filterInput(params);
  const persons = personField(params.group);
  const distinct = params.group === 'article' ? { distinct: F.articleId } : {};
  const window = exact
    ? { page: 1, hitsPerPage: params.page * params.per_page }
    : { page: params.page, hitsPerPage: params.per_page };
  const hits = {
    attributesToRetrieve: HIT_FIELDS,
    attributesToCrop: [F.text],
    cropLength: CROP_LENGTH,
    cropMarker: '…',
  };
  const main: MultiSearchQuery = {
    indexUid,
    q,
    filter: buildFilter(input),
    facets: [persons, F.year, F.month],
    ...distinct,
    ...(sortOf(params) ? { sort: sortOf(params) } : {}),
    ...window,
    ...hits,
  };
  const disjunctive: Array<'person' | 'year'> = [];
  if (params.person_mode === 'any' && params.person.length) disjunctive.push('person');
  if (params.year.length) disjunctive.push('year');
  const extra = disjunctive.map(
    (facet): MultiSearchQuery => ({
      indexUid,
      q,
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
  return { queries: [main, ...extra, ...exactSearch], disjunctive, exact: exact !== null };
}

/**
 * One page of hits, exact forms first: the exact search's hits, then the stemmed search's others, in their
 * own orders. Both lists run from the top to the end of the page; that is enough, because when the exact
 * list is shorter than the page end it is complete, and the stemmed list then holds enough of the rest.
 */
export function exactFirst<T>(
  exactHits: T[],
  stemmedHits: T[],
  keyOf: (hit: T) => string,
  page: number,
  perPage: number,
): T[] {
  const seen = new Set(exactHits.map(keyOf));
  const merged = [...exactHits, ...stemmedHits.filter((hit) => !seen.has(keyOf(hit)))];
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
