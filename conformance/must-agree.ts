/**
 * The families on which meili-local must answer exactly as the real Meilisearch does
 * (test/node/conformance.test.ts asserts zero differences for them). Grow it as meili-local is fixed;
 * README.md ("Two engines") lists what still differs in the others, and why.
 */
export const MUST_AGREE: string[] = [
  'query-words',
  'normalisation',
  'typos',
  'phrases',
  'negation',
  'matching-strategy',
  'search-on',
  'filters',
  'facets',
  'facet-search',
  'distinct',
  'sort',
  'ranking-rules',
  'pagination',
  'documents',
  'settings',
  'tasks',
  'keys',
  'errors',
  'prefixes',
  'dynamic-search-rules',
  'search-get',
  'multi-search',
  'highlight-crop',
  'worker-search-q',
  'worker-search-persons',
  'worker-search-dates',
  'worker-search-sort-page',
  'worker-persons',
  'worker-articles',
  'worker-multi-search',
  'worker-errors',
];
