/** Search routes: search (GET and POST), multi-search (with federation), facet search. */
import { MeiliError, describeValue } from '../errors.ts';
import type { Engine } from '../engine.ts';
import type { Document } from '../filter.ts';
import {
  facetDistribution,
  search,
  similar,
  ALL_DOCUMENTS,
  type SearchQuery,
  type SimilarQuery,
} from '../search.ts';
import {
  CANDIDATES,
  type FederatedHit,
  mergeOrdered,
  RANKED,
  type RankedInfo,
} from '../federation.ts';
import { normalize, prefixEditDistance } from '../tokenize.ts';
import { type Request, type Route, asObject } from './http.ts';
import { allowsIndex } from './keys.ts';
import { andFilters, tokenAllowsIndex, tokenFilter } from '../tenant-token.ts';
import { LOCALES, facetSearchPatterns, facetSearchable, type Settings } from '../settings.ts';

const SEARCH_KEYS = new Set([
  'q',
  'offset',
  'limit',
  'page',
  'hitsPerPage',
  'filter',
  'facets',
  'attributesToRetrieve',
  'attributesToHighlight',
  'attributesToCrop',
  'cropLength',
  'cropMarker',
  'highlightPreTag',
  'highlightPostTag',
  'showMatchesPosition',
  'showRankingScore',
  'showRankingScoreDetails',
  'sort',
  'distinct',
  'matchingStrategy',
  'attributesToSearchOn',
  'rankingScoreThreshold',
  'vector',
  'hybrid',
  'retrieveVectors',
  'locales',
  'showPerformanceDetails',
  'indexUid',
  'federationOptions',
]);

/** Search parameters whose JSON type Meilisearch checks first, each with its `invalid_search_*` error. */
const SEARCH_PARAMETER_TYPES: Record<string, keyof typeof EXPECTED> = {
  offset: 'positiveInteger',
  limit: 'positiveInteger',
  page: 'positiveInteger',
  hitsPerPage: 'positiveInteger',
  cropLength: 'positiveInteger',
  cropMarker: 'string',
  highlightPreTag: 'string',
  highlightPostTag: 'string',
  distinct: 'string',
  showMatchesPosition: 'boolean',
  showRankingScore: 'boolean',
  showRankingScoreDetails: 'boolean',
};

const EXPECTED = {
  positiveInteger: {
    words: 'a positive integer',
    accepts: (v: unknown) => Number.isInteger(v) && (v as number) >= 0,
  },
  string: { words: 'a string', accepts: (v: unknown) => typeof v === 'string' },
  boolean: { words: 'a boolean', accepts: (v: unknown) => typeof v === 'boolean' },
};

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function searchBody(body: unknown): SearchQuery {
  const query = body === undefined ? {} : asObject(body);
  for (const key of Object.keys(query)) {
    if (!SEARCH_KEYS.has(key)) {
      throw new MeiliError(
        400,
        'bad_request',
        `Unknown field \`${key}\`: expected one of ${[...SEARCH_KEYS]
          .filter((k) => k !== 'indexUid' && k !== 'federationOptions')
          .map((k) => `\`${k}\``)
          .join(', ')}`,
      );
    }
  }
  if (query.q !== undefined && query.q !== null && typeof query.q !== 'string') {
    throw new MeiliError(
      400,
      'invalid_search_q',
      `Invalid value type at \`.q\`: expected a string, but found ${JSON.stringify(query.q)}.`,
    );
  }
  if (
    query.matchingStrategy !== undefined &&
    !['last', 'all', 'frequency'].includes(query.matchingStrategy as string)
  ) {
    throw new MeiliError(
      400,
      'invalid_search_matching_strategy',
      `Unknown value \`${String(query.matchingStrategy)}\` at \`.matchingStrategy\`: expected one of \`last\`, \`all\`, \`frequency\`.`,
    );
  }
  for (const [name, expected] of Object.entries(SEARCH_PARAMETER_TYPES)) {
    const v = query[name];
    if (v === undefined || v === null || EXPECTED[expected].accepts(v)) continue;
    throw new MeiliError(
      400,
      `invalid_search_${snake(name)}`,
      `Invalid value type at \`.${name}\`: expected ${EXPECTED[expected].words}, but found ${describeValue(v)}`,
    );
  }
  const locales = query.locales;
  if (locales !== undefined && locales !== null) {
    if (!Array.isArray(locales))
      throw new MeiliError(
        400,
        'invalid_search_locales',
        `Invalid value type at \`.locales\`: expected an array, but found ${describeValue(locales)}`,
      );
    locales.forEach((locale, i) => {
      if (!LOCALES.includes(locale))
        throw new MeiliError(
          400,
          'invalid_search_locales',
          `Unknown value \`${locale}\` at \`.locales[${i}]\`: expected one of ${LOCALES.map((l) => `\`${l}\``).join(', ')}`,
        );
    });
  }
  const threshold = query.rankingScoreThreshold;
  if (
    threshold !== undefined &&
    threshold !== null &&
    (typeof threshold !== 'number' || threshold < 0 || threshold > 1)
  ) {
    throw new MeiliError(
      400,
      'invalid_search_ranking_score_threshold',
      'Invalid value at `.rankingScoreThreshold`: the value of `rankingScoreThreshold` is invalid, expected a float between `0.0` and `1.0`.',
    );
  }
  if (
    query.hybrid !== undefined &&
    query.hybrid !== null &&
    typeof query.hybrid === 'object' &&
    !('embedder' in query.hybrid)
  ) {
    throw new MeiliError(
      400,
      'invalid_search_hybrid_query',
      'Missing field `embedder` inside `.hybrid`',
    );
  }
  if ((query.vector !== undefined || query.media !== undefined) && query.hybrid === undefined) {
    throw new MeiliError(
      400,
      'missing_search_hybrid',
      'Invalid request: missing `hybrid` parameter when `vector` or `media` are present.',
    );
  }
  for (const name of [
    'facets',
    'attributesToRetrieve',
    'attributesToHighlight',
    'attributesToCrop',
    'sort',
  ]) {
    const v = query[name];
    if (
      v !== undefined &&
      v !== null &&
      !(Array.isArray(v) && v.every((x) => typeof x === 'string'))
    ) {
      const code = `invalid_search_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
      throw new MeiliError(
        400,
        code,
        `Invalid value type at \`.${name}\`: expected an array, but found ${JSON.stringify(v)}.`,
      );
    }
  }
  return query as SearchQuery;
}

