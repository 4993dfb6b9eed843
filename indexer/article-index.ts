/**
 * The article index (src/schema/article.ts) kept in step with the paragraph index: after the paragraphs
 * are written, every article of the paragraph index has one article document built from its paragraphs,
 * and nothing else is there. It is reconciled against what both indexes hold, so a run killed at any
 * point, or an index from before the article index existed, is repaired by the next run, and a re-run
 * writes nothing.
 */
import { createHash } from 'node:crypto';
import {
  ARTICLE_DOCUMENT_VERSION,
  ARTICLE_FACETS,
  ARTICLE_SEARCHABLE,
  type ArticleDocument,
} from '../src/schema/article.ts';
import { F, type ChunkDocument } from '../src/schema/chunk.ts';

/** Meilisearch indexes at most this many positions of one attribute (milli MAX_POSITION_PER_ATTRIBUTE). */
const MAX_POSITIONS = 65_536;
/** Positions between two array elements, and after a hard separator (milli tokenize_document.rs). */
const GAP = 8;
/** A word Meilisearch's tokenizer keeps whole: one script, no case change inside (camelCase splits). */
const SIMPLE_WORD = /^(?:\p{Script=Cyrillic}+|[a-z]+|\p{Lu}[a-z]*|\d+)$/u;
const RUN = /[\p{L}\p{N}]+/gu;

/**
 * At least the last position Meilisearch gives a field's words: each element after the first starts
 * GAP later, each word one later (GAP after anything but a space), and a word that is not simple may split
 * into as many words as it has characters.
 */
export function positionBound(values: string[]): number {
  let bound = 0;
  for (const value of values) {
    bound += GAP;
    let end = 0;
    for (const match of value.matchAll(RUN)) {
      const separator = value.slice(end, match.index);
      const step = separator === '' || separator === ' ' ? 1 : GAP;
      bound += SIMPLE_WORD.test(match[0]) ? step : step * match[0].length;
      end = match.index + match[0].length;
    }
  }
  return bound;
}

export function articleDocumentId(articleId: string): string {
  return createHash('sha256').update(articleId).digest('base64url');
}

/** The hash an article document carries: its paragraphs' hashes and the article document's version. */
export function articleHash(chunks: Pick<ChunkDocument, 'content_hash'>[]): string {
  const hashes = [...new Set(chunks.map((c) => c.content_hash))].sort();
  return `${hashes.join('+')}:${ARTICLE_DOCUMENT_VERSION}`;
}

/**
 * One article's document from its paragraphs: each searchable field the list of its paragraphs' values,
 * in paragraph order (an element that repeats an earlier one is left out: it adds no word and no word
 * pair); the article-level facets from its first paragraph.
 */
export function articleDocument(chunks: ChunkDocument[]): ArticleDocument {
  const sorted = [...chunks].sort((a, b) => a.paragraph - b.paragraph);
  const first = sorted[0];
  if (!first) throw new Error('an article document needs at least one paragraph');
  const doc: ArticleDocument = {
    id: articleDocumentId(first.article_id),
    article_id: first.article_id,
    content_hash: articleHash(sorted),
    complete: true,
  };
  const fields = ARTICLE_SEARCHABLE.map((field) => {
    const values = [
      ...new Set(sorted.flatMap((c) => [c[field]].flat()).filter((v) => v !== '')),
    ] as string[];
    if (positionBound(values) >= MAX_POSITIONS) doc.complete = false;
    return [field, values] as const;
  });
  // An article too long to index whole is counted from its paragraphs (src/search/counts.ts), never by
  // its words here: it keeps only its facets, so a very long article stays a small document.
  for (const [field, values] of fields) doc[field] = doc.complete ? values : [];
  for (const field of ARTICLE_FACETS) doc[field] = first[field];
  return doc;
}

/** The article documents of a set of paragraphs (grouped by article). */
export function articleDocumentsOf(chunks: ChunkDocument[]): ArticleDocument[] {
  const byArticle = new Map<string, ChunkDocument[]>();
  for (const c of chunks) byArticle.set(c.article_id, [...(byArticle.get(c.article_id) ?? []), c]);
  return [...byArticle.values()].map(articleDocument);
}

/** The fields of a paragraph an article document is built from. */
export const ARTICLE_SOURCE_FIELDS: string[] = [
  ...new Set([
    F.id,
    F.articleId,
    F.paragraph,
    F.contentHash,
    ...ARTICLE_SEARCHABLE,
    ...ARTICLE_FACETS,
  ]),
];

export interface ArticleIndexIo {
  /** The article index's documents (id, article_id, content_hash). */
  articles(): Promise<Array<Pick<ArticleDocument, 'id' | 'article_id' | 'content_hash'>>>;
  /** The paragraphs of these articles, as the paragraph index holds them (ARTICLE_SOURCE_FIELDS). */
  paragraphsOf(articleIds: string[]): Promise<ChunkDocument[]>;
  write(docs: ArticleDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

export interface ArticleSyncSummary {
  written: number;
  removed: number;
}

/**
 * Make the article index hold exactly one up-to-date document per article of the paragraph index.
 * `wanted`: each article the paragraph index holds, with articleHash of its paragraphs; `built`: this
 * run's articles' paragraphs as just written, so they need not be read back.
 */
export async function reconcileArticleIndex(
  io: ArticleIndexIo,
  wanted: Map<string, string>,
  built: Map<string, ChunkDocument[]>,
): Promise<ArticleSyncSummary> {
  const present = await io.articles();
  const have = new Map(present.map((d) => [d.article_id, d.content_hash]));
  const stale = [...wanted].filter(([id, hash]) => have.get(id) !== hash).map(([id]) => id);
  const fresh = (id: string) => {
    const chunks = built.get(id);
    return chunks && articleHash(chunks) === wanted.get(id) ? chunks : undefined;
  };
  const read = new Map<string, ChunkDocument[]>();
  for (const c of await io.paragraphsOf(stale.filter((id) => !fresh(id))))
    read.set(c.article_id, [...(read.get(c.article_id) ?? []), c]);
  const docs = stale.flatMap((id) => {
    const chunks = fresh(id) ?? read.get(id);
    return chunks?.length ? [articleDocument(chunks)] : [];
  });
  await io.write(docs);
  const gone = present.filter((d) => !wanted.has(d.article_id)).map((d) => d.id);
  await io.remove(gone);
  return { written: docs.length, removed: gone.length };
}
