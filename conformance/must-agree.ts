/**
 * The families on which meili-local must answer exactly as the real Meilisearch does
 * (test/node/conformance.test.ts asserts zero differences for them). Grow it as meili-local is fixed.
 */
export const MUST_AGREE: string[] = ['facets', 'settings', 'keys', 'worker-articles', 'worker-errors'];