function searchFromParams(query: URLSearchParams): SearchQuery {
  const out: Record<string, unknown> = {};
  for (const [key, value] of query) {
    switch (key) {
      case 'offset':
      case 'limit':
      case 'page':
      case 'hitsPerPage':
      case 'cropLength': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) {
          const code = `invalid_search_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
          throw new MeiliError(
            400,
            code,
            `Invalid value in parameter \`${key}\`: could not parse \`${value}\` as a positive integer`,
          );
        }
        out[key] = n;
        break;
      }
      case 'showMatchesPosition':
      case 'showRankingScore':
      case 'showRankingScoreDetails':
      case 'showPerformanceDetails':
      case 'retrieveVectors':
        if (value !== 'true' && value !== 'false') {
          throw new MeiliError(
            400,
            `invalid_search_${snake(key)}`,
            `Invalid value in parameter \`${key}\`: could not parse \`${value}\` as a boolean, expected either \`true\` or \`false\``,
          );
        }
        out[key] = value === 'true';
        break;
      case 'facets':
      case 'attributesToRetrieve':
      case 'attributesToHighlight':
      case 'attributesToCrop':
      case 'sort':
      case 'attributesToSearchOn':
        out[key] = value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case 'filter':
        out[key] = value.trim().startsWith('[') ? JSON.parse(value) : value;
        break;
      case 'rankingScoreThreshold':
      case 'hybridSemanticRatio':
        out[key] = Number(value);
        break;
      case 'vector':
        out[key] = value.split(',').map(Number);
        break;
      case 'hybridEmbedder':
        break;

      default:
        out[key] = value;
    }
  }
  // `hybridEmbedder` and `hybridSemanticRatio` are GET's spelling of `hybrid` (routes/indexes/search.rs).
  const embedder = query.get('hybridEmbedder');
  if (out.hybridSemanticRatio !== undefined && embedder === null)
    throw new MeiliError(
      400,
      'invalid_search_hybrid_query',
      '`hybridEmbedder` is mandatory when `hybridSemanticRatio` is present',
    );
  if (embedder !== null)
    out.hybrid = {
      embedder,
      ...(out.hybridSemanticRatio !== undefined ? { semanticRatio: out.hybridSemanticRatio } : {}),
    };
  delete out.hybridSemanticRatio;
  return searchBody(out);
}

