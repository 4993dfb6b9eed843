/**
 * The server-rendered page inside workerd, on every engine: it escapes everything a request carries,
 * speaks Russian, draws the timeline from the facets, folds the period picker, and degrades kindly.
 * Figures are read from the API beside the page, never from the sample's exact contents.
 */
import { inject, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/page/ru.ts';
import { call, ENGINES, engineEnv, json } from './helpers.ts';

const Q = encodeURIComponent('войск');

describe.each(ENGINES)('the search page on $name', (engine) => {
  const env = engineEnv({}, engine);
  const page = async (path: string) => (await call(path, env)).text();

  it('renders results without JavaScript and escapes the query and filter values', async () => {
    const hostile = '<script>alert(1)</script>';
    const person = '"><img src=x onerror=alert(1)>';
    const response = await call(
      `/?q=${encodeURIComponent(hostile)}&person=${encodeURIComponent(person)}`,
      env,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps every script and style in served files (a default-src self CSP holds)', async () => {
    const html = await page(`/?q=${Q}`);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('shows highlighted results, Russian dates and the count with its noun agreed', async () => {
    const html = await page(`/?q=${Q}`);
    expect(html).toMatch(/<mark>войск/i);
    const times = [...html.matchAll(/<time datetime="([\d-]+)">([^<]+)<\/time>/g)];
    expect(times.length).toBeGreaterThan(0);
    for (const [, iso, shown] of times) expect(shown).toBe(formatDate(iso as string));
    const { body } = await json<{ totalHits: number }>(`/api/search?q=${Q}`, env);
    const n = body.totalHits;
    const noun =
      n % 10 === 1 && n % 100 !== 11
        ? 'статья'
        : /[234]$/.test(String(n)) && !/1[234]$/.test(String(n))
          ? 'статьи'
          : 'статей';
    expect(html).toContain(`${n} ${noun}</h2>`);
  });

  it('draws the timeline from the month facet, each bar a link to its month', async () => {
    const html = await page(`/?q=${Q}`);
    const { body } = await json<{
      facets: { month: Array<{ value: string; count: number }> };
    }>(`/api/search?q=${Q}`, env);
    expect(html).toContain('<svg class="chart"');
    const bars = [
      ...html.matchAll(/<a href="([^"]+)" aria-label="([^"]+)"[^>]*data-key="period:([^"]+)"/g),
    ];
    const months = body.facets.month.filter((m) => m.count > 0);
    expect(bars.length).toBe(months.length);
    for (const [, href, label, period] of bars) {
      const month = months.find((m) => m.value === period);
      expect(month, period).toBeDefined();
      expect(href?.replaceAll('&amp;', '&')).toBe(`/?q=${Q}&from=${period}&to=${period}`);
      expect(label).toMatch(new RegExp(`^${formatDate(period as string)}: ${month?.count} стат`));
    }
    expect(html).toContain('<table>');
  });

  it('a bar narrows the results to its month and names the period in Russian', async () => {
    const { body } = await json<{ facets: { month: Array<{ value: string; count: number }> } }>(
      `/api/search?q=${Q}`,
      env,
    );
    const month = body.facets.month.find((m) => m.count > 0)?.value as string;
    const narrowed = await json<{ totalHits: number }>(
      `/api/search?q=${Q}&from=${month}&to=${month}`,
      env,
    );
    const html = await page(`/?q=${Q}&from=${month}&to=${month}`);
    expect(html).toContain(`Убрать фильтр: ${formatDate(month)}`);
    expect(html).toContain(
      `Найден${narrowed.body.totalHits === 1 ? 'а' : 'о'} ${narrowed.body.totalHits} `,
    );
    expect(html).toMatch(/aria-current="true"[^>]*data-key="period:/);
  });

  it('folds the Russian period picker into from/to with a redirect, and says what is wrong', async () => {
    const response = await call(`/?q=${Q}&fm=01&fy=2022&tm=&ty=2022&sort=relevance&pf=`, env);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/?q=${Q}&from=2022-01&to=2022`);
    const bad = await call(`/?q=${Q}&fm=&fy=22&tm=&ty=`, env);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('неверно указано: начало периода');
    const backwards = await call('/?from=2022-03&to=2022-01', env);
    expect(await backwards.text()).toContain('начало периода позже конца');
  });

  it('hides empty facets, and filters the person list without JavaScript', async () => {
    const none = await page(`/?q=${encodeURIComponent('щщщжжжыыы')}`);
    expect(none).toContain('Ничего не нашлось');
    expect(none).not.toContain('Нет значений');
    expect(none).not.toContain('person-facet-label');
    expect(none).not.toContain('year-facet');
    expect(none).not.toContain('<svg');
    const { body } = await json<{ persons: Array<{ value: string }> }>('/api/persons', env);
    const [someone] = body.persons;
    const surname = someone?.value.split(' ').at(-1) as string;
    const filtered = await page(`/?pf=${encodeURIComponent(surname.toLowerCase())}`);
    const listed = [...filtered.matchAll(/data-key="person:([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toContain(someone?.value);
    for (const name of listed) expect(name?.toLowerCase()).toContain(surname.toLowerCase());
  });

  it('marks in an article the words asked for, a name typed in Latin letters too', async () => {
    const { body } = await json<{ hits: Array<{ articleId: string }> }>(
      `/api/search?q=${encodeURIComponent('Tashiev')}`,
      env,
    );
    const id = body.hits[0]?.articleId as string;
    for (const typed of ['Tashiev', 'Ташиеву']) {
      const html = await page(`/articles/${encodeURIComponent(id)}?q=${encodeURIComponent(typed)}`);
      expect(html, typed).toMatch(/<mark>Ташиев[а-я]*<\/mark>/u);
    }
  });

  it('shows a surname chosen alone as the full name it stands for, once, with its count', async () => {
    const html = await page(`/?person=${encodeURIComponent('Ташиеву')}`);
    const entries = [
      ...html.matchAll(
        /data-key="person:([^"]+)"[^>]*>\s*<span class="value">([^<]+)<\/span> <span class="n">(\d+)/g,
      ),
    ]
      .map((m) => [m[1], m[2], m[3]])
      .filter(([, shown]) => /Ташиев/u.test(shown as string));
    expect(entries).toEqual([['Ташиеву', 'Камчыбек Ташиев', '1']]);
  });

  it('says what to do when the engine is down, with a 503', async () => {
    const response = await call('/?q=x', engineEnv({ MEILI_HOST: inject('deadHost') }, engine));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('Поиск сейчас недоступен');
  });

  it('answers a bad parameter with a 400 page, and an unknown article with a 404 page', async () => {
    expect((await call('/?per_page=500', env)).status).toBe(400);
    expect((await call('/articles/no-such-article', env)).status).toBe(404);
  });

  it('serves its assets with long cache headers', async () => {
    const css = await call('/assets/app.css', env);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(css.headers.get('content-type')).toContain('text/css');
  });
});
