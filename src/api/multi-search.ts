/**
 * POST /multi-search: a Meilisearch-compatible, search-only proxy so that InstantSearch and
 * @meilisearch/instant-meilisearch can use the Worker as their host. The index is fixed, only
 * allow-listed parameters pass, every cost is bounded before the engine sees the request, and only
 * public fields and facets come back.
 */
import type { MultiSearchParams, MultiSearchQuery, MultiSearchResponse } from 'meilisearch';
import { z } from 'zod';
import type { Env } from '../env.ts';
import { FilterSyntaxError, measureFilter } from '../search/filters.ts';
import { withMorphology } from '../search/query.ts';
import { LIMITS } from './params.ts';
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
const filterString = z.string().max(LIMITS.filterLength);

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

const perPage = z.number().int().min(0).max(LIMITS.perPage);
const depth = z.number().int().min(0).max(LIMITS.maxDepth);

export const multiSearchQuery = z
  .strictObject({
    indexUid: z.string().max(400).optional().describe('ignored: the Worker searches its own index'),
    q: z.string().max(LIMITS.qLength).optional(),
    filter: z
      .union([filterString, z.array(z.union([filterString, z.array(filterString)]))])
      .superRefine(checkFilter)
      .optional()
      .describe(
        `Meilisearch filter syntax on ${PUBLIC_FACETS.join(', ')}; at most ${LIMITS.filterClauses} conditions, ${LIMITS.filterDepth} levels deep`,
      ),
    facets: z
      .array(z.enum(['*', ...PUBLIC_FACETS]))
      .max(PUBLIC_FACETS.length + 1)
      .optional(),
    attributesToRetrieve: fieldList.optional(),
    attributesToHighlight: fieldList.optional(),
    attributesToCrop: fieldList.optional(),
    cropLength: z.number().int().min(1).max(200).optional(),
    cropMarker: z.string().max(20).optional(),
    highlightPreTag: z.string().max(50).optional(),
    highlightPostTag: z.string().max(50).optional(),
    sort: z
      .array(z.enum(PUBLIC_SORTS as [string, ...string[]]))
      .max(2)
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

export const multiSearchBody = z.strictObject({
  queries: z
    .array(multiSearchQuery)
    .min(1)
    .max(LIMITS.queries, `limit queries: at most ${LIMITS.queries} searches per call`),
});

export type MultiSearchBody = z.output<typeof multiSearchBody>;

/** `*` in a list of names means every public one; the engine never sees a wildcard. */
const expand = <T extends string>(list: T[] | undefined, all: readonly string[]) =>
  list?.includes('*' as T) ? [...all] : list;

/** One client search as the engine gets it: the Worker's index, public names only. */
function engineQuery(query: MultiSearchBody['queries'][number], index: string): MultiSearchQuery {
  return {
    ...query,
    indexUid: index,
    facets: expand(query.facets, PUBLIC_FACETS),
    attributesToRetrieve: expand(query.attributesToRetrieve, PUBLIC_FIELDS) ?? [...PUBLIC_FIELDS],
    attributesToHighlight: expand(query.attributesToHighlight, PUBLIC_FIELDS),
    attributesToCrop: expand(query.attributesToCrop, PUBLIC_FIELDS),
  };
}

/** The engine's answer with only public fields and facets, whatever the engine put in it. */
function publicAnswer(response: MultiSearchResponse<PublicHit>): MultiSearchResponse<PublicHit> {
  return {
    results: response.results.map((result) => ({
      ...result,
      hits: result.hits.map((hit) => {
        const { _formatted, _matchesPosition } = hit;
        return {
          ...pick(hit, isPublicField),
          ...(_formatted ? { _formatted: pick(_formatted, isPublicField) } : {}),
          ...(_matchesPosition ? { _matchesPosition: pick(_matchesPosition, isPublicField) } : {}),
        } as typeof hit;
      }),
      ...(result.facetDistribution
        ? { facetDistribution: pick(result.facetDistribution, isPublicFacet) }
        : {}),
      ...(result.facetStats ? { facetStats: pick(result.facetStats, isPublicFacet) } : {}),
    })),
  };
}

export async function multiSearch(
  env: Env,
  body: MultiSearchBody,
): Promise<MultiSearchResponse<PublicHit>> {
  const index = indexName(env);
  try {
    const response = await meiliClient(env).multiSearch<MultiSearchParams, PublicHit>({
      queries: body.queries.map((q) => engineQuery(withMorphology(q), index)),
    });
    return publicAnswer(response);
  } catch (error) {
    throw fromMeilisearch(error, { clientQuery: true });
  }
}