/** Search index `uid`; a tenant token's filter for that index is added to the query's. */
function runSearch(
  engine: Engine,
  uid: string,
  query: SearchQuery,
  req?: Request,
): Record<string, unknown> {
  const index = engine.getIndex(uid);
  const rule = req?.tenantRules ? tokenFilter(req.tenantRules, uid) : undefined;
  const filtered =
    rule === undefined
      ? query
      : ({ ...query, filter: andFilters(rule, query.filter) } as SearchQuery);
  return { ...search(index, filtered, engine.rulesInForce()) };
}

function runSimilar(engine: Engine, uid: string, query: SimilarQuery, req: Request) {
  const rule = req.tenantRules ? tokenFilter(req.tenantRules, uid) : undefined;
  const filter = rule === undefined ? query.filter : andFilters(rule, query.filter);
  return similar(engine.getIndex(uid), { ...query, filter });
}

function similarFromParams(params: URLSearchParams): SimilarQuery {
  const out: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (['offset', 'limit', 'rankingScoreThreshold'].includes(key)) out[key] = Number(value);
    else if (key === 'attributesToRetrieve') out[key] = value.split(',').map((s) => s.trim());
    else if (key.startsWith('show') || key === 'retrieveVectors') out[key] = value === 'true';
    else out[key] = value;
  }
  return out as unknown as SimilarQuery;
}

