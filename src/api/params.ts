/**
 * Request schemas: they validate every request, give typed parameters to the handlers, and generate
 * `/openapi.json`. Limits keep one request cheap, on every route: sizes, counts, page depth.
 */
import { z } from 'zod';
import { periodBounds } from '../search/filters.ts';
import { PUBLIC_FACETS } from './public.ts';

/** Every cost limit of the public edge, each named in the 4xx answer that enforces it. */
export const LIMITS = {
  qLength: 200,
  persons: 10,
  personLength: 100,
  years: 20,
  perPage: 50,
  /** Deepest result reachable by paging: page * per_page (offset + limit in /multi-search). */
  maxDepth: 1000,
  idLength: 200,
  /** Longest request URL, in bytes. */
  urlBytes: 4096,
  /** Largest /multi-search body, in bytes. */
  bodyBytes: 32 * 1024,
  /** Searches in one /multi-search call. */
  queries: 10,
  /**
   * Results all the searches of one /multi-search call reach together (offset + limit, or page *
   * hitsPerPage, summed): what the engine ranks and formats for one call, so ten deep pages are not ten
   * times the cost of one.
   */
  callDepth: 1000,
  /** Conditions in one search's filter (each value of an `IN [...]` list counts). */
  filterClauses: 50,
  /** Nesting of one filter: parentheses and NOT. */
  filterDepth: 5,
  /** Characters of one filter expression. */
  filterLength: 2000,
  /** Facet names in one /multi-search search (each public facet once, or `*`). */
  facets: PUBLIC_FACETS.length + 1,
  /** Sort rules in one /multi-search search. */
  sorts: 2,
} as const;

/** The message of a 400 for going past `LIMITS[name]`: it names the limit. */
export const overLimit = (name: keyof typeof LIMITS, what = ''): string =>
  `limit ${name}: at most ${LIMITS[name]}${what && ` ${what}`}`;

/**
 * A decimal integer as written by people: no sign, no leading zeros, no hex, exponent or spaces. `limit`
 * names the LIMITS entry its maximum is.
 */
const integer = (min: number, max: number, limit?: keyof typeof LIMITS) =>
  z
    .string()
    .regex(/^(0|[1-9]\d{0,8})$/, 'expected a whole number written in decimal digits')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min)
        .max(max, limit ? overLimit(limit) : undefined),
    )
    // Documented as what it is: an integer in a query string.
    .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined });

/** Whether `YYYY`, `YYYY-MM` or `YYYY-MM-DD` names a real period (no 2022-02-30). */
function realDate(value: string): boolean {
  const [y, m = 1, d = 1] = value.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const partialDate = z
  .string()
  .regex(
    /^[1-9]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'expected YYYY, YYYY-MM or YYYY-MM-DD (years 1000-9999)',
  )
  .refine(realDate, 'no such date');

export const searchParams = z
  .object({
    q: z.string().trim().max(LIMITS.qLength, overLimit('qLength', 'characters')).default(''),
    person: z
      .array(
        z.string().trim().min(1).max(LIMITS.personLength, overLimit('personLength', 'characters')),
      )
      .max(LIMITS.persons, overLimit('persons', 'persons'))
      .default([]),
    person_mode: z.enum(['all', 'any']).default('all'),
    year: z.array(integer(1000, 9999)).max(LIMITS.years, overLimit('years', 'years')).default([]),
    from: partialDate.optional(),
    to: partialDate.optional().describe('not before `from`'),
    sort: z.enum(['relevance', 'newest', 'oldest']).default('relevance'),
    page: integer(1, LIMITS.maxDepth, 'maxDepth').default(1),
    per_page: integer(1, LIMITS.perPage, 'perPage').default(10),
    group: z.enum(['article', 'paragraph']).default('article'),
    article: z
      .string()
      .max(LIMITS.idLength, overLimit('idLength', 'characters'))
      .optional()
      .describe('restrict to one article (paragraph mode: "more from this article")'),
  })
  .refine((p) => p.page * p.per_page <= LIMITS.maxDepth, {
    message: `limit maxDepth: page * per_page may not exceed ${LIMITS.maxDepth}`,
    path: ['page'],
  })
  .refine((p) => !(p.from && p.to && periodBounds(p.from).start >= periodBounds(p.to).end), {
    message: '`from` is after `to`',
    path: ['from'],
  });

export type SearchParams = z.output<typeof searchParams>;

/** Parameters that may repeat in a query string, and so are always read as arrays. */
export const REPEATABLE = new Set(['person', 'year']);

/** A query string as the object the schemas expect: repeatable keys as arrays, others as their first value. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    if (REPEATABLE.has(key)) ((out[key] ??= []) as string[]).push(value);
    else if (!(key in out)) out[key] = value;
  }
  return out;
}

export const personsParams = z.object({
  q: z
    .string()
    .trim()
    .max(LIMITS.personLength, overLimit('personLength', 'characters'))
    .default(''),
});

export const articleParams = z.object({
  id: z.string().min(1).max(LIMITS.idLength, overLimit('idLength', 'characters')),
});

/** The article view's query, from a result link: the search to mark (`q`), the paragraph to open at (`p`). */
export const articleViewParams = z.object({
  q: z.string().trim().max(LIMITS.qLength, overLimit('qLength', 'characters')).default(''),
  p: integer(0, 999_999_999).optional(),
});

const facetValue = z.object({
  value: z.string(),
  count: z.number().int(),
  selected: z.boolean(),
  label: z
    .string()
    .optional()
    .describe(
      'the name to show when it is not `value`: the full name a surname chosen alone stands for',
    ),
});

/** The publication's name, present only when the article gives one. */
const SOURCE = z
  .string()
  .optional()
  .describe("the publication's name, only when the article gives one");

export const searchResponse = z.object({
  query: z.string(),
  page: z.number().int(),
  perPage: z.number().int(),
  totalHits: z.number().int(),
  totalPages: z.number().int(),
  processingTimeMs: z.number(),
  hits: z.array(
    z.object({
      id: z.string(),
      articleId: z.string(),
      title: z.string(),
      date: z.string().nullable(),
      url: z.string(),
      source: SOURCE,
      paragraph: z.number().int(),
      heading: z.string(),
      snippet: z.string().describe('HTML-escaped text with matches in <mark>'),
      persons: z.array(z.string()),
    }),
  ),
  facets: z.object({
    person: z.array(facetValue),
    year: z.array(facetValue),
    month: z.array(facetValue),
  }),
});

export type SearchResponse = z.output<typeof searchResponse>;

export const articleResponse = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  url: z.string(),
  source: SOURCE,
  persons: z.array(z.string()),
  paragraphs: z.array(
    z.object({
      paragraph: z.number().int(),
      heading: z.string(),
      text: z.string(),
      persons: z.array(z.string()),
    }),
  ),
});

export type Article = z.output<typeof articleResponse>;

export const personsResponse = z.object({
  persons: z.array(z.object({ value: z.string(), count: z.number().int() })),
});

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export const healthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  index: z.string().optional(),
});
