/**
 * Running the catalogue: every request to both sides at once, answers compared, results per family.
 */
import { FAMILIES, requestsOf, type CatalogueRequest, type Family } from './catalogue.ts';
import { compareAnswers, type Difference } from './compare.ts';
import { send, type HttpAnswer } from './http.ts';
import type { Conformance, Side } from './setup.ts';
import { buildVocabulary } from './vocabulary.ts';

export interface RequestResult {
  request: CatalogueRequest;
  /** HTTP status from the reference (real Meilisearch) side and from the meili-local side. */
  status: [number, number];
  differences: Difference[];
}

export interface FamilyResult {
  name: string;
  target: Family['target'];
  requests: number;
  identical: number;
  differing: number;
  /** Field -> number of requests in which it differs. */
  fields: Record<string, number>;
  /** The first differing requests, with both answers' differences. */
  examples: RequestResult[];
  ms: number;
}

export interface RunOptions {
  /** Family names to run; all when absent. */
  families?: string[];
  /** Only the first N requests of each family (the vitest subset). */
  limitPerFamily?: number;
  /** Differing requests kept per family. */
  examples?: number;
  onFamily?: (result: FamilyResult) => void;
}

async function ask(side: Side, family: Family, req: CatalogueRequest): Promise<HttpAnswer> {
  const base = family.target === 'engine' ? side.url : side.workerUrl;
  if (!base) throw new Error(`family ${family.name} needs the Workers, which were not started`);
  const auth = req.auth ?? (family.target === 'engine' ? 'master' : 'none');
  const apiKey = auth === 'none' ? undefined : side.keys[auth];
  const path = req.path.replace(/\{key:(\w+)\}/g, (_, name: string) => side.keys[name] ?? '');
  try {
    return await send(base, {
      method: req.method,
      path,
      body: req.body,
      ...(apiKey === undefined ? {} : { apiKey }),
    });
  } catch (error) {
    return { status: 0, body: { code: 'no_answer', message: (error as Error).message } };
  }
}

export function selectFamilies(names?: string[]): Family[] {
  if (!names?.length) return FAMILIES;
  const unknown = names.filter((n) => !FAMILIES.some((f) => f.name === n));
  if (unknown.length)
    throw new Error(
      `unknown famil${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; known: ${FAMILIES.map((f) => f.name).join(', ')}`,
    );
  return FAMILIES.filter((f) => names.includes(f.name));
}

export async function runCatalogue(
  c: Conformance,
  options: RunOptions = {},
): Promise<FamilyResult[]> {
  const vocabulary = buildVocabulary(c.documents);
  const results: FamilyResult[] = [];
  for (const family of selectFamilies(options.families)) {
    const started = Date.now();
    const requests = requestsOf(family, vocabulary).slice(0, options.limitPerFamily);
    const result: FamilyResult = {
      name: family.name,
      target: family.target,
      requests: requests.length,
      identical: 0,
      differing: 0,
      fields: {},
      examples: [],
      ms: 0,
    };
    // One request at a time (some families create keys and read them back), both sides at once.
    for (const request of requests) {
      const [reference, local] = await Promise.all([
        ask(c.reference, family, request),
        ask(c.local, family, request),
      ]);
      const differences = compareAnswers(reference, local);
      if (!differences.length) {
        result.identical++;
        continue;
      }
      result.differing++;
      for (const field of new Set(differences.map((d) => d.field)))
        result.fields[field] = (result.fields[field] ?? 0) + 1;
      if (result.examples.length < (options.examples ?? 5))
        result.examples.push({
          request,
          status: [reference.status, local.status],
          differences: differences.slice(0, 20),
        });
    }
    result.ms = Date.now() - started;
    results.push(result);
    options.onFamily?.(result);
  }
  return results;
}
