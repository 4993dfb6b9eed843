/**
 * The search service: API parameters in, API answers out, with Meilisearch in between. The JSON API
 * and the server-rendered page both call these.
 */
import type { Article, SearchParams, SearchResponse } from '../api/params.ts';
import { F, personNameKeys, type ChunkDocument } from '../schema/chunk.ts';
import type { Env } from '../env.ts';
import { ApiError, fromMeilisearch } from '../errors.ts';
import { indexName, meiliClient } from '../meili.ts';
import { buildFilter, quote } from './filters.ts';
import {
  buildSearches,
  CROP_LENGTH,
  exactFirst,
  exactQuery,
  MATCHING_STRATEGY,
  otherNames,
  filterInput,
  personField,
  personLookup,
  stemQuery,
} from './query.ts';
import { articleFacetCounts, searchCountingArticles, sendTo } from './counts.ts';
import { markSnippet, withLatinNames } from './snippet.ts';
import type { Index, MultiSearchParams, MultiSearchResult } from 'meilisearch';

type Hit = Pick<
  ChunkDocument,
  | 'id'
  | 'article_id'
  | 'title'
  | 'date'
  | 'date_ts'
  | 'url'
  | 'source'
  | 'paragraph'
  | 'heading'
  | 'text'
  | 'persons'
  | 'persons_latin'
  | 'article_persons'
>;
type FacetCounts = Record<string, Record<string, number>>;

interface FacetValue {
  value: string;
  count: number;
  selected: boolean;
  label?: string;
}

/** Facet values with counts, chosen ones first and always present (so they can be unchosen). */
export function facetValues(
  counts: Record<string, number> | undefined,
  selected: string[],
  order: 'count' | 'value-desc' | 'value-asc' = 'count',
): FacetValue[] {
  const values = new Map<string, number>(Object.entries(counts ?? {}));
  for (const s of selected) if (!values.has(s)) values.set(s, 0);
  const list = [...values].map(([value, count]) => ({
    value,
    count,
    selected: selected.includes(value),
  }));
  return list.sort(
    (a, b) =>
      Number(b.selected) - Number(a.selected) ||
      (order === 'count'
        ? b.count - a.count || a.value.localeCompare(b.value, 'ru')
        : order === 'value-desc'
          ? b.value.localeCompare(a.value)
          : a.value.localeCompare(b.value)),
  );
}

/**
 * The person facet: a chosen person standing for other names of the index (a surname alone) is one entry,
 * counted as its filter counts (`chosenCounts`); when it stands for one name it reads as that name, whose
 * own entry it replaces. Otherwise as `facetValues`.
 */
export function personFacet(
  counts: Record<string, number> | undefined,
  selected: string[],
  personNames: Record<string, string[]>,
  chosenCounts: Record<string, number>,
): FacetValue[] {
  const values = { ...counts };
  const labels = new Map<string, string>();
  for (const person of selected) {
    const others = otherNames(person, personNames);
    if (others.length === 0) continue;
    if (others.length === 1) {
      labels.set(person, others[0] as string);
      delete values[others[0] as string];
    }
    values[person] = chosenCounts[person] ?? 0;
  }
  return facetValues(values, selected).map((v) =>
    labels.has(v.value) ? { ...v, label: labels.get(v.value) as string } : v,
  );
}

