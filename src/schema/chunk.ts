/**
 * The chunk document: one paragraph of one article, as stored in the Meilisearch index.
 * This module is the single place where its fields and the index settings are defined;
 * the indexer builds documents with it and the Worker queries with it.
 */
import { z } from 'zod';
import { FORM_MARK } from '../text/stem.ts';

/** `2022`, `2022-01` or `2022-01-07`: a date as precise as its source. */
export const partialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/);

export const chunkDocument = z.object({
  /** Stable: same article and same paragraph position give the same id. Meilisearch id charset. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,511}$/),
  article_id: z.string().min(1),
  /** 0-based position of this chunk in its article. */
  paragraph: z.number().int().nonnegative(),
  /** Number of chunks in the article. */
  paragraphs: z.number().int().positive(),
  title: z.string(),
  /** Section heading above this paragraph, or '' when there is none. */
  heading: z.string(),
  text: z.string().min(1),
  /**
   * Matching keys of the text's words, every form of each (see indexer/text-keys.ts), so any form typed
   * matches; the first paragraph's also hold the title's.
   */
  text_stem: z.string(),
  /** The text's words as written, marked (see exactKey), for the exact-forms search with typos. */
  text_forms: z.string(),
  /** Canonical names (`Имя Фамилия`) of people mentioned in this paragraph. */
  persons: z.array(z.string()),
  /** `persons` in Latin letters ("Kamchybek Tashiev"), so a name typed so finds the paragraph. */
  persons_latin: z.array(z.string()),
  /** Canonical names of people mentioned anywhere in the article, repeated on every chunk. */
  article_persons: z.array(z.string()),
  /** `article_persons` with each of their words first (see personNameKeys): facet search by surname. */
  person_names: z.array(z.string()),
  date: partialDate.nullable(),
  /** Unix seconds of the start of `date`. */
  date_ts: z.number().int().nullable(),
  year: z.number().int().nullable(),
  /** `YYYY-MM`, or null when the date is only a year. */
  month: z.string().nullable(),
  /** Dates written in the paragraph, resolved against the article date. */
  dates_mentioned: z.array(partialDate),
  url: z.string(),
  /**
   * Public: the name of the publication, only when the article gives one (JSON or front matter `source`,
   * HTML `og:site_name` or a JSON-LD publisher); absent otherwise. Never a file name, never identity.
   */
  source: z.string().min(1).optional(),
  /**
   * INTERNAL, never shown: the absolute path of the file the article was read from. Only `--prune` reads
   * it (an article is removed only when this file is under a path of that run and the article is gone).
   */
  origin: z.string(),
  /** Hash of the whole article's content; equal hashes mean the article is unchanged. */
  content_hash: z.string(),
});

export type ChunkDocument = z.infer<typeof chunkDocument>;
export type ChunkField = keyof ChunkDocument;

const field = <K extends ChunkField>(name: K): K => name;

/** Field names, so no other module spells them. */
export const F = {
  id: field('id'),
  articleId: field('article_id'),
  paragraph: field('paragraph'),
  paragraphs: field('paragraphs'),
  title: field('title'),
  heading: field('heading'),
  text: field('text'),
  textStem: field('text_stem'),
  textForms: field('text_forms'),
  persons: field('persons'),
  personsLatin: field('persons_latin'),
  articlePersons: field('article_persons'),
  personNames: field('person_names'),
  date: field('date'),
  dateTs: field('date_ts'),
  year: field('year'),
  month: field('month'),
  datesMentioned: field('dates_mentioned'),
  url: field('url'),
  source: field('source'),
  origin: field('origin'),
  contentHash: field('content_hash'),
} as const;

export const DEFAULT_INDEX = 'articles';
export const PRIMARY_KEY = F.id;

/** The Meilisearch settings the project relies on; the indexer applies them, the Worker assumes them. */
export const indexSettings = {
  // The title's keys and forms are in the first paragraph's `text_stem` and `text_forms` only, so a title
  // word does not make every paragraph of the article a hit (queries' Cyrillic words are marked: they
  // match those two fields only).
  searchableAttributes: [
    F.title,
    F.heading,
    F.text,
    F.persons,
    F.personsLatin,
    F.textStem,
    F.textForms,
  ],
  filterableAttributes: [
    F.articleId,
    F.persons,
    F.articlePersons,
    F.personNames,
    F.year,
    F.month,
    F.dateTs,
    F.datesMentioned,
    F.contentHash,
    F.source,
  ],
  sortableAttributes: [F.dateTs, F.paragraph],
  // Meilisearch's rules with `sort` moved up after `words`: sorted by date, the paragraphs holding every
  // query word come first, newest (or oldest) first, then those holding fewer. Without a sort the rule does
  // nothing, so ranking by relevance is Meilisearch's default.
  rankingRules: [
    'words',
    'sort',
    'typo',
    'proximity',
    'attributeRank',
    'wordPosition',
    'exactness',
  ],
  displayedAttributes: ['*'],
  faceting: { maxValuesPerFacet: 1000 },
  typoTolerance: {
    // Meilisearch's facet search counts bytes for its typo budget, so three Cyrillic letters already
    // allow a typo ("Таш" finds "Талант"): name lookup is by exact prefix. Keys are found as sent: a typo
    // of a stem is another stem ("старик", "старин").
    disableOnAttributes: [F.personNames, F.textStem],
    // Meilisearch's default sizes (5 and 9) plus the length of the mark on the forms typos are found in.
    minWordSizeForTypos: { oneTypo: 5 + FORM_MARK.length, twoTypos: 9 + FORM_MARK.length },
  },
  // Counts are exact, never capped (Meilisearch caps every count at maxTotalHits): src/search/counts.ts
  // compares them. How deep a client may page is the Worker's own limit (LIMITS.maxDepth).
  pagination: { maxTotalHits: 1_000_000_000 },
} as const;

/**
 * The keys a person is found by in `person_names`: the name with each of its words first, so that facet
 * search, which matches the start of a value, finds "Камчыбек Ташиев" from "Таш" ("Ташиев Камчыбек").
 * Every key is a rotation of the name, so the name is among the rotations of any of its keys.
 */
export function personNameKeys(name: string): string[] {
  const parts = name.split(' ');
  return parts.map((_, i) => [...parts.slice(i), ...parts.slice(0, i)].join(' '));
}
