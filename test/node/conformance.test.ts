/**
 * The differential conformance catalogue (conformance/), for the families listed in MUST_AGREE: on the same
 * documents and requests, meili-local must answer exactly as the real Meilisearch binary does.
 * `npm run conformance` runs every family and reports the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAMILIES } from '../../conformance/catalogue.ts';
import { closeClient } from '../../conformance/http.ts';
import { MUST_AGREE } from '../../conformance/must-agree.ts';
import { runCatalogue, type FamilyResult } from '../../conformance/runner.ts';
import { DEFAULT_ARTICLES, startConformance, type Conformance } from '../../conformance/setup.ts';
import { findMeilisearchBinary, whereMeilisearchWasSought } from '../../scripts/meilisearch-bin.ts';

const found = Boolean(findMeilisearchBinary());
if (!found)
  console.warn(
    `[conformance] real Meilisearch not found at ${whereMeilisearchWasSought()}: the conformance test (${MUST_AGREE.length} families) is skipped`,
  );

describe.skipIf(!found)('meili-local answers as the real Meilisearch', () => {
  let conformance: Conformance | undefined;
  let results: FamilyResult[] = [];

  beforeAll(async () => {
    const worker = FAMILIES.some((f) => MUST_AGREE.includes(f.name) && f.target === 'worker');
    conformance = await startConformance({ articles: DEFAULT_ARTICLES, worker });
    results = await runCatalogue(conformance, { families: MUST_AGREE, examples: 3 });
  }, 240_000);

  afterAll(async () => {
    await conformance?.stop();
    closeClient();
  });

  it.each(MUST_AGREE)('%s: no differences', (name) => {
    const result = results.find((r) => r.name === name);
    expect(result?.requests).toBeGreaterThan(0);
    expect(
      result?.examples.map((e) => ({
        request: `${e.request.method} ${decodeURIComponent(e.request.path)} ${JSON.stringify(e.request.body ?? '')}`,
        differences: e.differences.slice(0, 3),
      })),
    ).toEqual([]);
  });
});