export async function search(
  env: Env,
  params: SearchParams,
  signal?: AbortSignal,
): Promise<SearchResponse> {
  const started = Date.now();
  const index = indexName(env);
  let personNames: Record<string, string[]>;
  try {
    personNames = await namesOfChosen(env, params.person, signal);
  } catch (error) {
    throw fromMeilisearch(error);
  }
  const plan = buildSearches(params, index, personNames);
  const { disjunctive, exact, sort, personCounts } = plan;
  const { stems } = stemQuery(params.q);
  const client = meiliClient(env, signal);
  let results: MultiSearchResult<Hit>[];
  try {
    results = await searchCountingArticles<Hit>(plan, sendTo(client));
  } catch (error) {
    throw fromMeilisearch(error);
  }
  const main = results[0];
  if (!main) throw new ApiError(502, 'search_bad_answer', 'The search engine answered no results.');
  const exactResult = exact ? (results.at(-1) ?? null) : null;
  const totalHits = Math.max(main.totalHits ?? 0, exactResult?.totalHits ?? 0);
  const groupKey = (hit: Hit): string => (params.group === 'article' ? hit.article_id : hit.id);
  const hits = exactResult
    ? exactFirst(exactResult.hits, main.hits, groupKey, params.page, params.per_page, sort)
    : main.hits;
  const facetsOf = (facet: 'person' | 'year'): FacetCounts | undefined => {
    const i = disjunctive.indexOf(facet);
    return (i < 0 ? main : results[i + 1])?.facetDistribution;
  };
  const persons = personField(params.group);
  // In `all` mode every result holds one of each chosen person's names (see buildSearches).
  const chosenCounts = Object.fromEntries(
    params.person.map((p) => {
      const i = personCounts.indexOf(p);
      const result = i < 0 ? main : results[1 + disjunctive.length + i];
      return [p, result?.totalHits ?? 0];
    }),
  );
  return {
    query: params.q,
    page: params.page,
    perPage: params.per_page,
    totalHits,
    totalPages: Math.ceil(totalHits / params.per_page),
    processingTimeMs: Date.now() - started,
    hits: hits.map((hit) => ({
      id: hit.id,
      articleId: hit.article_id,
      title: hit.title,
      date: hit.date,
      url: hit.url,
      ...(hit.source ? { source: hit.source } : {}),
      paragraph: hit.paragraph,
      heading: hit.heading,
      snippet: markSnippet(
        hit.text,
        withLatinNames(stems, hit.persons, hit.persons_latin),
        CROP_LENGTH,
      ),
      persons: params.group === 'article' ? hit.article_persons : hit.persons,
    })),
    facets: {
      person: personFacet(facetsOf('person')?.[persons], params.person, personNames, chosenCounts),
      year: facetValues(facetsOf('year')?.[F.year], params.year.map(String), 'value-desc'),
      month: facetValues(main.facetDistribution?.[F.month], [], 'value-desc'),
    },
  };
}

const MAX_PARAGRAPHS = 1000;

/** An article's paragraphs as stored, in order; internal fields too (the page reads `persons_latin`). */
export async function articleChunks(
  env: Env,
  id: string,
  signal?: AbortSignal,
): Promise<ChunkDocument[]> {
  try {
    const { hits } = await meiliClient(env, signal)
      .index<ChunkDocument>(indexName(env))
      .search('', {
        filter: `${F.articleId} = ${quote(id)}`,
        sort: [`${F.paragraph}:asc`],
        limit: MAX_PARAGRAPHS,
      });
    return hits;
  } catch (error) {
    throw fromMeilisearch(error);
  }
}

/** The article reassembled from its paragraphs, public fields only; null when there are none. */
export function articleOf(results: ChunkDocument[]): Article | null {
  const first = results[0];
  if (!first) return null;
  return {
    id: first.article_id,
    title: first.title,
    date: first.date,
    url: first.url,
    ...(first.source ? { source: first.source } : {}),
    persons: first.article_persons,
    paragraphs: results.map((c) => ({
      paragraph: c.paragraph,
      heading: c.heading,
      text: c.text,
      persons: c.persons,
    })),
  };
}

export async function getArticle(
  env: Env,
  id: string,
  signal?: AbortSignal,
): Promise<Article | null> {
  return articleOf(await articleChunks(env, id, signal));
}

/** The names of the index that `q` matches by any of their parts, in any case form (see personLookup). */
async function namesMatching(index: Index, q: string): Promise<string[]> {
  const lookup = personLookup(q);
  const { facetHits } = await index.searchForFacetValues({
    facetName: lookup.facetName,
    facetQuery: lookup.facetQuery,
  });
  // Each value is a canonical name or a rotation of one; the names are among the values' rotations.
  return [...new Set(facetHits.flatMap((h) => personNameKeys(h.value)))].filter(lookup.matches);
}

/**
 * What each chosen person of one word stands for: the names of the index it is a part of ("Ташиев" or
 * "Ташиева": "Камчыбек Ташиев"), itself when it is one of them or matches none. A name of several words
 * is taken as the canonical name it is. The lookup's candidates are every rotation of a name; one count
 * each keeps those that are names.
 */
