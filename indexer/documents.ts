/**
 * From a raw article to its chunk documents: chunk, extract persons and dates, derive stable ids and
 * the content hash. Pure, given the morphology.
 */
import { createHash } from 'node:crypto';
import { chunkDocument, personNameKeys, type ChunkDocument } from '../src/schema/chunk.ts';
import { chunkArticle, MAX_CHUNK_CHARS } from './chunk.ts';
import { datesMentioned, parseArticleDate } from './dates.ts';
import type { Morphology } from './morphology.ts';
import { applyAlias, findPersons } from './persons.ts';
import type { ProblemKind } from './problems.ts';
import { latinNames, textForms, textKeys } from './text-keys.ts';
import type { RawArticle } from './sources.ts';

export interface BuildOptions {
  morphology: Morphology;
  aliases?: ReadonlyMap<string, string>;
  /** The longest chunk, in characters (MAX_CHUNK_CHARS by default). */
  maxChunkChars?: number;
}

export interface BuildWarning {
  kind: ProblemKind;
  reason: string;
}

export type BuildResult =
  | { documents: ChunkDocument[]; warnings: BuildWarning[] }
  | { error: BuildWarning };

/** Titles are repeated on every chunk: a longer one is cut (and said so). */
const MAX_TITLE_CHARS = 300;

const SAFE_ID = /^[A-Za-z0-9_-]{1,480}$/;

function hash(value: string, length = 16): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

/**
 * Article id: the given one, or derived from the file (absolute) and line it came from, never from the
 * displayable `source`. Derived ids are lower-case hex, so they cannot collide by letter case.
 */
export function articleIdOf(article: Pick<RawArticle, 'id' | 'origin' | 'line'>): string {
  return article.id ?? `a${hash(`${article.origin}${article.line ? `:${article.line}` : ''}`)}`;
}

/**
 * The key under which two ids are the same article for Meilisearch's filters, which compare strings
 * case-insensitively after compatibility decomposition (milli's normalize_facet).
 */
export const idCollisionKey = (id: string): string => id.trim().normalize('NFKD').toLowerCase();

/** Chunk id: stable for the same article and paragraph, and always in Meilisearch's id charset. */
export function chunkId(articleId: string, paragraph: number): string {
  return `${SAFE_ID.test(articleId) ? articleId : `h${hash(articleId)}`}_${paragraph}`;
}

/**
 * The content hash: of the documents themselves, not of what they are made from, so that any change to
 * them (the text, a setting, a new rule of the chunker or of person extraction, a new field) gives a new
 * hash and the next run rewrites exactly the articles it changed. No version to remember to bump.
 */
function documentsHash(documents: ChunkDocument[]): string {
  return hash(JSON.stringify(documents.map(({ content_hash: _, ...rest }) => rest)));
}

export function buildDocuments(article: RawArticle, options: BuildOptions): BuildResult {
  const { morphology } = options;
  const aliases = options.aliases ?? new Map<string, string>();
  if (article.text.trim() === '')
    return { error: { kind: 'empty-text', reason: 'empty article (no text)' } };
  const maxChars = options.maxChunkChars ?? MAX_CHUNK_CHARS;
  const warnings: BuildWarning[] = [];
  const date = article.date === null ? null : parseArticleDate(article.date);
  if (article.date === null)
    warnings.push({ kind: 'no-date', reason: 'no date: indexed without one' });
  else if (!date)
    warnings.push({
      kind: 'impossible-date',
      reason: `impossible date "${article.date}" (expected YYYY, YYYY-MM or YYYY-MM-DD): indexed without a date`,
    });
  const chunks = chunkArticle(article.text, morphology, {
    maxChars,
    ...(article.headings ? { headings: article.headings } : {}),
    ...(article.flattened ? { flattened: true } : {}),
  });
  // A flattened article (the seed format) has no title of its own, only its first sentence: the inline
  // heading it opens with, when it opens with one, is the better title.
  const opening = chunks[0]?.startsWithHeading ? chunks[0].heading : '';
  let title = article.flattened && opening ? opening : article.title;
  if (title.length > MAX_TITLE_CHARS) {
    title = `${title.slice(0, MAX_TITLE_CHARS - 1)}…`;
    warnings.push({
      kind: 'long-title',
      reason: `title of ${title.length} characters cut to ${MAX_TITLE_CHARS}`,
    });
  }
  const given = article.persons.map((p) => applyAlias(p.trim(), aliases)).filter(Boolean);
  const found = findPersons(article.text, morphology, given).map((m) =>
    applyAlias(m.name, aliases),
  );
  const articlePersons = [...new Set([...given, ...found])].sort((a, b) =>
    a.localeCompare(b, 'ru'),
  );
  const articleId = articleIdOf(article);
  const documents = chunks.map((chunk, paragraph): ChunkDocument => {
    const persons = [
      ...new Set(
        findPersons(chunk.text, morphology, articlePersons).map((m) => applyAlias(m.name, aliases)),
      ),
    ].filter((p) => articlePersons.includes(p));
    // What the paragraph is matched by: its text and the heading of its section; the title through the
    // first paragraph only, so that a title word does not make every paragraph of the article a hit.
    const matched = [paragraph === 0 ? title : '', chunk.heading, chunk.text]
      .filter(Boolean)
      .join('\n');
    return chunkDocument.parse({
      id: chunkId(articleId, paragraph),
      article_id: articleId,
      paragraph,
      paragraphs: chunks.length,
      title,
      heading: chunk.heading,
      text: chunk.text,
      text_stem: textKeys(matched, morphology),
      text_forms: textForms(matched),
      persons: persons.sort((a, b) => a.localeCompare(b, 'ru')),
      persons_latin: latinNames(persons),
      article_persons: articlePersons,
      person_names: articlePersons.flatMap(personNameKeys),
      date: date?.date ?? null,
      date_ts: date?.date_ts ?? null,
      year: date?.year ?? null,
      month: date?.month ?? null,
      dates_mentioned: datesMentioned(chunk.text, date),
      url: article.url,
      ...(article.source ? { source: article.source } : {}),
      origin: article.origin,
      content_hash: '',
    });
  });
  const contentHash = documentsHash(documents);
  for (const document of documents) document.content_hash = contentHash;
  return { documents, warnings };
}
