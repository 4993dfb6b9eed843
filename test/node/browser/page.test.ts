/**
 * The search page in a real browser (Debian's Chromium through playwright-core) against the whole stack,
 * on every engine: layout at phone and desktop widths, Russian throughout, the timeline, the no-JS path,
 * search as you type with history and focus, axe-core, the weight budget and layout shift.
 * Figures come from the fixture articles (fixture.ts), indexed beside the sample and generated articles.
 * Screenshots go to $SCREENSHOT_DIR when it is set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_NAMES } from '../../setup/processes.ts';
import { startStack, type Stack } from '../../setup/stack.ts';
import {
  FIXTURE_ARTICLES,
  FOSSIL_YEARS,
  GLACIER_MONTHS,
  GLACIER_SOURCE,
  GLACIER_TOTAL,
  LONG_ID,
  LONG_MATCHING,
} from './fixture.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const GLACIER = `/?q=${encodeURIComponent('ледник')}`;
const FOSSIL = `/?q=${encodeURIComponent('палеонтолог')}`;
/** HTML + CSS + JS of a results page, gzip-compressed. */
const BUDGET_BYTES = 50 * 1024;

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
const consoleErrors: string[] = [];

async function newPage(viewport = DESKTOP, ctx = context): Promise<Page> {
  const page = await ctx.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, `${name}.png`) });
}

/** Visible elements that stick out of the viewport to the right (or left), by tag, class and text. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (el.closest('.visually-hidden')) continue;
      if (box.right > width + 0.5 || box.left < -0.5)
        out.push(`${el.tagName}.${el.getAttribute('class') ?? ''} ${box.left}-${box.right}`);
    }
    if (document.documentElement.scrollWidth > width)
      out.push(`scrollWidth ${document.documentElement.scrollWidth}`);
    return out;
  });
}

/** Whether the element's box lies within the first screen (no scrolling). */
async function onFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.y >= 0 && box.y + Math.min(box.height, 40) <= height;
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, not as an inline <script>, which the page's CSP rightly blocks.
  await page.evaluate(readFileSync(axeSource, 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    return (await axe.run()).violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

/** Cumulative layout shift of what has loaded so far, from the browser's own layout-shift entries. */
function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number }>)
            total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
}

const countText = (page: Page) => page.locator('#count').textContent();

// Without a browser there is nothing to drive: `npm test` says so (scripts/setup.mjs); CI always installs it.
const hasBrowser = existsSync(CHROMIUM);

