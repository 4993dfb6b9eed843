/**
 * POST /multi-search: a Meilisearch-compatible, search-only proxy so that InstantSearch and
 * @meilisearch/instant-meilisearch can use the Worker as their host. The index is fixed and only
 * allow-listed search parameters pass.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { ApiError, fromMeilisearch } from '../errors.ts';
import { indexName, meiliClient } from '../meili.ts';
import { LIMITS } from './params.ts';

const MAX_QUERIES = 10;

const stringList = z.array(z.string().max(200)).max(50);
const allowedQuery = z
  .object({
    indexUid: z.string().optional(),
    q: z.string().max(LIMITS.qLength).optional(),
    filter: z
      .union([
        z.string().max(2000),
        z.array(z.union([z.string().max(2000), z.array(z.string().max(2000))])).max(50),
      ])
      .optional(),
    facets: stringList.optional(),
    attributesToRetrieve: stringList.optional(),
    attributesToHighlight: stringList.optional(),
    attributesToCrop: stringList.optional(),
    cropLength: z.number().int().min(1).max(200).optional(),
    cropMarker: z.string().max(20).optional(),
    highlightPreTag: z.string().max(50).optional(),
    highlightPostTag: z.string().max(50).optional(),
    sort: stringList.optional(),
    distinct: z.string().max(100).optional(),
    matchingStrategy: z.enum(['last', 'all', 'frequency']).optional(),
    showMatchesPosition: z.boolean().optional(),
    offset: z.number().int().min(0).max(LIMITS.maxDepth).optional(),
    limit: z.number().int().min(0).max(LIMITS.perPage).optional(),
    page: z.number().int().min(0).max(LIMITS.maxDepth).optional(),
    hitsPerPage: z.number().int().min(0).max(LIMITS.perPage).optional(),
  })
  .strict();

const body = z.object({ queries: z.array(allowedQuery).min(1).max(MAX_QUERIES) }).strict();

export async function proxyMultiSearch(c: Context<AppEnv>): Promise<Response> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body must be JSON: { "queries": [...] }.');
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      400,
      'invalid_parameter',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  const index = indexName(c.env);
  // Whatever index the client names, the Worker searches its own.
  const queries = parsed.data.queries.map((q) => ({ ...q, indexUid: index }));
  try {
    const result = await meiliClient(c.env).multiSearch({ queries });
    return c.json(result);
  } catch (error) {
    throw fromMeilisearch(error);
  }
}
