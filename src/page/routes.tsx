/** The search page and the article view, server-rendered; plus their static assets. */
import { Hono, type Context } from 'hono';
import {
  queryObject,
  searchParams,
  type SearchParams,
  type SearchResponse,
} from '../api/params.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { getArticle, search } from '../search/service.ts';
import { stemQuery } from '../search/query.ts';
import { escapeHtml, markSnippet } from '../search/snippet.ts';
import { CSS, JS } from './assets.ts';
import { ArticlePage, EMPTY_PARAMS, SearchPage, pageUrl } from './view.tsx';

export const page = new Hono<AppEnv>();

const YEAR = 'public, max-age=31536000, immutable';

page.get('/assets/app.css', (c) =>
  c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': YEAR }),
);
page.get('/assets/app.js', (c) =>
  c.body(JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': YEAR }),
);

/** A message a reader can act on, for an error from the API layer. */
function readable(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 400) return `Запрос не понят: ${error.message}`;
    if (error.status === 429)
      return 'Слишком много запросов. Подождите несколько секунд и попробуйте снова.';
    if (error.status === 404) return 'Такой страницы нет. Вернитесь к поиску.';
    if (error.status < 500) return 'Такой запрос страница не принимает. Вернитесь к поиску.';
    return 'Поиск сейчас недоступен. Попробуйте ещё раз через минуту.';
  }
  return 'Что-то пошло не так. Попробуйте ещё раз.';
}

page.get('/', async (c) => {
  const parsed = searchParams.safeParse(queryObject(new URL(c.req.url)));
  const params: SearchParams = parsed.success ? parsed.data : EMPTY_PARAMS;
  let result: SearchResponse | undefined;
  let error: string | undefined;
  if (!parsed.success)
    error = `Запрос не понят: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  else {
    try {
      result = await search(c.env, params);
    } catch (e) {
      error = readable(e);
    }
  }
  const status = error ? (parsed.success ? 503 : 400) : 200;
  return c.html(<SearchPage params={params} result={result} error={error} />, status);
});

page.get('/articles/:id', async (c) => {
  const id = c.req.param('id');
  const q = (c.req.query('q') ?? '').slice(0, 200);
  const focus = Number.parseInt(c.req.query('p') ?? '', 10);
  // An engine failure is not a deleted article: it reaches the app's error page (503), not this 404.
  const article = id.length <= 200 ? await getArticle(c.env, id) : null;
  if (!article) {
    return c.html(
      <SearchPage
        params={{ ...EMPTY_PARAMS, q }}
        error="Такой статьи нет: возможно, её удалили из индекса. Вернитесь к поиску."
      />,
      404,
    );
  }
  const stems = q ? stemQuery(`${q} `).stems : null;
  const marked = (text: string) => (stems ? markSnippet(text, stems) : escapeHtml(text));
  return c.html(
    <ArticlePage
      article={article}
      focus={Number.isNaN(focus) ? null : focus}
      marked={marked}
      backUrl={pageUrl({ ...EMPTY_PARAMS, q })}
    />,
  );
});

/** The page's answer to an error the app caught (429, 5xx, 404, 405): the search page, in Russian. */
export function errorPage(c: Context<AppEnv>, error: ApiError): Response | Promise<Response> {
  return c.html(<SearchPage params={EMPTY_PARAMS} error={readable(error)} />, error.status);
}