describe.skipIf(!hasBrowser).each(ENGINE_NAMES)('the search page on %s', (engine) => {
  beforeAll(async () => {
    if (!hasBrowser) return;
    stack = await startStack({ extraArticles: 40, articles: FIXTURE_ARTICLES, engine });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    context = await browser.newContext({ locale: 'ru-RU' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('on a 390 px phone: search box, count, timeline and results on the first screen, filters folded', async () => {
    const page = await newPage(PHONE);
    await page.goto(stack.workerUrl + GLACIER);
    expect(await overflowing(page)).toEqual([]);
    for (const selector of ['#q', '#count', '.timeline .chart', '.hit h3'])
      expect(await onFirstScreen(page, selector), selector).toBe(true);
    expect(await page.locator('#filters').getAttribute('open')).toBeNull();
    expect(await page.locator('#person-facet').isVisible()).toBe(false);
    await screenshot(page, `${engine}-phone-390-results`);
    // Opened, the filters are thumb-sized and still fit.
    await page.locator('#filters > summary').click();
    expect(await page.locator('#person-facet').isVisible()).toBe(true);
    const target = await page.locator('#person-facet a').first().boundingBox();
    expect(target?.height).toBeGreaterThanOrEqual(40);
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, `${engine}-phone-390-filters`);
    await page.close();
  });

  it('on a 1280 px desktop: filters beside the results, both on the first screen', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(stack.workerUrl + GLACIER);
    expect(await overflowing(page)).toEqual([]);
    for (const selector of [
      '#q',
      '#count',
      '.timeline .chart',
      '.hit h3',
      '#person-facet a',
      '#fm',
    ])
      expect(await onFirstScreen(page, selector), selector).toBe(true);
    const facets = await page.locator('#facets').boundingBox();
    const results = await page.locator('#results').boundingBox();
    expect((facets?.x ?? 0) + (facets?.width ?? 0)).toBeLessThanOrEqual(results?.x ?? 0);
    expect(await page.locator('#filters > summary').isVisible()).toBe(false);
    await screenshot(page, `${engine}-desktop-1280-results`);
    await page.close();
  });

  it('has no horizontal scroll at 320 px: results, open filters, table, article', async () => {
    const page = await newPage({ width: 320, height: 640 });
    await page.goto(stack.workerUrl + GLACIER);
    await page.locator('#filters > summary').click();
    await page.locator('.timeline-table > summary').click();
    await page.locator('.more > summary').first().click();
    expect(await overflowing(page)).toEqual([]);
    await page.goto(`${stack.workerUrl}/articles/${LONG_ID}?q=${encodeURIComponent('ледник')}`);
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, `${engine}-phone-320-article`);
    await page.close();
  });

  it('speaks Russian: dates, the count agreed with its number, the month picker', async () => {
    const page = await newPage();
    await page.goto(stack.workerUrl + GLACIER);
    expect(await countText(page)).toBe(`Найдено ${GLACIER_TOTAL} статей`);
    const dates = await page.locator('.hit .meta time').allTextContents();
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates)
      expect(date).toMatch(/^\d{1,2} (января|февраля|марта|ноября) 202[12]$/);
    expect(await page.locator('#fm option').allTextContents()).toEqual([
      'весь год',
      'январь',
      'февраль',
      'март',
      'апрель',
      'май',
      'июнь',
      'июль',
      'август',
      'сентябрь',
      'октябрь',
      'ноябрь',
      'декабрь',
    ]);
    await page.goto(`${stack.workerUrl + GLACIER}&from=2022-02&to=2022-02`);
    expect(await countText(page)).toBe('Найдена 1 статья');
    expect(await page.locator('.chosen-filters').textContent()).toContain('февраль 2022');
    await page.goto(`${stack.workerUrl + GLACIER}&from=2022-01&to=2022-01`);
    expect(await countText(page)).toBe('Найдено 3 статьи');
    await page.close();
  });

  it('draws the timeline by month, each bar a labelled link that narrows to its month', async () => {
    const page = await newPage();
    await page.goto(stack.workerUrl + GLACIER);
    const bars = page.locator('.timeline svg a');
    const expected = Object.entries(GLACIER_MONTHS).filter(([, n]) => n > 0);
    expect(await bars.count()).toBe(expected.length);
    const labels = await bars.evaluateAll((links) =>
      links.map((a) => a.getAttribute('aria-label')),
    );
    expect(labels).toEqual([
      'ноябрь 2021: 2 статьи',
      'январь 2022: 3 статьи',
      'февраль 2022: 1 статья',
      'март 2022: 5 статей',
    ]);
    // The table says the same in text.
    expect(await page.locator('.timeline-table tbody tr').count()).toBe(expected.length);
    await page.locator('.timeline svg a[data-key="period:2022-03"]').click();
    await page.waitForURL(/from=2022-03&to=2022-03/);
    await expect.poll(() => countText(page)).toBe('Найдено 5 статей');
    expect(await page.locator('.timeline svg a[aria-current="true"]').count()).toBe(1);
    await page.goto(stack.workerUrl + FOSSIL);
    expect(await page.locator('.timeline h2').textContent()).toContain('по годам');
    expect(
      await page
        .locator('.timeline svg a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('data-key'))),
    ).toEqual(FOSSIL_YEARS.map((y) => `period:${y}`));
    await page.close();
  });

  it('results people can act on: the original linked beside its publication, title once, only matching paragraphs under «Ещё»', async () => {
    const page = await newPage();
    await page.goto(stack.workerUrl + GLACIER);
    const long = page.locator('.hit', { has: page.locator(`a[href^="/articles/${LONG_ID}"]`) });
    const link = long.locator('.meta .publication + a.original');
    expect(await link.getAttribute('href')).toBe(`https://www.example.org/news/${LONG_ID}`);
    expect(await link.textContent()).toContain('example.org');
    // The publication's name, read out as «Источник: …» next to the link; none where the article names none.
    expect(await long.locator('.meta .publication').textContent()).toBe(
      `Источник: ${GLACIER_SOURCE}`,
    );
    await page.goto(stack.workerUrl + FOSSIL);
    const fossils = page.locator('.hit', {
      has: page.locator('h3 a[href^="/articles/fixture-fossil"]'),
    });
    expect(await fossils.locator('.meta a.original').count()).toBe(FOSSIL_YEARS.length);
    expect(await fossils.locator('.meta .publication').count()).toBe(0);
    await page.goto(`${stack.workerUrl}/articles/${LONG_ID}`);
    expect(await page.locator('main .meta .publication + a.original').count()).toBe(1);
    expect(await page.locator('main .meta .publication').textContent()).toBe(
      `Источник: ${GLACIER_SOURCE}`,
    );
    await page.goto(stack.workerUrl + GLACIER);
    const shown = Number(
      new URL(
        (await long.locator('h3 a').getAttribute('href')) as string,
        stack.workerUrl,
      ).searchParams.get('p'),
    );
    await long.locator('.more > summary').click();
    const more = await long
      .locator('.more li > a')
      .evaluateAll((links) =>
        links.map((a) => Number(new URL((a as HTMLAnchorElement).href).searchParams.get('p'))),
      );
    expect([shown, ...more].sort()).toEqual(LONG_MATCHING);
    for (const snippet of await long.locator('.more .snippet').all())
      expect(await snippet.locator('mark').count()).toBeGreaterThan(0);
    // Paragraph view: each article's title once, its paragraphs under it.
    await page.goto(`${stack.workerUrl + GLACIER}&group=paragraph`);
    const articles = await page
      .locator('.hit h3 a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    expect(articles.length).toBeGreaterThan(0);
    expect(new Set(articles).size).toBe(articles.length);
    const longParas = page
      .locator('.hit', { has: page.locator(`h3 a[href^="/articles/${LONG_ID}"]`) })
      .locator('.paras > li');
    expect(await longParas.count()).toBeGreaterThanOrEqual(LONG_MATCHING.length);
    await page.close();
  });

  it('filters a long person list with its box, and hides empty facets', async () => {
    const page = await newPage();
    await page.goto(stack.workerUrl + GLACIER);
    const box = page.locator('[data-facet-filter]');
    await box.fill('нурлан');
    const visible = page.locator('#person-facet li:visible');
    await expect.poll(() => visible.count()).toBeGreaterThan(0);
    for (const name of await visible.allTextContents())
      expect(name.toLowerCase()).toContain('нурлан');
    await page.goto(`${stack.workerUrl}/?q=${encodeURIComponent('щщщжжжыыы')}`);
    expect(await page.locator('#person-facet, #year-facet, .timeline').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('Нет значений');
    await page.close();
  });

  it('works without JavaScript: form, period picker, person filter, timeline and facet links', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
    const page = await newPage(PHONE, noJs);
    await page.goto(stack.workerUrl);
    await page.locator('#q').fill('ледник');
    await page.locator('#q').press('Enter');
    await page.waitForURL(/q=/);
    expect(await countText(page)).toBe(`Найдено ${GLACIER_TOTAL} статей`);
    // The person list's filter box is a form field: Enter sends it, the server narrows the list.
    await page.locator('#filters > summary').click();
    await page.locator('#pf').fill('зарина');
    await page.locator('#pf').press('Enter');
    await page.waitForURL(/pf=/);
    expect(await page.locator('#person-facet a .value').allTextContents()).toEqual([
      'Зарина Касымбекова',
    ]);
    await page.locator('#person-facet a').first().click();
    await page.waitForURL(/person=/);
    expect(await countText(page)).toMatch(/^Найден[ао] \d+ стат/);
    await page.locator('.chosen-filters a').first().click();
    await page.waitForURL((url) => !url.search.includes('person='));
    await page.locator('#filters > summary').click();
    await page.locator('#fm').selectOption('01');
    await page.locator('#fy').fill('2022');
    await page.locator('#tm').selectOption('02');
    await page.locator('#ty').fill('2022');
    await page.locator('.apply').click();
    await page.waitForURL(/from=2022-01&to=2022-02/);
    expect(await countText(page)).toBe('Найдено 4 статьи');
    expect(await page.locator('.chosen-filters').textContent()).toContain(
      'с января 2022 по февраль 2022',
    );
    await page.locator('.timeline svg a').first().click();
    await page.waitForURL(/from=2022-01&to=2022-01/);
    expect(await countText(page)).toBe('Найдено 3 статьи');
    await noJs.close();
  });

  it('with JavaScript: search as you type, one history entry per search, Back and Forward right', async () => {
    const page = await newPage();
    await page.goto(stack.workerUrl);
    const start = await countText(page);
    await page.locator('#q').pressSequentially('ледник', { delay: 40 });
    await page.waitForURL(/q=%D0%BB%D0%B5%D0%B4%D0%BD%D0%B8%D0%BA/);
    await expect.poll(() => countText(page)).toBe(`Найдено ${GLACIER_TOTAL} статей`);
    expect(await page.locator('.hit mark').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#announce').textContent()).toContain('Найдено');
    // Narrow by the picker, as you change it.
    await page.locator('#filters > summary').isVisible(); // open by itself on a wide screen
    await page.locator('#fm').selectOption('03');
    await page.locator('#fy').fill('2022');
    await page.waitForURL(/from=2022-03/);
    await expect.poll(() => countText(page)).toBe('Найдено 5 статей');
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('from='));
    await expect.poll(() => countText(page)).toBe(`Найдено ${GLACIER_TOTAL} статей`);
    expect(await page.locator('#q').inputValue()).toBe('ледник');
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('q='));
    await expect.poll(() => countText(page)).toBe(start);
    expect(await page.locator('#q').inputValue()).toBe('');
    await page.goForward();
    await page.waitForURL(/q=/);
    await expect.poll(() => countText(page)).toBe(`Найдено ${GLACIER_TOTAL} статей`);
    await page.close();
  });

  it('is keyboard-reachable with a visible focus, and keeps the focus on a facet it chose', async () => {
    const page = await newPage();
    await page.goto(stack.workerUrl + GLACIER);
    await page.locator('#q').focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    expect(ring).toMatch(/^solid [1-9]/);
    const person = page.locator('#person-facet a').first();
    const name = (await person.locator('.value').textContent()) ?? '';
    await person.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/person=/);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-key')))
      .toBe(`person:${name}`);
    await expect.poll(() => page.locator('#person-facet a.chosen .value').textContent()).toBe(name);
    for (const chips of await page.locator('.hit .chips').allTextContents())
      expect(chips).toContain(name);
    await page.close();
  });

  it('opens an article with the matched paragraph in view and its persons, and goes back', async () => {
    const page = await newPage();
    const results = `${stack.workerUrl}/?q=${encodeURIComponent('Назарбаева')}&sort=newest`;
    await page.goto(results);
    await page.locator('.hit h3 a').first().click();
    await page.waitForURL(/\/articles\//);
    await expect.poll(() => page.locator('p.focus mark').count()).toBeGreaterThan(0);
    expect(await page.locator('p.focus').isVisible()).toBe(true);
    expect(await page.locator('.chips').textContent()).toContain('Нурсултан Назарбаев');
    await screenshot(page, `${engine}-desktop-1280-article`);
    // Back to the results as they were, filters and order included.
    await page.locator('a.back').click();
    await page.waitForURL(results);
    await page.close();
  });

  it('has zero axe-core violations: results, open filters and table on a phone, an article', async () => {
    const desktop = await newPage();
    await desktop.goto(stack.workerUrl + GLACIER);
    expect(await axeViolations(desktop)).toEqual([]);
    await desktop.goto(`${stack.workerUrl}/articles/${LONG_ID}?p=1`);
    expect(await axeViolations(desktop)).toEqual([]);
    await desktop.close();
    const phone = await newPage(PHONE);
    await phone.goto(
      `${stack.workerUrl + GLACIER}&group=paragraph&person=${encodeURIComponent('Асель Нурланова')}`,
    );
    await phone.locator('#filters > summary').click();
    await phone.locator('.timeline-table > summary').click();
    expect(await axeViolations(phone)).toEqual([]);
    await phone.close();
  });

  it('stays within the budget (HTML + CSS + JS under 50 KB gzipped) and does not shift', async () => {
    const html = await (await fetch(stack.workerUrl + GLACIER)).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toHaveLength(2);
    const bodies = [
      html,
      ...(await Promise.all(assets.map(async (a) => (await fetch(stack.workerUrl + a)).text()))),
    ];
    const gzipped = bodies.reduce((sum, body) => sum + gzipSync(body).length, 0);
    console.log(`[page budget] ${GLACIER}: ${gzipped} bytes gzipped (HTML+CSS+JS)`);
    expect(gzipped).toBeLessThan(BUDGET_BYTES);
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(viewport);
      await page.goto(stack.workerUrl + GLACIER);
      await page.waitForLoadState('load');
      expect(await layoutShift(page)).toBe(0);
      await page.close();
    }
  });

  it('logged no console errors', () => {
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });
});
