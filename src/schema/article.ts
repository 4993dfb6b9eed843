/**
 * The article document: one per article, in a second index beside the paragraph index, so that the
 * Worker counts articles (totals and facets) without `distinct` over paragraphs (see src/search/counts.ts).
 * Its searchable fields hold the article's paragraphs' values as arrays, one element per paragraph:
 * Meilisearch puts a gap of 8 positions between the elements of an array, so a word pair never spans two
 * paragraphs, and the words an article matches are the union of its paragraphs' words.
 * This module is the one place where its fields and settings are defined.
 */
import { F, indexSettings } from './chunk.ts';

/** The article index that goes with a paragraph index. */
export function articleIndexName(paragraphIndex: string): string {
  return `${paragraphIndex}-by-article`;
}

/** The paragraph fields an article document repeats: every searchable one, and the article-level facets. */
export const ARTICLE_SEARCHABLE = indexSettings.searchableAttributes;
export const ARTICLE_FACETS = [F.articlePersons, F.year, F.month, F.dateTs] as const;

export const A = {
  id: 'id',
  articleId: F.articleId,
  /** The content hash of the paragraphs it was built from, with ARTICLE_DOCUMENT_VERSION. */
  contentHash: F.contentHash,
  /**
   * False when a field could hold more than Meilisearch's 65 536 positions per attribute: the words past
   * them would not be indexed, so the Worker does not count from this index while such an article exists.
   */
  complete: 'complete',
} as const;

/** Bump when the same paragraphs give another article document, so the indexer rebuilds every one. */
export const ARTICLE_DOCUMENT_VERSION = 2;

export type ArticleDocument = {
  id: string;
  article_id: string;
  content_hash: string;
  complete: boolean;
} & Record<string, unknown>;

export const articleIndexSettings = {
  searchableAttributes: ARTICLE_SEARCHABLE,
  filterableAttributes: [F.articleId, ...ARTICLE_FACETS, A.complete, A.contentHash],
  displayedAttributes: [A.id, A.articleId, A.contentHash, A.complete],
  // The same matching and counting as the paragraph index, so its counts are the paragraph index's.
  faceting: indexSettings.faceting,
  typoTolerance: indexSettings.typoTolerance,
  pagination: indexSettings.pagination,
} as const;
