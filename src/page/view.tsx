/**
 * The search page's markup, server-rendered with hono/jsx. Everything is a plain link or form, so the
 * page works without JavaScript; the client script (assets.ts) only swaps the regions marked with ids.
 * Phone first: the search box, the count, the timeline and the results come first; the filters sit in
 * a disclosure that a wide screen shows open beside the results.
 */
import { raw } from 'hono/html';
import type { FC, PropsWithChildren } from 'hono/jsx';
import type { Article, SearchParams, SearchResponse } from '../api/params.ts';
import type { MatchedParagraph } from '../search/service.ts';
import { ASSET_VERSION } from './assets.ts';
import { count, formatDate, formatPeriod, MONTHS, NOUNS, plural } from './ru.ts';
import { Timeline, timelineOf } from './timeline.tsx';

type Params = SearchParams;
type FacetValue = SearchResponse['facets']['person'][number];
type Hit = SearchResponse['hits'][number];

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

/** The article view, scrolled to `paragraph`, with the query's matches marked. */
export function articleUrl(articleId: string, paragraph: number, q: string): string {
  const query = new URLSearchParams({ p: String(paragraph) });
  if (q) query.set('q', q);
  return `/articles/${encodeURIComponent(articleId)}?${query}#p${paragraph}`;
}

/** The original's address and its host (the link's text), for http(s) URLs only. */
export function original(url: string): { href: string; name: string } | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return { href: parsed.href, name: parsed.hostname.replace(/^www\./, '') };
  } catch {
    return null;
  }
}

