/** `/openapi.json`, generated from the same zod schemas that validate requests. */
import { z } from 'zod';
import {
  articleResponse,
  errorResponse,
  personsParams,
  personsResponse,
  searchParams,
  searchResponse,
} from './params.ts';

function queryParameters(schema: z.ZodType): Array<Record<string, unknown>> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
    ...(property.type === 'array' ? { style: 'form', explode: true } : {}),
  }));
}

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { unrepresentable: 'any' }) },
});
const errors = { description: 'Error', content: json(errorResponse) };

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'news-search',
      version: '0.1.0',
      description: 'Full-text search over Russian-language news, faceted by person and date.',
    },
    paths: {
      '/api/search': {
        get: {
          summary: 'Search paragraphs, grouped by article or not, with person/year/month facets',
          parameters: queryParameters(searchParams),
          responses: {
            200: { description: 'Results', content: json(searchResponse) },
            400: errors,
            429: errors,
            502: errors,
            503: errors,
            504: errors,
          },
        },
      },
      '/api/persons': {
        get: {
          summary: 'Person facet values matching a prefix',
          parameters: queryParameters(personsParams),
          responses: {
            200: { description: 'Persons', content: json(personsResponse) },
            400: errors,
          },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article, reassembled from its paragraphs',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 200 } },
          ],
          responses: {
            200: { description: 'Article', content: json(articleResponse) },
            404: errors,
          },
        },
      },
      '/api/health': {
        get: {
          summary: 'Whether the search engine answers',
          responses: { 200: { description: 'Healthy' }, 503: errors },
        },
      },
      '/multi-search': {
        post: {
          summary:
            'Meilisearch-compatible search-only proxy (fixed index, allow-listed parameters)',
          responses: { 200: { description: 'Meilisearch multi-search answer' }, 400: errors },
        },
      },
    },
  };
}
