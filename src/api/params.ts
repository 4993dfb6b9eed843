/**
 * Request schemas: they validate every request, give typed parameters to the handlers, and generate
 * `/openapi.json`. Limits keep one request cheap: query length, persons, page depth.
 */
import { z } from 'zod';

export const LIMITS = {
  qLength: 200,
  persons: 10,
  personLength: 100,
  years: 20,
  perPage: 50,
  /** Deepest result reachable by paging: page * per_page. */
  maxDepth: 1000,
  idLength: 200,
} as const;

const partialDate = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'expected YYYY, YYYY-MM or YYYY-MM-DD',
  );

export const searchParams = z
  .object({
    q: z.string().trim().max(LIMITS.qLength, `at most ${LIMITS.qLength} characters`).default(''),
    person: z
      .array(z.string().trim().min(1).max(LIMITS.personLength))
      .max(LIMITS.persons, `at most ${LIMITS.persons} persons`)
      .default([]),
    person_mode: z.enum(['all', 'any']).default('all'),
    year: z
      .array(z.coerce.number().int().min(1000).max(9999))
      .max(LIMITS.years, `at most ${LIMITS.years} years`)
      .default([]),
    from: partialDate.optional(),
    to: partialDate.optional(),
    sort: z.enum(['relevance', 'newest', 'oldest']).default('relevance'),
    page: z.coerce.number().int().min(1).default(1),
    per_page: z.coerce.number().int().min(1).max(LIMITS.perPage).default(10),
    group: z.enum(['article', 'paragraph']).default('article'),
    article: z
      .string()
      .max(LIMITS.idLength)
      .optional()
      .describe('restrict to one article (paragraph mode: "more from this article")'),
  })
  .refine((p) => p.page * p.per_page <= LIMITS.maxDepth, {
    message: `page * per_page may not exceed ${LIMITS.maxDepth}`,
    path: ['page'],
  })
  .refine((p) => !(p.from && p.to && p.from > p.to && !p.to.startsWith(p.from)), {
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
  q: z.string().trim().max(LIMITS.personLength).default(''),
});

export const articleParams = z.object({
  id: z.string().min(1).max(LIMITS.idLength),
});

const facetValue = z.object({ value: z.string(), count: z.number().int(), selected: z.boolean() });

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
