/** `/openapi.json`, generated from the same zod schemas that validate requests. */
import { z } from 'zod';
import { multiSearchBody } from './multi-search.ts';
import {
  articleResponse,
  LIMITS,
  errorResponse,
  healthResponse,
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
const error = (description: string) => ({ description, content: json(errorResponse) });
/** The errors any route can answer, and the ones only engine-facing routes do. */
const EVERY_ROUTE = {
  405: error('Method not allowed (see the Allow header)'),
  414: error('URL too long (limit urlBytes)'),
  429: error('Rate limited (see Retry-After)'),
};
const ENGINE = {
  502: error('The search engine answered badly'),
  503: error('The search engine cannot be reached, or is busy (see Retry-After)'),
  504: error('The search engine did not answer in time'),
};
const BAD_REQUEST = { 400: error('Invalid parameters; the message names each one and the limit') };
const answers = (ok: Record<string, unknown>, ...more: Array<Record<string, unknown>>) =>
  Object.assign({ 200: ok }, ...more, EVERY_ROUTE);

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
          description:
            'An answer may come from the cache: `X-Cache` is HIT, MISS, or STALE (the engine failed and this is the last good answer).',
          parameters: queryParameters(searchParams),
          responses: answers(
            { description: 'Results', content: json(searchResponse) },
            BAD_REQUEST,
            ENGINE,
          ),
        },
      },
      '/api/persons': {
        get: {
          summary: 'Person facet values matching a prefix',
          parameters: queryParameters(personsParams),
          responses: answers(
            { description: 'Persons', content: json(personsResponse) },
            BAD_REQUEST,
            ENGINE,
          ),
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article, reassembled from its paragraphs',
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: { type: 'string', minLength: 1, maxLength: LIMITS.idLength },
            },
          ],
          responses: answers(
            { description: 'Article', content: json(articleResponse) },
            BAD_REQUEST,
            { 404: error('No such article') },
            ENGINE,
          ),
        },
      },
      '/api/health': {
        get: {
          summary: 'Whether the search engine answers',
          responses: answers(
            { description: 'Healthy', content: json(healthResponse) },
            {
              503: {
                description: 'Unavailable or busy',
                content: json(healthResponse.and(errorResponse)),
              },
            },
          ),
        },
      },
      '/multi-search': {
        post: {
          summary:
            'Meilisearch-compatible search-only proxy (fixed index, allow-listed parameters and fields)',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: z.toJSONSchema(multiSearchBody, { io: 'input', unrepresentable: 'any' }),
              },
            },
          },
          responses: answers(
            { description: 'Meilisearch multi-search answer, public fields only' },
            BAD_REQUEST,
            {
              413: error('Body too large (limit bodyBytes)'),
              415: error('The body is not sent as application/json'),
            },
            ENGINE,
          ),
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This document',
          responses: answers({ description: 'OpenAPI 3.1', content: { 'application/json': {} } }),
        },
      },
    },
  };
}