export const searchRoutes: Route[] = [
  // Search
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'search'],
    action: 'search',
    handle: (engine, req, p) => [
      200,
      runSearch(engine, p.uid as string, searchBody(req.body), req),
    ],
  },
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'search'],
    action: 'search',
    handle: (engine, req, p) => [
      200,
      runSearch(engine, p.uid as string, searchFromParams(req.query), req),
    ],
  },
  // Similar documents, by a document's embedding.
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'similar'],
    action: 'search',
    handle: (engine, req, p) => [
      200,
      runSimilar(engine, p.uid as string, asObject(req.body) as unknown as SimilarQuery, req),
    ],
  },
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'similar'],
    action: 'search',
    handle: (engine, req, p) => [
      200,
      runSimilar(engine, p.uid as string, similarFromParams(req.query), req),
    ],
  },
  {
    method: 'POST',
    pattern: ['multi-search'],
    action: 'search',
    turns: (req) => {
      const queries = (req.body as { queries?: unknown } | undefined)?.queries;
      return Array.isArray(queries) ? queries.length : 1;
    },
    handle: async (engine, req) => {
      const body = asObject(req.body);
      if (!Array.isArray(body.queries))
        throw new MeiliError(400, 'bad_request', 'Missing field `queries`');
      const federation =
        body.federation === undefined || body.federation === null
          ? null
          : asObject(body.federation, '`.federation`');
      const started = performance.now();
      const results: Array<Record<string, unknown> & { indexUid: string }> = [];
      for (const [i, raw] of (body.queries as unknown[]).entries()) {
        // Each query is a turn: other requests' searches may run in between.
        if (i > 0) await req.nextTurn?.();
        const query = asObject(raw, `.queries[${i}]`);
        if (typeof query.indexUid !== 'string')
          throw new MeiliError(
            400,
            'missing_index_uid',
            `Missing field \`indexUid\` inside \`.queries[${i}]\``,
          );
        if (
          !allowsIndex(req.key, query.indexUid) ||
          (req.tenantRules && !tokenAllowsIndex(req.tenantRules, query.indexUid))
        ) {
          throw new MeiliError(
            403,
            'invalid_api_key',
            `Inside \`.queries[${i}]\`: The provided API key is invalid.`,
            'auth',
          );
        }
        try {
          const { federationOptions: _o, ...params } = searchBody(query) as SearchQuery & {
            federationOptions?: unknown;
          };
          if (!federation) {
            results.push({
              indexUid: query.indexUid,
              ...runSearch(engine, query.indexUid, params, req),
            });
            continue;
          }
          // Federated: every query contributes its best hits, merged below by weighted ranking score.
          const limit = Number(federation.offset ?? 0) + Number(federation.limit ?? 20);
          const result = runSearch(
            engine,
            query.indexUid,
            {
              ...params,
              offset: 0,
              limit,
              showRankingScore: true,
              distinct: (federation.distinct as string | undefined) ?? params.distinct,
            },
            req,
          );
          results.push({ indexUid: query.indexUid, ...result });
        } catch (error) {
          if (error instanceof MeiliError)
            error.message = `Inside \`.queries[${i}]\`: ${error.message}`;
          throw error;
        }
      }
      if (!federation) return [200, { results }];
      return [
        200,
        federate(
          engine,
          body.queries as Array<Record<string, unknown>>,
          results as Parameters<typeof federate>[2],
          federation,
          started,
        ),
      ];
    },
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'facet-search'],
    action: 'search',
    handle: (engine, req, p) => {
      const body = asObject(req.body);
      const index = engine.getIndex(p.uid as string);
      const facetName = body.facetName;
      if (typeof facetName !== 'string')
        throw new MeiliError(400, 'missing_facet_search_facet_name', 'Missing field `facetName`');
      // String entries of filterableAttributes allow facet search; granular rules only with `facetSearch`.
      if (!facetSearchable(index.settings, facetName)) {
        const available = facetSearchPatterns(index.settings).sort();
        throw new MeiliError(
          400,
          'invalid_facet_search_facet_name',
          `Attribute \`${facetName}\` is not facet-searchable. ${available.length ? `Available facet-searchable attributes are: \`${available.join(', ')}\`.` : 'This index does not have configured facet-searchable attributes.'} To make it facet-searchable add it to the \`filterableAttributes\` index settings.`,
        );
      }
      const started = performance.now();
      const { facetName: _f, facetQuery, exhaustiveFacetCount: _e, ...rest } = body;
      if (facetQuery !== undefined && facetQuery !== null && typeof facetQuery !== 'string') {
        throw new MeiliError(
          400,
          'invalid_facet_search_query',
          `Invalid value type at \`.facetQuery\`: expected a string, but found ${describeValue(facetQuery)}`,
        );
      }
      const searchQuery = searchBody(rest);
      // Nothing but the facet query (no q, filter or other option) and no distinct: every document counts.
      const all =
        Object.keys(rest).length === 0 && index.settings.distinctAttribute === null
          ? facetDistribution(index, ALL_DOCUMENTS, [facetName], Infinity)
          : search(index, {
              ...searchQuery,
              offset: 0,
              limit: 0,
              facets: [facetName],
              allFacetValues: true,
            });
      const matches = facetQueryMatcher(
        index.settings,
        facetName,
        typeof facetQuery === 'string' ? facetQuery : '',
      );
      // Only string values are facet-searchable: Meilisearch searches the attribute's string values only.
      const numeric = new Set(
        index
          .facetColumn(facetName)
          .entries.filter((e) => e.number !== null)
          .map((e) => e.label),
      );
      const values = Object.entries(all.facetDistribution?.[facetName] ?? {})
        .filter(([value]) => !numeric.has(value) && matches(value))
        .slice(0, index.settings.faceting.maxValuesPerFacet)
        .map(([value, count]) => ({ value, count }));
      return [
        200,
        {
          facetHits: values,
          facetQuery: facetQuery ?? null,
          processingTimeMs: Math.floor(performance.now() - started),
        },
      ];
    },
  },
];

/**
 * Which facet values a facet search's query finds, as Meilisearch's: the start of the whole value, with
 * typos allowed by the query's length in UTF-8 bytes (three Cyrillic letters already allow one), unless
 * typos are off for the attribute or the query is one of `disableOnWords`.
 */
function facetQueryMatcher(
  settings: Settings,
  facetName: string,
  facetQuery: string,
): (value: string) => boolean {
  const wanted = normalize(facetQuery);
  if (wanted === '') return () => true;
  const t = settings.typoTolerance;
  const bytes = Buffer.byteLength(wanted);
  const typos =
    !t.enabled ||
    t.disableOnAttributes.includes(facetName) ||
    t.disableOnWords.map(normalize).includes(wanted)
      ? 0
      : bytes < t.minWordSizeForTypos.oneTypo
        ? 0
        : bytes < t.minWordSizeForTypos.twoTypos
          ? 1
          : 2;
  return typos === 0
    ? (value) => normalize(value).startsWith(wanted)
    : (value) => prefixEditDistance(wanted, normalize(value), typos) <= typos;
}

/**
 * Merge per-query results into one federated answer (`POST /multi-search` with `federation`), as
 * Meilisearch does (search/federated/perform.rs): the queries of one index first, each document once (from
 * the query that ranks it best) and the index's total counting each candidate once; then the indexes.
 */
