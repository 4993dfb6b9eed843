/**
 * Article counts without `distinct` over paragraphs. Counting articles by `distinct` (the totals and facets
 * of a search grouped by article) costs Meilisearch a lookup per matching article, in every search of a
 * request; at a million paragraphs that is most of a second. The article index (src/schema/article.ts)
 * holds one document per article whose words are its paragraphs' words, so a search of it counts articles
 * directly. That count is exactly the number of articles having a matching paragraph when the paragraphs a
 * query matches are those holding one word (with its typos and prefix): an article holds the word exactly
 * when one of its paragraphs does. That is the case of every query the Worker sends whose matching
 * strategy (frequency) keeps one word: Meilisearch drops the query's words, most frequent first, down to
 * the rarest (milli query_graph.rs, removal_order_for_terms_matching_strategy_frequency), all of the equally
 * rarest ones. Which word that is the paragraph index says: one count per word, and the count of the whole
 * query, which must equal the rarest word's (equally rare words then hold the same paragraphs). Adjacent
 * words also match written together as one word (n-grams): the counts of those must be zero. Anything else
 * (phrases, negation, equally rare words apart) is counted the old way, with `distinct`. An article too
 * long for Meilisearch to index whole has no words in the article index: the few such articles are counted
 * from their paragraphs, by `distinct`, and added (more than MAX_INCOMPLETE: the old way).
 * Hits always come from the paragraph index; their `distinct` only dedupes one page (offset/limit).
 */
import {
  type Meilisearch,
  MeilisearchApiError,
  type MultiSearchParams,
  type MultiSearchQuery,
  type MultiSearchResult,
} from 'meilisearch';
import { A, articleIndexName } from '../schema/article.ts';
import { F } from '../schema/chunk.ts';
import { quote } from './filters.ts';
import type { SearchPlan } from './query.ts';

export type Results<H> = MultiSearchResult<H>[];
export type Send = <H extends Record<string, unknown>>(
  queries: MultiSearchQuery[],
) => Promise<Results<H>>;

/** `Send` through the official client: one multi-search. */
export const sendTo =
  (client: Meilisearch): Send =>
  async <H extends Record<string, unknown>>(queries: MultiSearchQuery[]) =>
    (await client.multiSearch<MultiSearchParams, H>({ queries })).results;

/** Meilisearch reads at most ten words of a query (milli search/new/limits.rs). */
const MAX_WORDS = 10;
/** A word the engines' tokenizers keep whole (see indexer/article-index.ts). */
const SIMPLE_WORD = /^(?:\p{Script=Cyrillic}+|[a-z]+|\d+)$/u;

/** The words of a query as sent (`stemQuery`), and whether the last is a prefix; null when not plain words. */
export function plainWords(q: string): { words: string[]; prefix: boolean } | null {
  const words = q.split(' ').filter((w) => w !== '');
  if (words.length > MAX_WORDS || !words.every((w) => SIMPLE_WORD.test(w))) return null;
  return { words, prefix: words.length > 0 && !q.endsWith(' ') };
}

/** One word (or n-gram) as a query of its own: a prefix only when it ends the query being typed. */
const alone = (word: string, last: boolean, prefix: boolean) => word + (last && prefix ? '' : ' ');

const count = (r: MultiSearchResult<unknown> | undefined): number =>
  r?.totalHits ?? r?.estimatedTotalHits ?? Number.NaN;

