/**
 * POST /multi-search: a Meilisearch-compatible, search-only proxy so that InstantSearch and
 * @meilisearch/instant-meilisearch can use the Worker as their host. The index is fixed, only
 * allow-listed parameters pass, every cost is bounded before the engine sees the request, and only
 * public fields and facets come back.
 */
import type { MultiSearchParams, MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import { z } from 'zod';
import type { Env } from '../env.ts';
import { FilterSyntaxError, measureFilter } from '../search/filters.ts';
import { exactFirst, exactQuery, stemQuery, withMorphology } from '../search/query.ts';
import { markText, withLatinNames } from '../search/snippet.ts';
import { F } from '../schema/chunk.ts';
import { words } from '../text/stem.ts';
import { LIMITS, overLimit } from './params.ts';
import {
  PUBLIC_DISTINCT,
  PUBLIC_FACETS,
  PUBLIC_FIELDS,
  PUBLIC_SORTS,
  type PublicHit,
  isPublicFacet,
  isPublicField,
  pick,
} from './public.ts';
import { indexName, meiliClient } from '../meili.ts';
import { fromMeilisearch } from '../errors.ts';

/** A list of public field names; `*` stands for all of them. */
const fieldList = z.array(z.enum(['*', ...PUBLIC_FIELDS])).max(PUBLIC_FIELDS.length + 1);
const filterString = z.string().max(LIMITS.filterLength, overLimit('filterLength', 'characters'));
/** Fields to crop, each optionally with its own length in words (`text:20`), as Meilisearch takes them. */
const cropList = z
  .array(
    z
      .string()
      .regex(
        new RegExp(`^(\\*|${PUBLIC_FIELDS.join('|')})(:([1-9]\\d?|1\\d\\d|200))?$`),
        `expected a public field name, or * , optionally with :length (1-200)`,
      ),
  )
  .max(PUBLIC_FIELDS.length + 1);

/** Filter clauses and depth of one search's filter, checked against LIMITS and the facet allow-list. */
function checkFilter(filter: string | Array<string | string[]>, ctx: z.RefinementCtx): void {
  const expressions = typeof filter === 'string' ? [filter] : filter.flat();
  let clauses = 0;
  let depth = 0;
  for (const expression of expressions) {
    try {
      const cost = measureFilter(expression);
      clauses += cost.clauses;
      // Array form: the outer list ANDs, an inner list ORs; each adds a level.
      depth = Math.max(depth, cost.depth + (typeof filter === 'string' ? 0 : 1));
      for (const attribute of cost.attributes)
        if (!isPublicFacet(attribute))
          ctx.addIssue({
            code: 'custom',
            message: `cannot filter on "${attribute}": filterable are ${PUBLIC_FACETS.join(', ')}`,
          });
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      ctx.addIssue({ code: 'custom', message: `invalid filter: ${error.message}` });
    }
  }
  if (clauses > LIMITS.filterClauses)
    ctx.addIssue({
      code: 'custom',
      message: `limit filterClauses: ${clauses} conditions, at most ${LIMITS.filterClauses}`,
    });
  if (depth > LIMITS.filterDepth)
    ctx.addIssue({
      code: 'custom',
      message: `limit filterDepth: nested ${depth} deep, at most ${LIMITS.filterDepth}`,
    });
}

/** Meilisearch's defaults for what a client leaves out. */
const DEFAULTS = {
  limit: 20,
  hitsPerPage: 20,
  cropLength: 10,
  pre: '<em>',
  post: '</em>',
  marker: '…',
};

const perPage = z.number().int().min(0).max(LIMITS.perPage, overLimit('perPage', 'hits'));
const depth = z.number().int().min(0).max(LIMITS.maxDepth, overLimit('maxDepth'));

export const multiSearchQuery = z
  .strictObject({
    indexUid: z.string().max(400).optional().describe('ignored: the Worker searches its own index'),
    q: z.string().max(LIMITS.qLength, overLimit('qLength', 'characters')).optional(),
    filter: z
      .union([filterString, z.array(z.union([filterString, z.array(filterString)]))])
      .superRefine(checkFilter)
      .optional()
      .describe(
        `Meilisearch filter syntax on ${PUBLIC_FACETS.join(', ')}; at most ${LIMITS.filterClauses} conditions, ${LIMITS.filterDepth} levels deep`,
      ),
    facets: z
      .array(z.enum(['*', ...PUBLIC_FACETS]))
      .max(LIMITS.facets, overLimit('facets', 'facet names'))
      .optional(),
    attributesToRetrieve: fieldList.optional(),
    attributesToHighlight: fieldList.optional(),
    attributesToCrop: cropList.optional(),
    cropLength: z.number().int().min(1).max(200).optional(),
    cropMarker: z.string().max(20).optional(),
    highlightPreTag: z.string().max(50).optional(),
    highlightPostTag: z.string().max(50).optional(),
    sort: z
      .array(z.enum(PUBLIC_SORTS as [string, ...string[]]))
      .max(LIMITS.sorts, overLimit('sorts', 'sort rules'))
      .optional(),
    distinct: z.literal(PUBLIC_DISTINCT).optional(),
    matchingStrategy: z.enum(['last', 'all', 'frequency']).optional(),
    showMatchesPosition: z.boolean().optional(),
    offset: depth.optional(),
    limit: perPage.optional(),
    page: depth.optional(),
    hitsPerPage: perPage.optional(),
  })
  .refine((q) => (q.offset ?? 0) + (q.limit ?? 20) <= LIMITS.maxDepth, {
    message: `limit maxDepth: offset + limit may not exceed ${LIMITS.maxDepth}`,
    path: ['offset'],
  })
  .refine((q) => (q.page ?? 1) * (q.hitsPerPage ?? 20) <= LIMITS.maxDepth, {
    message: `limit maxDepth: page * hitsPerPage may not exceed ${LIMITS.maxDepth}`,
    path: ['page'],
  });

/** How deep one search reaches: the results the engine ranks and returns for it, in its paging mode. */
function reach(q: z.output<typeof multiSearchQuery>): number {
  return q.page !== undefined || q.hitsPerPage !== undefined
    ? (q.page ?? 1) * (q.hitsPerPage ?? DEFAULTS.hitsPerPage)
    : (q.offset ?? 0) + (q.limit ?? DEFAULTS.limit);
}

export const multiSearchBody = z.strictObject({
  queries: z
    .array(multiSearchQuery)
    .min(1)
    .max(LIMITS.queries, overLimit('queries', 'searches per call'))
    .superRefine((queries, ctx) => {
      const total = queries.reduce((sum, q) => sum + reach(q), 0);
      if (total > LIMITS.callDepth)
        ctx.addIssue({
          code: 'custom',
          message: `limit callDepth: the searches reach ${total} results together, at most ${LIMITS.callDepth}`,
        });
    }),
});

export type MultiSearchBody = z.output<typeof multiSearchBody>;

/** `*` in a list of names means every public one; the engine never sees a wildcard. */
const expand = <T extends string>(list: T[] | undefined, all: readonly string[]) =>
  list?.includes('*' as T) ? [...all] : list;

type ClientQuery = MultiSearchBody['queries'][number];
type Hit = PublicHit & Record<string, unknown>;

/**
 * What the Worker does with one client search: the engine's searches for it (the keys, see withMorphology;
 * and, when its words are not all stems, the words as typed, for exact forms first and typos, as
 * /api/search does), and how their answers become the client's.
 */
interface Plan {
  main: MultiSearchQuery;
  exact: MultiSearchQuery | null;
  answer(main: MultiSearchResult<Hit>, exact: MultiSearchResult<Hit> | null): PublicResult;
}

/**
 * One search's answer as it leaves the Worker: Meilisearch's keys for the client's paging mode and no
 * others, whatever else the engine adds (the real one adds `requestUid`, for one).
 */
export type PublicResult = Pick<
  MultiSearchResult<Hit>,
  'indexUid' | 'hits' | 'query' | 'processingTimeMs' | 'facetDistribution' | 'facetStats'
> &
  (
    | { offset: number; limit: number; estimatedTotalHits: number }
    | { page: number; hitsPerPage: number; totalHits: number; totalPages: number }
  );

/** Fields the Worker reads from each hit: to merge the two lists and to mark names typed in Latin letters. */
const READ = [F.id, F.articleId, F.dateTs, F.paragraph, F.persons, F.personsLatin];

/**
 * A hit's `_formatted` as Meilisearch writes it before any mark: every retrieved field, numbers as strings
 * (also inside arrays), the rest as is.
 */
function asFormatted(hit: Hit): Record<string, unknown> {
  const text = (v: unknown) => (typeof v === 'number' ? String(v) : v);
  return Object.fromEntries(
    Object.entries(hit).map(([f, v]) => [f, Array.isArray(v) ? v.map(text) : text(v)]),
  );
}

function plan(query: ClientQuery, index: string): Plan {
  const retrieve: string[] = expand(query.attributesToRetrieve, PUBLIC_FIELDS) ?? [
    ...PUBLIC_FIELDS,
  ];
  const highlight = expand(query.attributesToHighlight, PUBLIC_FIELDS) ?? [];
  // Each field cropped, with its own length when the client gave one.
  const cropLengths = new Map<string, number>();
  for (const entry of query.attributesToCrop ?? []) {
    const [name, length] = entry.split(':') as [string, string | undefined];
    const cropLength = length ? Number(length) : (query.cropLength ?? DEFAULTS.cropLength);
    for (const field of name === '*' ? PUBLIC_FIELDS : [name])
      if (!(length === undefined && cropLengths.has(field))) cropLengths.set(field, cropLength);
  }
  const crop = [...cropLengths.keys()];
  const hasWords = words(query.q ?? '').length > 0;
  const exactQ = hasWords ? exactQuery(query.q ?? '') : null;
  const pageMode = query.page !== undefined || query.hitsPerPage !== undefined;
  const page = query.page ?? 1;
  const perPage = pageMode
    ? (query.hitsPerPage ?? DEFAULTS.hitsPerPage)
    : (query.limit ?? DEFAULTS.limit);
  const offset = pageMode ? (page - 1) * perPage : (query.offset ?? 0);
  // With the exact search both lists run from the top to the end of the client's page (see exactFirst).
  const window =
    exactQ === null
      ? {}
      : pageMode
        ? { page: 1, hitsPerPage: offset + perPage }
        : { offset: 0, limit: offset + perPage };
  const main: MultiSearchQuery = {
    ...withMorphology(query),
    ...window,
    indexUid: index,
    facets: expand(query.facets, PUBLIC_FACETS),
    attributesToRetrieve: [...new Set([...retrieve, ...highlight, ...crop, ...READ])],
    // With words the Worker marks `_formatted` itself (see shape), for the page's hits only: the engine
    // would format every hit of the window above the page too. Without words the engine's crop is used.
    attributesToHighlight: query.attributesToHighlight && !hasWords ? highlight : undefined,
    attributesToCrop:
      query.attributesToCrop && !hasWords
        ? [...cropLengths].map(([field, length]) => `${field}:${length}`)
        : undefined,
    ...(exactQ !== null && query.sort ? { showRankingScoreDetails: true } : {}),
  };
  const exact: MultiSearchQuery | null =
    exactQ === null
      ? null
      : {
          ...main,
          q: exactQ,
          matchingStrategy: 'all',
          facets: undefined,
          showRankingScoreDetails: undefined,
        };
  const marks = stemQuery(query.q ?? '').stems;
  const style = {
    pre: query.highlightPreTag ?? DEFAULTS.pre,
    post: query.highlightPostTag ?? DEFAULTS.post,
    marker: query.cropMarker ?? DEFAULTS.marker,
    escape: (text: string) => text,
  };
  const shown = new Set([...retrieve, ...highlight, ...crop]);
  const formats = query.attributesToHighlight !== undefined || query.attributesToCrop !== undefined;
  /** The client's fields only; `_formatted` marked by the Worker: the engine matched keys it cannot show. */
  const shape = (hit: Hit): Hit => {
    const out = pick(hit, (f) => retrieve.includes(f)) as Hit;
    const formatted =
      hasWords && formats
        ? asFormatted(hit)
        : (hit._formatted as Record<string, unknown> | undefined);
    if (formatted) {
      const own = withLatinNames(marks, hit.persons ?? [], (hit.persons_latin as string[]) ?? []);
      const mark = (value: unknown, field: string): unknown => {
        const cropLength = cropLengths.get(field);
        const fieldStyle = highlight.includes(field) ? style : { ...style, pre: '', post: '' };
        if (typeof value === 'string') return markText(value, own, cropLength, fieldStyle);
        if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
          return value.map((v) => markText(v, own, cropLength, fieldStyle));
        return undefined;
      };
      out._formatted = Object.fromEntries(
        Object.entries(pick(formatted, (f) => isPublicField(f) && shown.has(f))).map(([f, v]) => [
          f,
          (hasWords && (highlight.includes(f) || crop.includes(f)) ? mark(hit[f], f) : undefined) ??
            v,
        ]),
      ) as Hit['_formatted'];
    }
    if (hit._matchesPosition)
      out._matchesPosition = pick(
        hit._matchesPosition as Record<string, unknown>,
        isPublicField,
      ) as Hit['_matchesPosition'];
    return out;
  };
  const keyOf = (hit: Hit) => String(query.distinct ? hit.article_id : hit.id);
  return {
    main,
    exact,
    answer: (mainResult, exactResult) => {
      const hits = exactResult
        ? exactFirst(
            exactResult.hits,
            mainResult.hits,
            keyOf,
            1,
            offset + perPage,
            query.sort,
          ).slice(offset)
        : mainResult.hits;
      const total = (r: MultiSearchResult<Hit>) => r.totalHits ?? r.estimatedTotalHits ?? 0;
      const totalHits = Math.max(total(mainResult), exactResult ? total(exactResult) : 0);
      const { facetDistribution, facetStats } = mainResult;
      return {
        indexUid: mainResult.indexUid,
        hits: hits.map(shape),
        query: query.q ?? '',
        processingTimeMs: Math.max(mainResult.processingTimeMs, exactResult?.processingTimeMs ?? 0),
        ...(pageMode
          ? {
              page,
              hitsPerPage: perPage,
              totalHits,
              totalPages: perPage ? Math.ceil(totalHits / perPage) : 0,
            }
          : { offset, limit: perPage, estimatedTotalHits: totalHits }),
        ...(facetDistribution ? { facetDistribution: pick(facetDistribution, isPublicFacet) } : {}),
        ...(facetStats ? { facetStats: pick(facetStats, isPublicFacet) } : {}),
      };
    },
  };
}

export async function multiSearch(
  env: Env,
  body: MultiSearchBody,
  signal?: AbortSignal,
): Promise<{ results: PublicResult[] }> {
  const index = indexName(env);
  const plans = body.queries.map((q) => plan(q, index));
  try {
    const { results } = await meiliClient(env, signal).multiSearch<MultiSearchParams, Hit>({
      queries: plans.flatMap((p) => (p.exact ? [p.main, p.exact] : [p.main])),
    });
    let at = 0;
    const next = (): MultiSearchResult<Hit> => {
      const result = results[at++];
      if (!result) throw new Error(`the engine gave ${results.length} results, fewer than asked`);
      return result;
    };
    return { results: plans.map((p) => p.answer(next(), p.exact ? next() : null)) };
  } catch (error) {
    throw fromMeilisearch(error, { clientQuery: true });
  }
}
