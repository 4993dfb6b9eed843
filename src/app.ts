/**
 * The Worker's Hono app: middleware (errors, CORS, rate limit, timing), the JSON API, the
 * Meilisearch-compatible /multi-search proxy and the search page.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { z } from 'zod';
import { articleParams, personsParams, queryObject, searchParams } from './api/params.ts';
import { openApiDocument } from './api/openapi.ts';
import { proxyMultiSearch } from './api/multi-search.ts';
import { cached } from './cache.ts';
import type { AppEnv } from './env.ts';
import { ApiError, fromMeilisearch } from './errors.ts';
import { indexName, meiliClient } from './meili.ts';
import { getArticle, search, suggestPersons } from './search/service.ts';
import { page } from './page/routes.tsx';

/** Validate a query string (or params) against a schema; a 400 with every problem named otherwise. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const message = result.error.issues
      .map((i) => `${i.path.join('.') || 'request'}: ${i.message}`)
      .join('; ');
    throw new ApiError(400, 'invalid_parameter', message);
  }
  return result.data;
}

export const app = new Hono<AppEnv>();

app.onError((error, c) => {
  const apiError = error instanceof ApiError ? error : fromMeilisearch(error);
  if (!(error instanceof ApiError))
    console.error('unexpected error', error instanceof Error ? error.message : 'unknown');
  return c.json(apiError.body(), apiError.status);
});
app.notFound((c) =>
  c.json(
    new ApiError(
      404,
      'not_found',
      `No route for ${c.req.method} ${new URL(c.req.url).pathname}`,
    ).body(),
    404,
  ),
);

/** CORS for the origins listed in CORS_ORIGINS (comma-separated, or `*`); none by default. */
function corsFromEnv(options: {
  allowMethods: string[];
  allowHeaders?: string[];
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origins = (c.env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    return cors({ origin: origins.includes('*') ? '*' : origins, maxAge: 600, ...options })(
      c,
      next,
    );
  };
}

app.use('/api/*', corsFromEnv({ allowMethods: ['GET', 'OPTIONS'] }));
app.use(
  '/multi-search',
  corsFromEnv({
    allowMethods: ['POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-Meilisearch-Client'],
  }),
);

/** Rate limit by client address with the Workers rate-limiting binding, when it is bound. */
app.use('*', async (c, next) => {
  const limiter = c.env.RATE_LIMITER;
  if (limiter && c.req.method !== 'OPTIONS') {
    const key = c.req.header('cf-connecting-ip') ?? 'unknown';
    const { success } = await limiter.limit({ key });
    if (!success) {
      c.header('Retry-After', '10');
      throw new ApiError(
        429,
        'rate_limited',
        'Too many requests: slow down and try again in a few seconds.',
      );
    }
  }
  await next();
});

/** Server-Timing: total time in the Worker, for clients and benchmarks. */
app.use('*', async (c, next) => {
  const started = Date.now();
  await next();
  c.res.headers.append('Server-Timing', `worker;dur=${Date.now() - started}`);
});

const api = new Hono<AppEnv>();

api.get('/search', (c) =>
  cached(c, async () => search(c.env, parse(searchParams, queryObject(new URL(c.req.url))))),
);
api.get('/persons', (c) =>
  cached(c, async () => ({
    persons: await suggestPersons(c.env, parse(personsParams, queryObject(new URL(c.req.url))).q),
  })),
);
api.get('/articles/:id', (c) =>
  cached(c, async () => {
    const { id } = parse(articleParams, { id: c.req.param('id') });
    const article = await getArticle(c.env, id);
    if (!article) throw new ApiError(404, 'article_not_found', `No article with id "${id}".`);
    return article;
  }),
);
api.get('/health', async (c: Context<AppEnv>) => {
  try {
    await meiliClient(c.env).index(indexName(c.env)).search('', { limit: 0 });
    return c.json({ status: 'ok', index: indexName(c.env) });
  } catch (error) {
    const apiError = fromMeilisearch(error);
    return c.json({ status: 'unavailable', ...apiError.body() }, 503);
  }
});

app.route('/api', api);
app.post('/multi-search', (c) => proxyMultiSearch(c));
app.get('/openapi.json', (c) => c.json(openApiDocument()));
app.route('/', page);