/** The searches that say which word a query's paragraphs are counted by: whole query, words, n-grams. */
export function wordProbes(
  q: string,
  indexUid: string,
): { queries: MultiSearchQuery[]; pick(results: Results<unknown>): string | null } | null {
  const plain = plainWords(q);
  if (!plain) return null;
  const { words, prefix } = plain;
  if (words.length <= 1) return { queries: [], pick: () => q };
  const probe = (text: string): MultiSearchQuery => ({
    indexUid,
    q: text,
    matchingStrategy: 'all',
    limit: 0,
  });
  const ngrams: string[] = [];
  for (const n of [2, 3])
    for (let i = 0; i + n <= words.length; i++)
      ngrams.push(alone(words.slice(i, i + n).join(''), i + n === words.length, prefix));
  const single = words.map((w, i) => alone(w, i === words.length - 1, prefix));
  const queries = [
    { indexUid, q, matchingStrategy: 'frequency', limit: 0 } as MultiSearchQuery,
    ...single.map(probe),
    ...ngrams.map(probe),
  ];
  return {
    queries,
    pick: (results) => {
      const whole = count(results[0]);
      const each = single.map((_, i) => count(results[1 + i]));
      if (ngrams.some((_, i) => count(results[1 + single.length + i]) !== 0)) return null;
      // The rarest words found are kept (words found nowhere go first); with no n-gram found, the whole
      // query matches the paragraphs holding all of them, so it is the one word's when the counts agree.
      const found = each.filter((c) => c > 0);
      const at = found.length ? each.indexOf(Math.min(...found)) : 0;
      return whole === (each[at] as number) ? (single[at] as string) : null;
    },
  };
}

const NO_ARTICLE_INDEX = new Set(['index_not_found', 'invalid_api_key']);
/** Articles too long for the article index that are counted from their paragraphs; more: the old way. */
export const MAX_INCOMPLETE = 50;

/** A search narrowed to some articles, counting them by `distinct` (page mode: exhaustive). */
function amongArticles(query: MultiSearchQuery, articleIds: string[]): MultiSearchQuery {
  const { attributesToRetrieve: _a, sort: _s, offset: _o, limit: _l, filter, ...rest } = query;
  const among = `${F.articleId} IN [${articleIds.map(quote).join(', ')}]`;
  const filters = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
  return { ...rest, filter: [...filters, among], page: 1, hitsPerPage: 0 };
}

/** One count and its facet counts plus another's (the same search over other articles). */
function plus<H>(
  a: MultiSearchResult<H>,
  b: MultiSearchResult<H> | undefined,
): MultiSearchResult<H> {
  if (!b) return a;
  const facets: Record<string, Record<string, number>> = structuredClone(a.facetDistribution ?? {});
  for (const [facet, values] of Object.entries(b.facetDistribution ?? {}))
    for (const [value, n] of Object.entries(values))
      (facets[facet] ??= {})[value] = (facets[facet]?.[value] ?? 0) + n;
  return {
    ...a,
    totalHits: count(a) + count(b),
    ...(a.facetDistribution || b.facetDistribution ? { facetDistribution: facets } : {}),
  };
}

/** Page mode with no hits: the exhaustive count. Offset/limit for the same window of hits. */
function asHits(query: MultiSearchQuery): MultiSearchQuery {
  const { facets: _f, page, hitsPerPage, ...rest } = query;
  const perPage = hitsPerPage ?? 20;
  return { ...rest, offset: ((page ?? 1) - 1) * perPage, limit: perPage };
}

function asArticleCount(query: MultiSearchQuery, indexUid: string, q: string): MultiSearchQuery {
  const {
    distinct: _d,
    attributesToRetrieve: _a,
    sort: _s,
    offset: _o,
    limit: _l,
    ...rest
  } = query;
  return { ...rest, indexUid, q, matchingStrategy: 'all', page: 1, hitsPerPage: 0 };
}

/**
 * The plan's results, with every article count from the article index where that is exact (see above),
 * else from the plan's own searches. Same shape as `send(plan.queries)`: main, disjunctive, person counts, exact.
 */
