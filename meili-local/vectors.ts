/**
 * User-provided embeddings, as Meilisearch keeps and compares them: a document's `_vectors` (one embedding,
 * several, or `{ embeddings, regenerate }` per embedder; milli vector/parsed_vectors.rs), checked against
 * the embedder's dimensions, and cosine similarity as its vector store scores it (hannoy's Cosine distance
 * is (1 - cos) / 2, and a hit's similarity is 1 - distance).
 */
import { MeiliError } from './errors.ts';

/** A document's embeddings, by embedder name. */
export type Embeddings = Record<string, number[][]>;

interface EmbedderSettings {
  source?: unknown;
  dimensions?: unknown;
}

const isVector = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((x) => typeof x === 'number');

/** The embeddings a document's `_vectors` gives, or a MeiliError naming the document and the fault. */
export function parseVectors(
  documentId: string,
  value: unknown,
  embedders: Record<string, unknown>,
): Embeddings {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new MeiliError(
      400,
      'invalid_vectors_type',
      `The \`_vectors\` field in the document with id: \`${documentId}\` is not an object. Was expecting an object with a key for each embedder with manually provided vectors, but instead got \`${JSON.stringify(value)}\``,
    );
  }
  const out: Embeddings = {};
  for (const [name, given] of Object.entries(value as Record<string, unknown>)) {
    const explicit = given !== null && typeof given === 'object' && !Array.isArray(given);
    if (explicit && typeof (given as { regenerate?: unknown }).regenerate !== 'boolean') {
      throw new MeiliError(
        400,
        'invalid_vectors_type',
        `Bad embedder configuration in the document with id: \`${documentId}\`. Missing field \`._vectors.${name}.regenerate\``,
      );
    }
    const raw = explicit ? (given as { embeddings?: unknown }).embeddings : given;
    const embeddings = raw === null || raw === undefined ? [] : isVector(raw) ? [raw] : raw;
    if (!Array.isArray(embeddings) || !embeddings.every(isVector)) {
      throw new MeiliError(
        400,
        'invalid_vectors_type',
        `Bad embedder configuration in the document with id: \`${documentId}\`. Invalid value type at \`._vectors.${name}\`: expected an array of floats or an array of arrays of floats.`,
      );
    }
    const dimensions = (embedders[name] as EmbedderSettings | undefined)?.dimensions;
    embeddings.forEach((embedding, i) => {
      if (typeof dimensions === 'number' && embedding.length !== dimensions) {
        throw new MeiliError(
          400,
          'invalid_vector_dimensions',
          `Invalid vector dimensions in document with id \`${documentId}\` in \`._vectors.${name}\`.\n  - note: embedding #${i} has dimensions ${embedding.length}\n  - note: embedder \`${name}\` requires ${dimensions}`,
        );
      }
    });
    if (embeddings.length) out[name] = embeddings;
  }
  return out;
}

/**
 * Check a document's `_vectors` before it is stored: their shape and dimensions, and an entry (an embedding,
 * or null to opt out) for every user-provided embedder, which has nothing else to embed it with.
 */
export function checkDocumentVectors(
  documentId: string,
  doc: Record<string, unknown>,
  embedders: Record<string, unknown>,
): void {
  const vectors = doc._vectors;
  parseVectors(documentId, vectors, embedders);
  for (const [name, embedder] of Object.entries(embedders)) {
    if ((embedder as EmbedderSettings).source !== 'userProvided') continue;
    if ((vectors as Record<string, unknown> | undefined)?.[name] !== undefined) continue;
    throw new MeiliError(
      400,
      'vector_embedding_error',
      `While embedding documents for embedder \`${name}\`: no vectors provided for document \`${documentId}\`\n- Note: \`${name}\` has \`source: userProvided\`, so documents must provide embeddings as an array in \`_vectors.${name}\`.\n- Hint: opt-out for a document with \`_vectors.${name}: null\``,
    );
  }
}

/** How alike two embeddings are, in [0, 1]: 1 - (1 - cos) / 2; 0.5 when either has no length. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  const norms = Math.sqrt(na) * Math.sqrt(nb);
  if (norms <= Number.EPSILON) return 1;
  const cos = Math.max(-1, Math.min(1, dot / norms));
  return 1 - (1 - cos) / 2;
}

/** The best similarity of any of a document's embeddings to `target` (null when it has none). */
export function bestSimilarity(
  target: readonly number[],
  embeddings: readonly number[][] | undefined,
): number | null {
  if (!embeddings?.length) return null;
  return Math.max(...embeddings.map((e) => similarity(target, e)));
}

/** `_vectors` of a hit with `retrieveVectors`: every embedder of the index, with the document's embeddings. */
export function retrievedVectors(
  embeddings: Embeddings | undefined,
  embedders: Record<string, unknown>,
): Record<string, { embeddings: number[][]; regenerate: boolean }> {
  return Object.fromEntries(
    Object.keys(embedders).map((name) => [
      name,
      { embeddings: embeddings?.[name] ?? [], regenerate: false },
    ]),
  );
}

/** The embedder a search or similar request names, or Meilisearch's error for a missing one. */
export function checkEmbedder(
  embedders: Record<string, unknown>,
  name: string,
  code: 'invalid_search_embedder' | 'invalid_similar_embedder',
  vector?: readonly number[],
): void {
  const embedder = embedders[name] as EmbedderSettings | undefined;
  if (!embedder) throw new MeiliError(400, code, `Cannot find embedder with name \`${name}\`.`);
  if (vector && typeof embedder.dimensions === 'number' && vector.length !== embedder.dimensions) {
    throw new MeiliError(
      400,
      'invalid_vector_dimensions',
      `Invalid vector dimensions: expected: \`${embedder.dimensions}\`, found: \`${vector.length}\`.`,
    );
  }
}