async function namesOfChosen(
  env: Env,
  persons: string[],
  signal?: AbortSignal,
): Promise<Record<string, string[]>> {
  const client = meiliClient(env, signal);
  const index = client.index(indexName(env));
  const single = persons.filter((p) => !/\s/u.test(p.trim()));
  const found = await Promise.all(single.map((p) => namesMatching(index, p)));
  const candidates = [...new Set(found.flat())];
  const counted = candidates.length
    ? await sendTo(client)(
        candidates.map((name) => ({
          indexUid: index.uid,
          q: '',
          filter: `${F.articlePersons} = ${quote(name)}`,
          limit: 0,
        })),
      )
    : [];
  const names = new Set(candidates.filter((_, i) => (counted[i]?.estimatedTotalHits ?? 0) > 0));
  return Object.fromEntries(
    single.map((p, i) => [
      p,
      [...new Set([p, ...(found[i] as string[]).filter((n) => names.has(n))])],
    ]),
  );
}

/**
 * Persons whose name matches `q` by any of its parts and in any case form (see personLookup), counted in
 * articles like the search facets are.
 */
export async function suggestPersons(
  env: Env,
  q: string,
  signal?: AbortSignal,
): Promise<Array<{ value: string; count: number }>> {
  const client = meiliClient(env, signal);
  const index = client.index(indexName(env));
  try {
    const names = await namesMatching(index, q);
    if (names.length === 0) return [];
    // Facet search counts paragraphs; the article index (or a search grouped by article) counts articles.
    const articles = await articleFacetCounts(
      sendTo(client),
      indexName(env),
      `${F.articlePersons} IN [${names.map(quote).join(', ')}]`,
      F.articlePersons,
    );
    return names
      .filter((value) => articles[value])
      .map((value) => ({ value, count: articles[value] as number }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'ru'));
  } catch (error) {
    throw fromMeilisearch(error);
  }
}

// --- For the search page (issue 17): the other paragraphs of each article on a page that match. ---

export interface MatchedParagraph {
  paragraph: number;
  heading: string;
  snippet: string;
}

/** Most paragraphs fetched for "Ещё из этой статьи" on one page of results. */
const MORE_LIMIT = 200;

/**
 * For each article of `hits`, its other paragraphs whose own text matches the query (in paragraph order),
 * matched as the main search matches: the query's keys (any form) and the words as typed (their typos),
 * and names typed in Latin letters. Searched on the paragraph's own fields only, not on the title or
 * persons that every paragraph of an article shares, so a word of the title does not list every
 * paragraph. Empty without a query: then nothing "matches".
 */
export async function matchingParagraphs(
  env: Env,
  params: SearchParams,
  hits: Array<{ articleId: string; paragraph: number }>,
  signal?: AbortSignal,
): Promise<Map<string, MatchedParagraph[]>> {
  const more = new Map<string, MatchedParagraph[]>();
  const { q, stems } = stemQuery(params.q);
  if (hits.length === 0 || q.trim() === '') return more;
  const shown = new Set(hits.map((h) => `${h.articleId}#${h.paragraph}`));
  const ids = [...new Set(hits.map((h) => h.articleId))];
  const index = indexName(env);
  const common = {
    indexUid: index,
    filter: [
      ...buildFilter(filterInput(params)),
      `${F.articleId} IN [${ids.map(quote).join(', ')}]`,
    ],
    attributesToRetrieve: [F.articleId, F.paragraph, F.heading, F.text, F.persons, F.personsLatin],
    limit: MORE_LIMIT,
  };
  const exact = exactQuery(params.q);
  let found: Hit[];
  try {
    const { results } = await meiliClient(env, signal).multiSearch<MultiSearchParams, Hit>({
      queries: [
        {
          ...common,
          q,
          matchingStrategy: MATCHING_STRATEGY,
          attributesToSearchOn: [F.textStem, F.personsLatin],
        },
        ...(exact === null
          ? []
          : [
              {
                ...common,
                q: exact,
                matchingStrategy: 'all' as const,
                attributesToSearchOn: [F.textForms],
              },
            ]),
      ],
    });
    found = results.flatMap((r) => r.hits);
  } catch (error) {
    throw fromMeilisearch(error);
  }
  for (const hit of found.sort((a, b) => a.paragraph - b.paragraph)) {
    const key = `${hit.article_id}#${hit.paragraph}`;
    if (shown.has(key)) continue;
    shown.add(key);
    const list = more.get(hit.article_id) ?? [];
    list.push({
      paragraph: hit.paragraph,
      heading: hit.heading,
      snippet: markSnippet(
        hit.text,
        withLatinNames(stems, hit.persons, hit.persons_latin),
        CROP_LENGTH,
      ),
    });
    more.set(hit.article_id, list);
  }
  return more;
}
