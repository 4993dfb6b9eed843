/**
 * The Worker's Hono app: middleware (timing, security headers, cost limits, 405, CORS, rate limit, load
 * shedding), the JSON API, the Meilisearch-compatible /multi-search proxy and the search page.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import { timing } from 'hono/timing';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { multiSearch, multiSearchBody } from './api/multi-search.ts';
import { openApiDocument } from './api/openapi.ts';
import { LIMITS, articleParams, personsParams, queryObject, searchParams } from './api/params.ts';
import { shedLoad, withEngineSlot } from './api/shed.ts';
import { cached } from './cache.ts';
import type { AppEnv } from './env.ts';
import { ApiError, type ErrorStatus, fromMeilisearch } from './errors.ts';
import { indexName, meiliClient } from './meili.ts';
import { errorPage, page } from './page/routes.tsx';
import { getArticle, search, suggestPersons } from './search/service.ts';

/** Validate input against a schema; a 400 with every problem named otherwise. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const message = result.error.issues
      .map((i) => `${i.path.join('.') || 'request'}: ${i.message}`)
      .join('; ');
    throw new ApiError(400, 'invalid_parameter', message, { cause: result.error });
  }
  return result.data;
}

/** Validation middleware for a query string: repeatable keys read as arrays (see queryObject). */
const query = <T extends z.ZodType>(schema: T) =>
  validator('query', (_value, c) => parse(schema, queryObject(new URL(c.req.url))));

/** The routes that answer JSON; everything else is the page, which answers errors in HTML. */
const isApi = (path: string): boolean => /^\/(api(\/|$)|multi-search$|openapi\.json$)/.test(path);

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    // Hono's own middleware (the JSON validator): a client mistake.
    return new ApiError(error.status as ErrorStatus, 'invalid_request', error.message, {
      cause: error,
    });
  }
  return fromMeilisearch(error);
}

function answerError(c: Context<AppEnv>, error: ApiError): Response | Promise<Response> {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return isApi(c.req.path) ? c.json(error.body(), error.status) : errorPage(c, error);
}

export const app = new Hono<AppEnv>();

app.onError((error, c) => {
  const apiError = toApiError(error);
  if (apiError.status >= 500) {
    const cause = apiError.cause instanceof Error ? apiError.cause.message : '';
    console.error(`${apiError.status} ${apiError.code}: ${cause}`);
  }
  return answerError(c, apiError);
});
app.notFound((c) =>
  answerError(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`)),
);

app.use(timing({ totalDescription: 'time in the Worker' }));

/**
 * Security headers on every answer. The page loads its script and stylesheet from its own origin and
 * nothing else, so the CSP allows exactly that (and the empty `data:` favicon).
 */
app.use(
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
  }),
);

/** The cost limit every route shares: the URL's length. */
app.use(async (c, next) => {
  if (c.req.url.length > LIMITS.urlBytes)
    throw new ApiError(
      414,
      'url_too_long',
      `limit urlBytes: the URL has ${c.req.url.length} bytes, at most ${LIMITS.urlBytes}`,
    );
  await next();
});

app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) =>
      answerError(
        c,
        new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed here`, {
          headers: { Allow: methods.join(', ') },
        }),
      ),
  }),
);

/** CORS for the origins listed in CORS_ORIGINS (comma-separated, or `*`); none by default. */
function corsFromEnv(allowMethods: string[], allowHeaders?: string[]) {
  return cors({
    origin: (origin, c: Context<AppEnv>) => {
      const origins = (c.env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim());
      return origins.includes('*') ? '*' : origins.includes(origin) ? origin : null;
    },
    allowMethods,
    ...(allowHeaders ? { allowHeaders } : {}),
    maxAge: 600,
  });
}
app.use('/api/*', corsFromEnv(['GET', 'HEAD', 'OPTIONS']));
app.use(
  '/multi-search',
  corsFromEnv(['POST', 'OPTIONS'], ['Content-Type', 'Authorization', 'X-Meilisearch-Client']),
);

/**
 * Rate limit per client with the Workers rate-limiting binding, where it is bound and Cloudflare's edge
 * vouches for the client's address (TRUST_CF_CONNECTING_IP). Elsewhere (`wrangler dev`) any client
 * could write CF-Connecting-IP, and one budget shared by all would let one client lock everyone out:
 * there only load shedding (api/shed.ts) protects the engine.
 */
app.use(async (c, next) => {
  const limiter = c.env.RATE_LIMITER;
  const client = c.req.header('cf-connecting-ip');
  if (limiter && client && c.env.TRUST_CF_CONNECTING_IP === 'true' && c.req.method !== 'OPTIONS') {
    const { success } = await limiter.limit({ key: client });
    if (!success)
      throw new ApiError(
        429,
        'rate_limited',
        'Too many requests: slow down and try again in a few seconds.',
        { headers: { 'Retry-After': '10' } },
      );
  }
  await next();
});

// Routes that reach the engine on every request take a slot (load shedding, api/shed.ts); the cached
// routes (the API's and the search page) take one only when they compute (cache.ts).
for (const path of ['/multi-search', '/articles/*']) app.use(path, shedLoad);

const api = new Hono<AppEnv>();

api.get('/search', query(searchParams), (c) => {
  const params = c.req.valid('query');
  return cached(c, params, () => search(c.env, params, c.req.raw.signal));
});
api.get('/persons', query(personsParams), (c) => {
  const params = c.req.valid('query');
  return cached(c, params, async () => ({
    persons: await suggestPersons(c.env, params.q, c.req.raw.signal),
  }));
});
api.get(
  '/articles/:id',
  validator('param', (value) => parse(articleParams, value)),
  (c) => {
    const { id } = c.req.valid('param');
    return cached(c, {}, async () => {
      const article = await getArticle(c.env, id, c.req.raw.signal);
      if (!article) throw new ApiError(404, 'article_not_found', `No article with id "${id}".`);
      return article;
    });
  },
);
api.get('/health', async (c) => {
  try {
    // In a slot like every engine call: a flood of health checks is shed, not passed on to the engine.
    await withEngineSlot(c.env, () =>
      meiliClient(c.env, c.req.raw.signal).index(indexName(c.env)).search('', { limit: 0 }),
    );
    return c.json({ status: 'ok', index: indexName(c.env) });
  } catch (error) {
    const apiError = fromMeilisearch(error);
    return c.json({ status: 'unavailable', ...apiError.body() }, 503, apiError.headers);
  }
});

app.route('/api', api);
app.post(
  '/multi-search',
  bodyLimit({
    maxSize: LIMITS.bodyBytes,
    onError: () => {
      throw new ApiError(
        413,
        'body_too_large',
        `limit bodyBytes: at most ${LIMITS.bodyBytes} bytes`,
      );
    },
  }),
  async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      throw new ApiError(
        415,
        'unsupported_media_type',
        `The body must be sent as Content-Type: application/json (not "${type || 'none'}").`,
      );
    await next();
  },
  validator('json', (value) => parse(multiSearchBody, value)),
  async (c) => c.json(await multiSearch(c.env, c.req.valid('json'), c.req.raw.signal)),
);
app.get('/openapi.json', (c) => c.json(openApiDocument()));
app.route('/', page);