export async function searchCountingArticles<H extends Record<string, unknown>>(
  plan: SearchPlan,
  send: Send,
): Promise<Results<H>> {
  const [main, ...rest] = plan.queries;
  const grouped = main?.distinct !== undefined;
  const probes = main && grouped ? wordProbes(main.q ?? '', main.indexUid) : null;
  if (!main || !probes) return send<H>(plan.queries);
  const articles = articleIndexName(main.indexUid);
  const extra = rest.slice(0, plan.disjunctive.length + plan.personCounts.length);
  const exact = plan.exact ? (rest.at(-1) as MultiSearchQuery) : null;
  const hitSearches = [asHits(main), ...(exact ? [asHits(exact)] : [])];
  const incomplete: MultiSearchQuery = {
    indexUid: articles,
    q: '',
    filter: `${A.complete} = false`,
    attributesToRetrieve: [A.articleId],
    limit: MAX_INCOMPLETE,
  };
  // The paragraph searches whose counts the article index gives, in the order of `countSearches`.
  const counted = [main, ...extra, ...(exact ? [exact] : [])];
  const countSearches = (word: string) => [
    asArticleCount(main, articles, word),
    ...extra.map((e) => asArticleCount(e, articles, word)),
    // The exact-forms search in articles: its count, or more (an article may hold its words in two
    // paragraphs, and no paragraph all of them).
    ...(exact ? [asArticleCount(exact, articles, exact.q ?? '')] : []),
  ];
  let first: Results<H>;
  const known = probes.queries.length === 0 ? probes.pick([]) : null;
  try {
    first = await send<H>([
      ...hitSearches,
      incomplete,
      ...probes.queries,
      ...(known !== null ? countSearches(known) : []),
    ]);
  } catch (error) {
    // No article index (or a key without access to it): count the old way.
    if (error instanceof MeilisearchApiError && NO_ARTICLE_INDEX.has(error.cause?.code ?? ''))
      return send<H>(plan.queries);
    throw error;
  }
  const hits = first.slice(0, hitSearches.length);
  const long = first[hitSearches.length];
  if (count(long) > MAX_INCOMPLETE) return send<H>(plan.queries);
  const longIds = (long?.hits ?? []).map((hit) => hit[A.articleId] as string);
  const after = first.slice(hitSearches.length + 1);
  const word = known ?? probes.pick(after as Results<unknown>);
  if (word === null) return send<H>(plan.queries);
  // Without words the long articles are counted in the article index too: by their facets.
  const corrections =
    word === '' ? [] : longIds.length ? counted.map((c) => amongArticles(c, longIds)) : [];
  let counts = after as Results<H>;
  if (known === null || corrections.length) {
    const more = await send<H>([...(known === null ? countSearches(word) : []), ...corrections]);
    const base = known === null ? more.slice(0, counted.length) : counts;
    const added = more.slice(more.length - corrections.length);
    counts = base.map((r, i) => plus(r, corrections.length ? added[i] : undefined));
  }
  const [mainCount, ...others] = counts;
  const extraCounts = others.slice(0, extra.length);
  const mainHits = hits[0] as MultiSearchResult<H>;
  const results: Results<H> = [
    { ...mainHits, totalHits: count(mainCount), facetDistribution: mainCount?.facetDistribution },
    ...extraCounts,
  ];
  if (exact) {
    const exactHits = hits[1] as MultiSearchResult<H>;
    const upper = count(others[extra.length]);
    const oneWord = (plainWords(exact.q ?? '')?.words.length ?? 0) === 1;
    // Only the larger of the two counts is shown: an upper bound not above the main count is enough.
    const exactCount =
      oneWord || upper <= count(mainCount)
        ? upper
        : count((await send<H>([{ ...exact, page: 1, hitsPerPage: 0 }]))[0]);
    results.push({ ...exactHits, totalHits: exactCount });
  }
  return results;
}

/**
 * How many articles hold each value of `facet` among those matching `filter` (article-level fields only,
 * no query words): exact in the article index; by `distinct` when there is none.
 */
export async function articleFacetCounts(
  send: Send,
  indexUid: string,
  filter: string,
  facet: string,
): Promise<Record<string, number>> {
  const query = { q: '', filter, facets: [facet], page: 1, hitsPerPage: 0 };
  const [counted] = await send([{ ...query, indexUid: articleIndexName(indexUid) }]).catch(
    (error: unknown) => {
      if (error instanceof MeilisearchApiError && NO_ARTICLE_INDEX.has(error.cause?.code ?? ''))
        return send([{ ...query, indexUid, distinct: F.articleId }]);
      throw error;
    },
  );
  return counted?.facetDistribution?.[facet] ?? {};
}