function federate(
  engine: Engine,
  queries: Array<Record<string, unknown>>,
  results: Array<
    Record<string, unknown> & {
      indexUid: string;
      hits: Document[];
      estimatedTotalHits?: number;
      [CANDIDATES]?: ArrayLike<number>;
    }
  >,
  federation: Record<string, unknown>,
  started: number,
): Record<string, unknown> {
  const offset = Number(federation.offset ?? 0);
  const limit = Number(federation.limit ?? 20);
  type Entry = FederatedHit & { n: number; hit: Document };
  const entriesOf = (position: number): Entry[] => {
    const options = (queries[position]?.federationOptions ?? {}) as { weight?: number };
    const weight = typeof options.weight === 'number' ? options.weight : 1;
    const keepScore = queries[position]?.showRankingScore === true;
    const indexUid = (results[position] as (typeof results)[number]).indexUid;
    return (results[position] as (typeof results)[number]).hits.map((hit) => {
      const {
        _rankingScore,
        [RANKED]: ranked,
        ...rest
      } = hit as Document & { _rankingScore: number; [RANKED]: RankedInfo };
      const weighted = _rankingScore * weight;
      return {
        n: ranked.n,
        values: ranked.values,
        weight,
        weighted,
        queryPosition: position,
        hit: {
          ...rest,
          ...(keepScore ? { _rankingScore } : {}),
          _federation: { indexUid, queriesPosition: position, weightedRankingScore: weighted },
        },
      };
    });
  };
  const positionsByIndex = new Map<string, number[]>();
  results.forEach((result, position) =>
    positionsByIndex.set(result.indexUid, [
      ...(positionsByIndex.get(result.indexUid) ?? []),
      position,
    ]),
  );
  const candidatesOf = (uid: string): Set<number> => {
    const union = new Set<number>();
    for (const position of positionsByIndex.get(uid) ?? [])
      for (const n of Array.from(results[position]?.[CANDIDATES] ?? [])) union.add(n);
    return union;
  };
  let estimatedTotalHits = 0;
  const mergedByIndex: Entry[][] = [];
  for (const [uid, positions] of positionsByIndex) {
    const seen = new Set<number>();
    mergedByIndex.push(
      mergeOrdered(positions.map(entriesOf)).filter((e) => !seen.has(e.n) && seen.add(e.n)),
    );
    estimatedTotalHits +=
      positions.length === 1
        ? (results[positions[0] as number]?.estimatedTotalHits ?? 0)
        : candidatesOf(uid).size;
  }
  const answer: Record<string, unknown> = {
    hits: mergeOrdered(mergedByIndex)
      .slice(offset, offset + limit)
      .map((e) => e.hit),
    processingTimeMs: Math.floor(performance.now() - started),
    limit,
    offset,
    estimatedTotalHits,
  };
  const facetsByIndex = federation.facetsByIndex as Record<string, string[]> | undefined;
  if (facetsByIndex) {
    const byIndex: Record<
      string,
      {
        distribution: Record<string, Record<string, number>>;
        stats: Record<string, { min: number; max: number }>;
      }
    > = {};
    for (const [uid, facets] of Object.entries(facetsByIndex)) {
      // Counted over every candidate of the index's queries.
      const { facetDistribution: distribution, facetStats: stats } = facetDistribution(
        engine.getIndex(uid),
        [...candidatesOf(uid)].sort((a, b) => a - b),
        facets,
      );
      byIndex[uid] = { distribution, stats };
    }
    if ((federation.mergeFacets as unknown) && typeof federation.mergeFacets === 'object') {
      const distribution: Record<string, Record<string, number>> = {};
      const stats: Record<string, { min: number; max: number }> = {};
      for (const facets of Object.values(byIndex)) {
        for (const [name, values] of Object.entries(facets.distribution))
          for (const [v, c] of Object.entries(values))
            (distribution[name] ??= {})[v] = (distribution[name]?.[v] ?? 0) + c;
        for (const [name, s] of Object.entries(facets.stats))
          stats[name] = stats[name]
            ? { min: Math.min(stats[name].min, s.min), max: Math.max(stats[name].max, s.max) }
            : { ...s };
      }
      Object.assign(answer, { facetDistribution: distribution, facetStats: stats });
    } else answer.facetsByIndex = byIndex;
  }
  if (federation.showPerformanceDetails) answer.performanceDetails = {};
  return answer;
}
