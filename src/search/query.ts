/**
 * Building Meilisearch searches from validated API parameters. Pure: no I/O.
 */
import type { MultiSearchQuery } from 'meilisearch';
import { F } from '../schema/chunk.ts';
import type { SearchParams } from '../api/params.ts';
import { stemWord, words } from '../text/stem.ts';
import { buildFilter, type FilterInput } from './filters.ts';
import type { QueryStems } from './snippet.ts';

/** Marks Meilisearch puts around matches; the Worker re-marks them, so only cropping is asked of it. */
export const CROP_LENGTH = 40;

/**
 * The query as Meilisearch sees it: the stem of every word, matched against `text_stem` (and, as a prefix,
 * the last one against every field), so "депутатами" finds "депутатов" on any Meilisearch.
 */
export function stemQuery(q: string): { q: string; stems: QueryStems } {
  const all = words(q).map(stemWord).filter((s) => s.length > 0);
  const complete = /[\p{L}\p{N}]$/u.test(q) ? all.slice(0, -1) : all;
  const prefix = /[\p{L}\p{N}]$/u.test(q) ? (all.at(-1) ?? null) : null;
  return { q: all.join(' ') + (prefix === null && all.length ? ' ' : ''), stems: { stems: new Set(complete), prefix } };
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
  return params.sort === 'relevance' && words(params.q).length === 0 ? SORTS.newest : SORTS[params.sort];
}

export const HIT_FIELDS = [F.id, F.articleId, F.title, F.date, F.url, F.paragraph, F.heading, F.text, F.persons, F.articlePersons];

/**
 * The searches for one API request, sent together through /multi-search: the main one (hits and the
 * conjunctive facets) and, for each disjunctive facet with a selection, one without that facet's own
 * filter (InstantSearch's technique), so each chosen value's alternatives keep their counts.
 */
export function buildSearches(params: SearchParams, indexUid: string): { queries: MultiSearchQuery[]; disjunctive: Array<'person' | 'year'> } {
  const { q } = stemQuery(params.q);
  const input = filterInput(params);
  const persons = personField(params.group);
  const distinct = params.group === 'article' ? F.articleId : undefined;
  const main: MultiSearchQuery = {
    indexUid,
    q,
    filter: buildFilter(input),
    facets: [persons, F.year, F.month],
    ...(distinct ? { distinct } : {}),
    ...(sortOf(params) ? { sort: sortOf(params) } : {}),
    page: params.page,
    hitsPerPage: params.per_page,
    attributesToRetrieve: HIT_FIELDS,
    attributesToCrop: [F.text],
    cropLength: CROP_LENGTH,
    cropMarker: '…',
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
      ...(distinct ? { distinct } : {}),
      limit: 0,
    }),
  );
  return { queries: [main, ...extra], disjunctive };
}
