/**
 * The indexer's one call for resolution across articles: the chunk documents of every article of a run,
 * with each one-part name ("Лавров") replaced by the one full name the run's articles give for it
 * (across-articles.ts). An article whose persons change gets a new content hash, so it is sent again.
 */
import { createHash } from 'node:crypto';
import { type ChunkDocument, personNameKeys } from '../../src/schema/chunk.ts';
import { resolveAcrossArticles } from './across-articles.ts';

const byName = (a: string, b: string) => a.localeCompare(b, 'ru');

/** Each article's documents with their persons resolved across all articles of `byArticle`. */
export function resolvePersonsAcrossIndex(
  byArticle: ReadonlyMap<string, ChunkDocument[]>,
): Map<string, ChunkDocument[]> {
  const ids = [...byArticle.keys()];
  const maps = resolveAcrossArticles(
    ids.map((id) => byArticle.get(id)?.[0]?.article_persons ?? []),
  );
  return new Map(
    ids.map((id, i) => {
      const documents = byArticle.get(id) as ChunkDocument[];
      const map = maps[i] as Map<string, string>;
      const resolve = (names: readonly string[]) =>
        [...new Set(names.map((n) => map.get(n) ?? n))].sort(byName);
      const before = documents[0]?.article_persons ?? [];
      const articlePersons = resolve(before);
      if (articlePersons.join('\n') === [...before].sort(byName).join('\n')) return [id, documents];
      return [
        id,
        documents.map((d) => ({
          ...d,
          persons: resolve(d.persons),
          article_persons: articlePersons,
          person_names: articlePersons.flatMap(personNameKeys),
          content_hash: createHash('sha256')
            .update(`${d.content_hash}\n${articlePersons.join('\n')}`)
            .digest('hex')
            .slice(0, 16),
        })),
      ];
    }),
  );
}
