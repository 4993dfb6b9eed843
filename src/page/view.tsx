/**
 * The search page's markup, server-rendered with hono/jsx. Everything is a plain link or form, so the
 * page works without JavaScript; the client script only swaps the `#results` region in place.
 */
import { raw } from 'hono/html';
import type { FC, PropsWithChildren } from 'hono/jsx';
import type { Article, SearchParams, SearchResponse } from '../api/params.ts';
import { ASSET_VERSION } from './assets.ts';

type Params = SearchParams;
type FacetValue = SearchResponse['facets']['person'][number];

/** The URL of the page for `params` with `change` applied; defaults are left out to keep URLs short. */
export function pageUrl(params: Params, change: Partial<Params> = {}, path = '/'): string {
  const p = { ...params, page: 1, ...change };
  const search = new URLSearchParams();
  if (p.q) search.set('q', p.q);
  for (const person of p.person) search.append('person', person);
  if (p.person.length > 1 && p.person_mode !== 'all') search.set('person_mode', p.person_mode);
  for (const year of p.year) search.append('year', String(year));
  if (p.from) search.set('from', p.from);
  if (p.to) search.set('to', p.to);
  if (p.sort !== 'relevance') search.set('sort', p.sort);
  if (p.group !== 'article') search.set('group', p.group);
  if (p.article) search.set('article', p.article);
  if (p.per_page !== 10) search.set('per_page', String(p.per_page));
  if (p.page > 1) search.set('page', String(p.page));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

const toggle = <T,>(list: T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

export const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <>
    {/* Without a DOCTYPE the browser renders in quirks mode. */}
    {raw('<!DOCTYPE html>')}
    <html lang="ru">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={`/assets/app.css?v=${ASSET_VERSION}`} />
        <script src={`/assets/app.js?v=${ASSET_VERSION}`} defer></script>
      </head>
      <body>{children}</body>
    </html>
  </>
);

const Hidden: FC<{ params: Params }> = ({ params }) => (
  <>
    {params.person.map((person) => (
      <input type="hidden" name="person" value={person} />
    ))}
    {params.person.length > 1 && (
      <input type="hidden" name="person_mode" value={params.person_mode} />
    )}
    {params.year.map((year) => (
      <input type="hidden" name="year" value={String(year)} />
    ))}
    {params.group !== 'article' && <input type="hidden" name="group" value={params.group} />}
    {params.article && <input type="hidden" name="article" value={params.article} />}
  </>
);

export const SearchForm: FC<{ params: Params }> = ({ params }) => (
  // biome-ignore lint/a11y/useSemanticElements: the form is the search landmark; a <search> wrapper would only add a level
  <form class="search" action="/" method="get" role="search" data-search-form>
    <label for="q" class="visually-hidden">
      Поиск по новостям
    </label>
    <input
      id="q"
      name="q"
      type="search"
      value={params.q}
      placeholder="Например: отправка войск"
      autocomplete="off"
      maxlength={200}
      autofocus
    />
    <div id="form-state" class="controls">
      <Hidden params={params} />
      <label>
        С{' '}
        <input
          type="month"
          name="from"
          value={params.from?.slice(0, 7) ?? ''}
          aria-label="С месяца"
        />
      </label>
      <label>
        по{' '}
        <input type="month" name="to" value={params.to?.slice(0, 7) ?? ''} aria-label="По месяц" />
      </label>
      <label>
        Сортировка{' '}
        <select name="sort">
          <option value="relevance" selected={params.sort === 'relevance'}>
            по релевантности
          </option>
          <option value="newest" selected={params.sort === 'newest'}>
            сначала новые
          </option>
          <option value="oldest" selected={params.sort === 'oldest'}>
            сначала старые
          </option>
        </select>
      </label>
      <button type="submit">Найти</button>
    </div>
  </form>
);

const FacetList: FC<{
  label: string;
  values: FacetValue[];
  href: (v: FacetValue) => string;
  id: string;
  filterable?: boolean;
}> = ({ label, values, href, id, filterable }) => (
  <section class="facet" aria-labelledby={`${id}-label`}>
    <h2 id={`${id}-label`}>{label}</h2>
    {filterable && values.length > 8 && (
      <input
        type="search"
        class="facet-filter"
        placeholder="Найти…"
        aria-label={`Найти: ${label}`}
        data-facet-filter={id}
      />
    )}
    {values.length === 0 ? (
      <p class="muted">Нет значений</p>
    ) : (
      <ul id={id}>
        {values.map((v) => (
          <li>
            <a
              href={href(v)}
              class={v.selected ? 'chosen' : ''}
              aria-current={v.selected ? 'true' : undefined}
              data-nav
            >
              <span class="value">{v.value}</span> <span class="count">{v.count}</span>
            </a>
          </li>
        ))}
      </ul>
    )}
  </section>
);

const ChosenFilters: FC<{ params: Params }> = ({ params }) => {
  const chips = [
    ...params.person.map((person) => ({
      label: person,
      href: pageUrl(params, { person: params.person.filter((p) => p !== person) }),
    })),
    ...params.year.map((year) => ({
      label: `${year} год`,
      href: pageUrl(params, { year: params.year.filter((y) => y !== year) }),
    })),
    ...(params.from
      ? [{ label: `с ${params.from}`, href: pageUrl(params, { from: undefined }) }]
      : []),
    ...(params.to ? [{ label: `по ${params.to}`, href: pageUrl(params, { to: undefined }) }] : []),
    ...(params.article
      ? [{ label: 'одна статья', href: pageUrl(params, { article: undefined, group: 'article' }) }]
      : []),
  ];
  if (chips.length === 0) return null;
  return (
    <ul class="chosen-filters" aria-label="Выбранные фильтры">
      {chips.map((chip) => (
        <li>
          <a href={chip.href} data-nav aria-label={`Убрать фильтр: ${chip.label}`}>
            {chip.label} <span aria-hidden="true">×</span>
          </a>
        </li>
      ))}
      {chips.length > 1 && (
        <li>
          <a
            href={pageUrl({
              ...params,
              person: [],
              year: [],
              from: undefined,
              to: undefined,
              article: undefined,
              group: 'article',
            })}
            data-nav
          >
            Сбросить все
          </a>
        </li>
      )}
    </ul>
  );
};

const Pagination: FC<{ params: Params; result: SearchResponse }> = ({ params, result }) => {
  if (result.totalPages <= 1) return null;
  const last = Math.min(result.totalPages, Math.floor(1000 / params.per_page));
  return (
    <nav class="pagination" aria-label="Страницы результатов">
      {params.page > 1 && (
        <a href={pageUrl(params, { page: params.page - 1 })} rel="prev" data-nav>
          ← Назад
        </a>
      )}
      <span>
        Страница {params.page} из {last}
      </span>
      {params.page < last && (
        <a href={pageUrl(params, { page: params.page + 1 })} rel="next" data-nav>
          Дальше →
        </a>
      )}
    </nav>
  );
};

function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/** The region the client script replaces: counts, chosen filters, facets, results, pagination. */
export const Results: FC<{ params: Params; result?: SearchResponse; error?: string }> = ({
  params,
  result,
  error,
}) => {
  const unit =
    params.group === 'article' ? ['статья', 'статьи', 'статей'] : ['абзац', 'абзаца', 'абзацев'];
  return (
    <div id="results" class="layout">
      <aside class="facets" aria-label="Фильтры">
        {result && (
          <>
            <FacetList
              id="person-facet"
              label="Люди"
              filterable
              values={result.facets.person}
              href={(v) => pageUrl(params, { person: toggle(params.person, v.value) })}
            />
            {params.person.length > 1 && (
              <p class="mode">
                Показывать статьи, где упомянуты:{' '}
                <a
                  href={pageUrl(params, { person_mode: 'all' })}
                  aria-current={params.person_mode === 'all' ? 'true' : undefined}
                  data-nav
                >
                  все
                </a>{' '}
                ·{' '}
                <a
                  href={pageUrl(params, { person_mode: 'any' })}
                  aria-current={params.person_mode === 'any' ? 'true' : undefined}
                  data-nav
                >
                  любой
                </a>
              </p>
            )}
            <FacetList
              id="year-facet"
              label="Годы"
              values={result.facets.year}
              href={(v) => pageUrl(params, { year: toggle(params.year, Number(v.value)) })}
            />
            <FacetList
              id="month-facet"
              label="Месяцы"
              values={result.facets.month.slice(0, 24)}
              href={(v) =>
                pageUrl(
                  params,
                  v.value === params.from && v.value === params.to
                    ? { from: undefined, to: undefined }
                    : { from: v.value, to: v.value },
                )
              }
            />
          </>
        )}
      </aside>
      <main>
        <ChosenFilters params={params} />
        <p class="count" role="status" aria-live="polite">
          {error
            ? ''
            : result
              ? `Найдено: ${result.totalHits} ${plural(result.totalHits, ...(unit as [string, string, string]))}`
              : ''}
        </p>
        {error && (
          <div class="error" role="alert">
            <p>{error}</p>
            <p>
              <a href={pageUrl(params)}>Попробовать ещё раз</a>
            </p>
          </div>
        )}
        {result && result.hits.length === 0 && (
          <div class="empty">
            <p>Ничего не нашлось.</p>
            <p>Попробуйте другие слова или уберите часть фильтров.</p>
          </div>
        )}
        <ol class="hits">
          {result?.hits.map((hit) => (
            <li class="hit">
              <h3>
                <a
                  href={`/articles/${encodeURIComponent(hit.articleId)}?p=${hit.paragraph}${params.q ? `&q=${encodeURIComponent(params.q)}` : ''}#p${hit.paragraph}`}
                >
                  {hit.title}
                </a>
              </h3>
              <p class="meta">
                {hit.date && <time datetime={hit.date}>{hit.date}</time>}
                {hit.heading && <span class="heading">{hit.heading}</span>}
              </p>
              <p class="snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
              {hit.persons.length > 0 && (
                <ul class="chips" aria-label="Упомянуты">
                  {hit.persons.map((person) => (
                    <li>
                      <a
                        href={pageUrl(params, {
                          person: params.person.includes(person)
                            ? params.person
                            : [...params.person, person],
                        })}
                        data-nav
                      >
                        {person}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {params.group === 'article' && (
                <a
                  class="more"
                  href={pageUrl(params, { group: 'paragraph', article: hit.articleId })}
                  data-nav
                >
                  Ещё из этой статьи
                </a>
              )}
            </li>
          ))}
        </ol>
        {result && <Pagination params={params} result={result} />}
      </main>
    </div>
  );
};

export const SearchPage: FC<{ params: Params; result?: SearchResponse; error?: string }> = (
  props,
) => (
  <Layout title={props.params.q ? `${props.params.q} — поиск по новостям` : 'Поиск по новостям'}>
    <header>
      <a href="/" class="brand">
        Поиск по новостям
      </a>
      <SearchForm params={props.params} />
    </header>
    <Results {...props} />
  </Layout>
);

export const ArticlePage: FC<{
  article: Article;
  focus: number | null;
  marked: (text: string) => string;
  backUrl: string;
}> = ({ article, focus, marked, backUrl }) => (
  <Layout title={article.title}>
    <header>
      <a href="/" class="brand">
        Поиск по новостям
      </a>
      <a href={backUrl} class="back">
        ← К результатам
      </a>
    </header>
    <main class="article">
      <h1>{article.title}</h1>
      <p class="meta">{article.date && <time datetime={article.date}>{article.date}</time>}</p>
      {article.persons.length > 0 && (
        <ul class="chips" aria-label="Упомянуты в статье">
          {article.persons.map((person) => (
            <li>
              <a href={pageUrl({ ...EMPTY_PARAMS, person: [person] })}>{person}</a>
            </li>
          ))}
        </ul>
      )}
      {article.paragraphs.map((p, i) => {
        const opensSection = p.heading !== '' && p.heading !== article.paragraphs[i - 1]?.heading;
        // The heading is shown once, as a heading, not again at the start of its first paragraph.
        const text =
          opensSection && p.text.startsWith(p.heading)
            ? p.text.slice(p.heading.length).trimStart()
            : p.text;
        return (
          <>
            {opensSection && <h2>{p.heading}</h2>}
            <p
              id={`p${p.paragraph}`}
              class={p.paragraph === focus ? 'focus' : ''}
              tabindex={p.paragraph === focus ? -1 : undefined}
              dangerouslySetInnerHTML={{ __html: marked(text) }}
            />
          </>
        );
      })}
    </main>
  </Layout>
);

export const EMPTY_PARAMS: Params = {
  q: '',
  person: [],
  person_mode: 'all',
  year: [],
  sort: 'relevance',
  page: 1,
  per_page: 10,
  group: 'article',
};
