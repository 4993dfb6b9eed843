/** The search page and the article view, server-rendered; plus their static assets. */
import { Hono, type Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import {
  articleParams,
  articleViewParams,
  queryObject,
  searchParams,
  type SearchResponse,
} from '../api/params.ts';
import { withEngineSlot } from '../api/shed.ts';
import { cachedValue } from '../cache.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { articleChunks, articleOf, matchingParagraphs, search } from '../search/service.ts';
import { stemQuery } from '../search/query.ts';
import { escapeHtml, markSnippet, withLatinNames } from '../search/snippet.ts';
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

/** Said above results the cache kept when the engine fails. */
const STALE_RESULTS =
  'Поиск сейчас недоступен: показаны сохранённые результаты, они могут быть устаревшими.';

/** The page's words for the API's parameters, to say in Russian which one was not understood. */
const PARAM_NAMES: Record<string, string> = {
  q: 'запрос',
  person: 'люди',
  person_mode: 'режим выбора людей',
  year: 'год',
  from: 'начало периода',
  to: 'конец периода',
  sort: 'порядок',
  page: 'номер страницы',
  per_page: 'число результатов на странице',
  group: 'группировка',
  article: 'статья',
  p: 'абзац',
};

/** Zod's issues as one Russian sentence; the two cross-field rules get their own words. */
export function russianIssues(issues: z.core.$ZodIssue[]): string {
  const said = issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    if (issue.code === 'custom' && name === 'from') return 'начало периода позже конца';
    if (issue.code === 'custom' && name === 'page') return 'так далеко результаты не листаются';
    return `неверно указано: ${PARAM_NAMES[name] ?? name}`;
  });
  return `Запрос не понят: ${[...new Set(said)].join('; ')}.`;
}

/** The period picker's fields: a month by name (`fm`, `tm`: `01`-`12`) and a year typed (`fy`, `ty`). */
const PICKER = { from: ['fm', 'fy'], to: ['tm', 'ty'] } as const;
/** Only for the page without JavaScript: the text typed in the person list's filter box. */
const PERSON_FILTER = 'pf';

/**
 * A form sent without JavaScript carries the picker's fields; they become `from`/`to` (a year alone is
 * the whole year), and the page redirects to the canonical URL. Null when there is nothing to fold.
 */
export function foldPicker(query: URLSearchParams): URLSearchParams | null {
  const keys = [...PICKER.from, ...PICKER.to];
  if (!keys.some((k) => query.has(k))) return null;
  const folded = new URLSearchParams(query);
  for (const k of keys) folded.delete(k);
  for (const [end, [monthKey, yearKey]] of Object.entries(PICKER)) {
    const year = query.get(yearKey)?.trim() ?? '';
    const month = query.get(monthKey) ?? '';
    folded.delete(end);
    if (year) folded.set(end, month ? `${year}-${month}` : year);
  }
  return folded;
}

/**
 * The search page's query, validated once (hono's validator): a form sent without JavaScript is folded
 * and redirected; a query that is not understood is answered here, by the page, in Russian (400).
 */
const searchPageQuery = validator('query', (_value, c: Context<AppEnv>) => {
  const url = new URL(c.req.url);
  const personFilter = (url.searchParams.get(PERSON_FILTER) ?? '').slice(0, 100);
  const folded = foldPicker(url.searchParams);
  const parsed = searchParams.safeParse(queryObject(folded ? new URL(`/?${folded}`, url) : url));
  if (!parsed.success)
    return c.html(
      <SearchPage
        params={EMPTY_PARAMS}
        error={russianIssues(parsed.error.issues)}
        personFilter={personFilter}
      />,
      400,
    );
  if (folded) {
    const target = pageUrl(parsed.data);
    const extra = personFilter
      ? `${target.includes('?') ? '&' : '?'}${new URLSearchParams({ pf: personFilter })}`
      : '';
    return c.redirect(target + extra, 303);
  }
  return { params: parsed.data, personFilter };
});

page.get('/', searchPageQuery, async (c) => {
  const { params, personFilter } = c.req.valid('query');
  let result: SearchResponse | undefined;
  let more: Awaited<ReturnType<typeof matchingParagraphs>> | undefined;
  let error: string | undefined;
  let status: 200 | ApiError['status'] = 200;
  try {
    // The API's answer for the same parameters: one cache entry for both, stale-if-error included.
    const { value, through } = await cachedValue(c, '/api/search', params, () =>
      search(c.env, params, c.req.raw.signal),
    );
    result = value;
    c.header('X-Cache', through.state);
    if (through.state === 'STALE') {
      c.header('Cache-Control', 'no-store');
      error = STALE_RESULTS;
    } else if (params.group === 'article') {
      const hits = value.hits;
      // Only a nicety: the results stand without it.
      more = await withEngineSlot(c.env, () =>
        matchingParagraphs(c.env, params, hits, c.req.raw.signal),
      ).catch(() => undefined);
    }
  } catch (e) {
    error = readable(e);
    status = e instanceof ApiError ? e.status : 503;
    // Retry-After of a shed or busy engine, as the API says it.
    if (e instanceof ApiError)
      for (const [name, value] of Object.entries(e.headers)) c.header(name, value);
  }
  return c.html(
    <SearchPage
      params={params}
      result={result}
      more={more}
      error={error}
      personFilter={personFilter}
    />,
    status,
  );
});

const NO_SUCH_ARTICLE = 'Такой статьи нет: возможно, её удалили из индекса. Вернитесь к поиску.';

page.get(
  '/articles/:id',
  // An id no article can have is a page that does not exist.
  validator('param', (value, c: Context<AppEnv>) => {
    const parsed = articleParams.safeParse(value);
    return parsed.success
      ? parsed.data
      : c.html(<SearchPage params={EMPTY_PARAMS} error={NO_SUCH_ARTICLE} />, 404);
  }),
  validator('query', (_value, c: Context<AppEnv>) => {
    const parsed = articleViewParams.safeParse(queryObject(new URL(c.req.url)));
    return parsed.success
      ? parsed.data
      : c.html(
          <SearchPage params={EMPTY_PARAMS} error={russianIssues(parsed.error.issues)} />,
          400,
        );
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { q, p: focus } = c.req.valid('query');
    // An engine failure is not a deleted article: it reaches the app's error page (503), not this 404.
    const chunks = await articleChunks(c.env, id, c.req.raw.signal);
    const article = articleOf(chunks);
    if (!article)
      return c.html(<SearchPage params={{ ...EMPTY_PARAMS, q }} error={NO_SUCH_ARTICLE} />, 404);
    const stems = q ? stemQuery(`${q} `).stems : null;
    // Each paragraph's own names, so one typed in Latin letters is marked in its Cyrillic forms.
    const names = new Map(chunks.map((c) => [c.paragraph, c]));
    const marked = (text: string, paragraph: number) => {
      const chunk = names.get(paragraph);
      return stems
        ? markSnippet(
            text,
            chunk ? withLatinNames(stems, chunk.persons, chunk.persons_latin) : stems,
          )
        : escapeHtml(text);
    };
    return c.html(
      <ArticlePage
        article={article}
        focus={focus ?? null}
        marked={marked}
        backUrl={pageUrl({ ...EMPTY_PARAMS, q })}
      />,
    );
  },
);

/** The page's answer to an error the app caught (429, 5xx, 404, 405): the search page, in Russian. */
export function errorPage(c: Context<AppEnv>, error: ApiError): Response | Promise<Response> {
  return c.html(<SearchPage params={EMPTY_PARAMS} error={readable(error)} />, error.status);
}
