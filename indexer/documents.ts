/**
 * From a raw article to its chunk documents: chunk, extract persons and dates, derive stable ids and
 * the content hash. Pure, given the morphology.
 */
import { createHash } from 'node:crypto';
import {
  chunkDocument,
  DOCUMENT_VERSION,
  personNameKeys,
  type ChunkDocument,
} from '../src/schema/chunk.ts';
import { stemText } from '../src/text/stem.ts';
import { chunkArticle } from './chunk.ts';
import { datesMentioned, parseArticleDate } from './dates.ts';
import type { Morphology } from './morphology.ts';
import { applyAlias, findPersons } from './persons.ts';
import type { RawArticle } from './sources.ts';

export interface BuildOptions {
  morphology: Morphology;
  aliases?: ReadonlyMap<string, string>;
}

export type BuildResult = { documents: ChunkDocument[]; warnings: string[] } | { error: string };

const SAFE_ID = /^[A-Za-z0-9_-]{1,480}$/;

function hash(value: string, length = 16): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

/** Article id: the given one, or one derived from where the article came from. */
export function articleIdOf(article: RawArticle): string {
  return article.id ?? `a${hash(article.source)}`;
}

/** Chunk id: stable for the same article and paragraph, and always in Meilisearch's id charset. */
export function chunkId(articleId: string, paragraph: number): string {
  return `${SAFE_ID.test(articleId) ? articleId : `h${hash(articleId)}`}_${paragraph}`;
}

export function contentHash(article: RawArticle): string {
  return hash(
    JSON.stringify([
      DOCUMENT_VERSION,
      article.title,
      article.date,
      article.text,
      article.url,
      [...article.persons].sort(),
    ]),
  );
}

export function buildDocuments(article: RawArticle, options: BuildOptions): BuildResult {
  const { morphology } = options;
  const aliases = options.aliases ?? new Map<string, string>();
  if (article.text.trim() === '') return { error: 'empty article (no text)' };
  const warnings: string[] = [];
  let date = null;
  if (article.date === null) warnings.push('no date: indexed without one');
  else {
    date = parseArticleDate(article.date);
    if (!date)
      return { error: `impossible date "${article.date}" (expected YYYY, YYYY-MM or YYYY-MM-DD)` };
  }
  const chunks = chunkArticle(article.text, (word) => morphology.isCommonWord(word));
  const given = article.persons.map((p) => applyAlias(p.trim(), aliases)).filter(Boolean);
  const found = findPersons(article.text, morphology, given).map((m) =>
    applyAlias(m.name, aliases),
  );
  const articlePersons = [...new Set([...given, ...found])].sort((a, b) =>
    a.localeCompare(b, 'ru'),
  );
  const articleId = articleIdOf(article);
  const hashOfContent = contentHash(article);
  const documents = chunks.map((chunk, paragraph): ChunkDocument => {
    const persons = [
      ...new Set(
        findPersons(chunk.text, morphology, articlePersons).map((m) => applyAlias(m.name, aliases)),
      ),
    ].filter((p) => articlePersons.includes(p));
    return chunkDocument.parse({
      id: chunkId(articleId, paragraph),
      article_id: articleId,
      paragraph,
      paragraphs: chunks.length,
      title: article.title,
      heading: chunk.heading,
      text: chunk.text,
      text_stem: stemText(chunk.text),
      persons: persons.sort((a, b) => a.localeCompare(b, 'ru')),
      article_persons: articlePersons,
      person_names: articlePersons.flatMap(personNameKeys),
      date: date?.date ?? null,
      date_ts: date?.date_ts ?? null,
      year: date?.year ?? null,
      month: date?.month ?? null,
      dates_mentioned: datesMentioned(chunk.text, date),
      url: article.url,
      source: article.source,
      content_hash: hashOfContent,
    });
  });
  return { documents, warnings };
}