const toggle = <T,>(list: T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/** Person facet values shown before "ещё N" folds the rest away. */
const PERSONS_SHOWN = 10;

/** Lower-cased, ё as е: how the person filter box compares names. */
export const foldName = (s: string): string => s.toLowerCase().replaceAll('ё', 'е');

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

const Brand: FC = () => (
  <a href="/" class="brand">
    Поиск по новостям
  </a>
);

export const SearchForm: FC<{ params: Params }> = ({ params }) => (
  // biome-ignore lint/a11y/useSemanticElements: the form is the search landmark; a <search> wrapper would only add a level
  <form id="s" class="search" action="/" method="get" role="search" data-search-form>
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
      enterkeyhint="search"
      maxlength={200}
    />
    <button type="submit">Найти</button>
  </form>
);

/** The filter state that links carry, as hidden fields of the search form (so a new query keeps them). */
const HiddenState: FC<{ params: Params }> = ({ params }) => (
  <>
    {params.person.map((person) => (
      <input type="hidden" name="person" value={person} form="s" />
    ))}
    {params.person.length > 1 && (
      <input type="hidden" name="person_mode" value={params.person_mode} form="s" />
    )}
    {params.year.map((year) => (
      <input type="hidden" name="year" value={String(year)} form="s" />
    ))}
    {params.group !== 'article' && (
      <input type="hidden" name="group" value={params.group} form="s" />
    )}
    {params.article && <input type="hidden" name="article" value={params.article} form="s" />}
  </>
);

/** One end of the period picker: a month by its Russian name and a year typed in digits. */
const PeriodEnd: FC<{ end: 'f' | 't'; value?: string }> = ({ end, value }) => {
  const [year, month] = (value ?? '').split('-');
  const word = end === 'f' ? 'начала' : 'конца';
  return (
    <div class="period-row">
      <span class="period-word">{end === 'f' ? 'с' : 'по'}</span>
      <label for={`${end}m`} class="visually-hidden">
        Месяц {word} периода
      </label>
      <select id={`${end}m`} name={`${end}m`} form="s">
        <option value="">весь год</option>
        {MONTHS.map((m, i) => {
          const mm = String(i + 1).padStart(2, '0');
          return (
            <option value={mm} selected={mm === month}>
              {m.nominative}
            </option>
          );
        })}
      </select>
      <label for={`${end}y`} class="visually-hidden">
        Год {word} периода
      </label>
      <input
        id={`${end}y`}
        name={`${end}y`}
        form="s"
        type="text"
        inputmode="numeric"
        pattern="[0-9]{4}"
        maxlength={4}
        placeholder="год"
        autocomplete="off"
        value={year ?? ''}
        class="year"
      />
    </div>
  );
};

/** Form fields in the filter panel: period, order, hidden state. The script leaves them alone while edited. */
const Controls: FC<{ params: Params }> = ({ params }) => (
  <div id="controls" class="controls">
    <HiddenState params={params} />
    <fieldset class="period">
      <legend>Период</legend>
      <PeriodEnd end="f" value={params.from} />
      <PeriodEnd end="t" value={params.to} />
    </fieldset>
    <label class="sort">
      <span>Порядок</span>
      <select name="sort" form="s">
        <option value="relevance" selected={params.sort === 'relevance'}>
          сначала подходящие
        </option>
        <option value="newest" selected={params.sort === 'newest'}>
          сначала новые
        </option>
        <option value="oldest" selected={params.sort === 'oldest'}>
          сначала старые
        </option>
      </select>
    </label>
    <button type="submit" form="s" class="apply">
      Применить
    </button>
  </div>
);

const FacetLink: FC<{ value: FacetValue; href: string; keyPrefix: string; label?: string }> = ({
  value,
  href,
  keyPrefix,
  label,
}) => (
  <li>
    <a
      href={href}
      class={value.selected ? 'chosen' : ''}
      aria-current={value.selected ? 'true' : undefined}
      data-nav
      data-key={`${keyPrefix}:${value.value}`}
    >
      <span class="value">{label ?? value.value}</span> <span class="n">{value.count}</span>
    </a>
  </li>
);

/** People: the most mentioned first, the rest folded away; a filter box narrows the whole list. */
const PersonFacet: FC<{ params: Params; values: FacetValue[]; filter: string }> = ({
  params,
  values,
  filter,
}) => {
  const needle = foldName(filter.trim());
  const shown = needle
    ? values.filter((v) => foldName(v.label ?? v.value).includes(needle))
    : values;
  const link = (v: FacetValue) => (
    <FacetLink
      value={v}
      label={v.label}
      keyPrefix="person"
      href={pageUrl(params, { person: toggle(params.person, v.value) })}
    />
  );
  const head = needle ? shown : shown.slice(0, PERSONS_SHOWN);
  const rest = needle ? [] : shown.slice(PERSONS_SHOWN);
  return (
    <section class="facet" aria-labelledby="person-facet-label">
      <h2 id="person-facet-label">Люди</h2>
      {values.length > PERSONS_SHOWN && (
        <div class="facet-filter">
          <label for="pf" class="visually-hidden">
            Найти человека в списке
          </label>
          <input
            id="pf"
            name="pf"
            form="s"
            type="search"
            value={filter}
            placeholder="Найти в списке…"
            autocomplete="off"
            data-facet-filter="person-facet"
          />
        </div>
      )}
      <div id="person-facet">
        <ul>{head.map(link)}</ul>
        {rest.length > 0 && (
          <details class="rest">
            <summary>
              Ещё {rest.length} {plural(rest.length, ['человек', 'человека', 'человек'])}
            </summary>
            <ul>{rest.map(link)}</ul>
          </details>
        )}
        {shown.length === 0 && <p class="muted">Никого с таким именем.</p>}
      </div>
      {params.person.length > 1 && (
        <p class="mode">
          Статьи, где упомянуты:{' '}
          <a
            href={pageUrl(params, { person_mode: 'all' })}
            aria-current={params.person_mode === 'all' ? 'true' : undefined}
            data-nav
          >
            все
          </a>{' '}
          или{' '}
          <a
            href={pageUrl(params, { person_mode: 'any' })}
            aria-current={params.person_mode === 'any' ? 'true' : undefined}
            data-nav
          >
            любой из них
          </a>
        </p>
      )}
    </section>
  );
};

/** The facets that have values (an empty facet is not shown at all), and how results are grouped. */
const Facets: FC<{ params: Params; result?: SearchResponse; personFilter: string }> = ({
  params,
  result,
  personFilter,
}) => (
  <div id="facets">
    {result && result.facets.person.length > 0 && (
      <PersonFacet params={params} values={result.facets.person} filter={personFilter} />
    )}
    {result && result.facets.year.length > 0 && (
      <section class="facet" aria-labelledby="year-facet-label">
        <h2 id="year-facet-label">Годы</h2>
        <ul id="year-facet" class="years">
          {result.facets.year.map((v) => (
            <FacetLink
              value={v}
              keyPrefix="year"
              href={pageUrl(params, { year: toggle(params.year, Number(v.value)) })}
            />
          ))}
        </ul>
      </section>
    )}
    <section class="facet" aria-labelledby="group-label">
      <h2 id="group-label">Показывать</h2>
      <ul class="switch">
        {(['article', 'paragraph'] as const).map((group) => (
          <li>
            <a
              href={pageUrl(params, { group, article: undefined })}
              aria-current={params.group === group ? 'true' : undefined}
              data-nav
              data-key={`group:${group}`}
            >
              {group === 'article' ? 'статьи' : 'все абзацы'}
            </a>
          </li>
        ))}
      </ul>
    </section>
  </div>
);

const activeFilters = (params: Params): number =>
  params.person.length +
  params.year.length +
  (params.from || params.to ? 1 : 0) +
  (params.article ? 1 : 0);

/** The filter panel: a disclosure on a phone, a column beside the results on a wide screen. */
const Filters: FC<{ params: Params; result?: SearchResponse; personFilter: string }> = (props) => {
  const active = activeFilters(props.params);
  return (
    <aside class="side" aria-label="Фильтры">
      <details id="filters" class="filters" open={props.personFilter !== '' || undefined}>
        <summary>
          Фильтры и период
          <span id="filters-count" class="badge">
            {active > 0 ? `выбрано: ${active}` : ''}
          </span>
        </summary>
        <Controls params={props.params} />
        <Facets {...props} />
      </details>
    </aside>
  );
};

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
    ...(params.from || params.to
      ? [
          {
            label: formatPeriod(params.from, params.to),
            href: pageUrl(params, { from: undefined, to: undefined }),
          },
        ]
      : []),
    ...(params.article
      ? [{ label: 'одна статья', href: pageUrl(params, { article: undefined }) }]
      : []),
  ];
  if (chips.length === 0) return null;
  return (
    <ul class="chosen-filters" aria-label="Выбранные фильтры">
      {chips.map((chip) => (
        <li>
          <a
            href={chip.href}
            data-nav
            aria-label={`Убрать фильтр: ${chip.label}`}
            data-key={`chip:${chip.label}`}
          >
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
      {params.page > 1 ? (
        <a href={pageUrl(params, { page: params.page - 1 })} rel="prev" data-nav>
          ← Назад
        </a>
      ) : (
        <span />
      )}
      <span>
        Страница {params.page} из {last}
      </span>
      {params.page < last ? (
        <a href={pageUrl(params, { page: params.page + 1 })} rel="next" data-nav>
          Дальше →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
};

/** «Найдено 5 статей», «Найдена 1 статья»; «В архиве …» when nothing narrows the list. */
export function countLine(params: Params, total: number): string {
  const nouns = params.group === 'article' ? NOUNS.article : NOUNS.paragraph;
  if (!params.q && activeFilters(params) === 0) return `В архиве ${count(total, nouns)}`;
  const verb = plural(
    total,
    params.group === 'article'
      ? ['Найдена', 'Найдено', 'Найдено']
      : ['Найден', 'Найдено', 'Найдено'],
  );
  return `${verb} ${count(total, nouns)}`;
}

/**
 * Date, the publication's name (`source`, only when the article gives one) and the link to the original,
 * under a title.
 */
const Meta: FC<{ date: string | null; url: string; source?: string | undefined }> = ({
  date,
  url,
  source,
}) => {
  const link = original(url);
  if (!date && !link && !source) return null;
  return (
    <p class="meta">
      {date && <time datetime={date}>{formatDate(date)}</time>}
      {source && (
        <span class="publication">
          <span class="visually-hidden">Источник: </span>
          {source}
        </span>
      )}
      {link && (
        <a href={link.href} class="original" rel="noreferrer external">
          {link.name}
          <span class="visually-hidden"> (оригинал статьи)</span>
          <span aria-hidden="true"> ↗</span>
        </a>
      )}
    </p>
  );
};

const Persons: FC<{ params: Params; persons: string[]; label: string }> = ({
  params,
  persons,
  label,
}) =>
  persons.length === 0 ? null : (
    <ul class="chips" aria-label={label}>
      {persons.map((person) => (
        <li>
          <a
            href={pageUrl(params, {
              person: params.person.includes(person) ? params.person : [...params.person, person],
            })}
            data-nav
          >
            {person}
          </a>
        </li>
      ))}
    </ul>
  );

/** Paragraphs of one article under "Ещё из этой статьи": only those whose own text matches. */
const More: FC<{ articleId: string; q: string; paragraphs: MatchedParagraph[] }> = ({
  articleId,
  q,
  paragraphs,
}) => (
  <details class="more">
    <summary>Ещё из этой статьи: {count(paragraphs.length, NOUNS.paragraph)}</summary>
    <ol>
      {paragraphs.map((p) => (
        <li>
          <a href={articleUrl(articleId, p.paragraph, q)}>
            {p.heading ? p.heading : `Абзац ${p.paragraph + 1}`}
          </a>
          <p class="snippet" dangerouslySetInnerHTML={{ __html: p.snippet }} />
        </li>
      ))}
    </ol>
  </details>
);

/** Hits grouped by article, in the order their first hit comes: a title is shown once per article. */
function byArticle(hits: Hit[]): Hit[][] {
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) groups.set(hit.articleId, [...(groups.get(hit.articleId) ?? []), hit]);
  return [...groups.values()];
}

const ArticleHit: FC<{
  params: Params;
  hits: Hit[];
  more: MatchedParagraph[];
}> = ({ params, hits, more }) => {
  const [first] = hits as [Hit];
  const grouped = params.group === 'paragraph';
  // When the best paragraph matched only through the title (nothing in it is marked), the first
  // paragraph whose own text matches stands in for it.
  const standIn = !grouped && !first.snippet.includes('<mark>') ? more[0] : undefined;
  const lead = standIn ?? first;
  const others = standIn ? more.slice(1) : more;
  return (
    <li class="hit">
      <h3>
        <a href={articleUrl(first.articleId, lead.paragraph, params.q)}>{first.title}</a>
      </h3>
      <Meta date={first.date} url={first.url} source={first.source} />
      {grouped ? (
        <ol class="paras">
          {hits.map((hit) => (
            <li>
              {hit.heading && <p class="heading">{hit.heading}</p>}
              <p class="snippet">
                <span dangerouslySetInnerHTML={{ __html: hit.snippet }} />{' '}
                <a href={articleUrl(hit.articleId, hit.paragraph, params.q)} class="to-para">
                  к абзацу {hit.paragraph + 1}
                </a>
              </p>
              <Persons params={params} persons={hit.persons} label="Упомянуты в абзаце" />
            </li>
          ))}
        </ol>
      ) : (
        <>
          {lead.heading && <p class="heading">{lead.heading}</p>}
          <p class="snippet" dangerouslySetInnerHTML={{ __html: lead.snippet }} />
          <Persons params={params} persons={first.persons} label="Упомянуты в статье" />
          {others.length > 0 && (
            <More articleId={first.articleId} q={params.q} paragraphs={others} />
          )}
        </>
      )}
    </li>
  );
};

export interface ResultsProps {
  params: Params;
  result?: SearchResponse;
  more?: Map<string, MatchedParagraph[]>;
  error?: string;
}

/** The results column: chosen filters, the count, the timeline, the hits, the pages. */
export const Results: FC<ResultsProps> = ({ params, result, more, error }) => {
  const timeline = result && timelineOf(result.facets.month);
  const nouns = params.group === 'article' ? NOUNS.article : NOUNS.paragraph;
  const current = params.from && params.from === params.to ? params.from : undefined;
  return (
    <main id="results" tabindex={-1}>
      <ChosenFilters params={params} />
      {result && (
        <h2 id="count" class="count" tabindex={-1}>
          {countLine(params, result.totalHits)}
        </h2>
      )}
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
      {timeline && result && result.hits.length > 0 && (
        <Timeline
          data={timeline}
          nouns={nouns}
          current={current}
          href={(period) => pageUrl(params, { from: period, to: period })}
        />
      )}
      {result && result.hits.length > 0 && (
        <ol class="hits">
          {byArticle(result.hits).map((hits) => (
            <ArticleHit
              params={params}
              hits={hits}
              more={more?.get((hits[0] as Hit).articleId) ?? []}
            />
          ))}
        </ol>
      )}
      {result && <Pagination params={params} result={result} />}
    </main>
  );
};

export const SearchPage: FC<ResultsProps & { personFilter?: string }> = (props) => (
  <Layout title={props.params.q ? `${props.params.q} — поиск по новостям` : 'Поиск по новостям'}>
    <a href="#results" class="skip">
      К результатам
    </a>
    <header class="top">
      <h1 class="brand-title">
        <Brand />
      </h1>
      <SearchForm params={props.params} />
    </header>
    <div class="layout">
      <Filters
        params={props.params}
        result={props.result}
        personFilter={props.personFilter ?? ''}
      />
      <Results {...props} />
    </div>
    <div id="announce" class="visually-hidden" role="status" aria-live="polite"></div>
  </Layout>
);

export const ArticlePage: FC<{
  article: Article;
  focus: number | null;
  /** The text of paragraph `paragraph`, escaped, with the query's matches marked. */
  marked: (text: string, paragraph: number) => string;
  backUrl: string;
}> = ({ article, focus, marked, backUrl }) => (
  <Layout title={article.title}>
    <header class="top">
      <Brand />
      <a href={backUrl} class="back">
        ← К результатам
      </a>
    </header>
    <main class="article">
      <h1>{article.title}</h1>
      <Meta date={article.date} url={article.url} source={article.source} />
      <Persons params={EMPTY_PARAMS} persons={article.persons} label="Упомянуты в статье" />
      {article.paragraphs.map((p, i) => {
        const opensSection = p.heading !== '' && p.heading !== article.paragraphs[i - 1]?.heading;
        // The heading is shown once, as a heading, not again at the start of its first paragraph.
        const text =
          opensSection && p.text.startsWith(p.heading)
            ? p.text.slice(p.heading.length).trimStart()
            : p.text;
        return (
          <>
            {/* A first heading that is the title (a flattened article's) is the h1 already. */}
            {opensSection && p.heading !== article.title && <h2>{p.heading}</h2>}
            <p
              id={`p${p.paragraph}`}
              class={p.paragraph === focus ? 'focus' : ''}
              tabindex={p.paragraph === focus ? -1 : undefined}
              dangerouslySetInnerHTML={{ __html: marked(text, p.paragraph) }}
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
