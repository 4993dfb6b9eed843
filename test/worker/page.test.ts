/** The server-rendered page inside workerd: it escapes everything a request carries, and degrades kindly. */
import { inject, describe, expect, it } from 'vitest';
import { call, engineEnv } from './helpers.ts';

describe('the search page', () => {
  it('renders results without JavaScript and escapes the query and filter values', async () => {
    const hostile = '<script>alert(1)</script>';
    const person = '"><img src=x onerror=alert(1)>';
    const response = await call(
      `/?q=${encodeURIComponent(hostile)}&person=${encodeURIComponent(person)}`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows highlighted results and facet links for a query', async () => {
    const html = await (await call(`/?q=${encodeURIComponent('войск')}`)).text();
    expect(html).toMatch(/<mark>войск/i);
    expect(html).toContain('href="/?q=%D0%B2%D0%BE%D0%B9%D1%81%D0%BA&amp;person=');
    expect(html).toContain('role="status"');
  });

  it('says what to do when the engine is down, with a 503', async () => {
    const response = await call('/?q=x', engineEnv({ MEILI_HOST: inject('deadHost') }));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('Поиск сейчас недоступен');
  });

  it('answers a bad parameter with a 400 page, and an unknown article with a 404 page', async () => {
    expect((await call('/?per_page=500')).status).toBe(400);
    expect((await call('/articles/no-such-article')).status).toBe(404);
  });

  it('serves its assets with long cache headers', async () => {
    const css = await call('/assets/app.css');
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(css.headers.get('content-type')).toContain('text/css');
  });
});
