/**
 * What may leave the Worker, on every route: the chunk fields a client may see, filter on, facet on,
 * sort and group by. Anything else in the index (the file path `origin`, hashes, stemmed copies, lookup keys, and
 * whatever field is added later) is internal until it is listed here.
 */
import { F, type ChunkDocument } from '../schema/chunk.ts';

/** Fields a client may retrieve (and so highlight, crop and see match positions of). */
export const PUBLIC_FIELDS = [
  F.id,
  F.articleId,
  F.paragraph,
  F.paragraphs,
  F.title,
  F.heading,
  F.text,
  F.persons,
  F.articlePersons,
  F.date,
  F.dateTs,
  F.year,
  F.month,
  F.datesMentioned,
  F.url,
  F.source,
] as const satisfies ReadonlyArray<keyof ChunkDocument>;

/** Fields a client may filter on and ask facet counts for. */
export const PUBLIC_FACETS = [
  F.articleId,
  F.persons,
  F.articlePersons,
  F.year,
  F.month,
  F.dateTs,
  F.datesMentioned,
] as const;

/** `sort` values a client may send. */
export const PUBLIC_SORTS = [F.dateTs, F.paragraph].flatMap((f) => [`${f}:asc`, `${f}:desc`]);

/** The one attribute a client may group by. */
export const PUBLIC_DISTINCT = F.articleId;

export type PublicField = (typeof PUBLIC_FIELDS)[number];
export type PublicHit = Partial<Pick<ChunkDocument, PublicField>>;

const fields = new Set<string>(PUBLIC_FIELDS);
const facets = new Set<string>(PUBLIC_FACETS);

export const isPublicField = (name: string): boolean => fields.has(name);
export const isPublicFacet = (name: string): boolean => facets.has(name);

/** Index fields that are not public: named in no message that leaves the Worker. */
export const INTERNAL_FIELDS = Object.values(F).filter((f) => !fields.has(f));

/** Only the keys of `record` that `keep` accepts. */
export function pick<T>(
  record: Record<string, T>,
  keep: (key: string) => boolean,
): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keep(key)));
}
