/**
 * The indexer's one call for resolution across the index: each one-part name ("Лавров") of the run's
 * articles and of the articles indexed in earlier runs becomes the one full name that any of them gives
 * for it (across-articles.ts), whichever came first. An article whose persons change gets a new content
 * hash, so it is sent again.
 */
import { createHash } from 'node:crypto';
import { type ChunkDocument, personNameKeys } from '../../src/schema/chunk.ts';
import { latinNames } from '../text-keys.ts';
import { resolveAcrossArticles } from './across-articles.ts';

const byName = (a: string, b: string) => a.localeCompare(b, 'ru');

/** What resolution changes in a chunk document: all a partial update of an indexed one needs. */
export type PersonFields = Pick<
  ChunkDocument,
  'id' | 'persons' | 'persons_latin' | 'article_persons' | 'person_names' | 'content_hash'
>;

export interface IndexResolution {
  /** The run's articles: their documents, resolved. */
  articles: Map<string, ChunkDocument[]>;
  /** Articles indexed earlier and not in this run whose names now resolve: each name to its new name. */
  indexed: Map<string, Map<string, string>>;
}

/**
 * The documents of one article with its names mapped by `map`, or undefined when nothing changes. The new
 * content hash depends only on the hash before and the resolved names, so an article resolved in the run
 * that indexes it and one rewritten in the index later get the same hash (and the next run skips it).
 */
export function withResolvedPersons<T extends PersonFields>(
  documents: readonly T[],
  map: ReadonlyMap<string, string>,
): T[] | undefined {
  const resolve = (names: readonly string[]) =>
    [...new Set(names.map((n) => map.get(n) ?? n))].sort(byName);
  const before = documents[0]?.article_persons ?? [];
  const articlePersons = resolve(before);
  if (articlePersons.join('\n') === [...before].sort(byName).join('\n')) return undefined;
  return documents.map((d) => ({
    ...d,
    persons: resolve(d.persons),
    persons_latin: latinNames(resolve(d.persons)),
    article_persons: articlePersons,
    person_names: articlePersons.flatMap(personNameKeys),
    content_hash: createHash('sha256')
      .update(`${d.content_hash}\n${articlePersons.join('\n')}`)
      .digest('hex')
      .slice(0, 16),
  }));
}

/**
 * The run's articles (`byArticle`) resolved against each other and against the articles the index holds
 * from earlier runs (`indexed`: each one's `article_persons`), and which of those indexed ones change.
 */
export function resolvePersonsAcrossIndex(
  byArticle: ReadonlyMap<string, ChunkDocument[]>,
  indexed: ReadonlyMap<string, readonly string[]> = new Map(),
): IndexResolution {
  const runIds = [...byArticle.keys()];
  const indexedIds = [...indexed.keys()].filter((id) => !byArticle.has(id));
  const maps = resolveAcrossArticles([
    ...runIds.map((id) => byArticle.get(id)?.[0]?.article_persons ?? []),
    ...indexedIds.map((id) => indexed.get(id) ?? []),
  ]);
  const articles = new Map(
    runIds.map((id, i) => {
      const documents = byArticle.get(id) as ChunkDocument[];
      return [id, withResolvedPersons(documents, maps[i] as Map<string, string>) ?? documents];
    }),
  );
  const changed = new Map<string, Map<string, string>>();
  for (const [i, id] of indexedIds.entries()) {
    const map = maps[runIds.length + i] as Map<string, string>;
    if ([...map].some(([name, full]) => name !== full)) changed.set(id, map);
  }
  return { articles, indexed: changed };
}
