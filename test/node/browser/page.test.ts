/**
 * The search page in a real browser (Debian's Chromium through playwright-core) against the whole stack.
 * Screenshots go to $SCREENSHOT_DIR when it is set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_NAMES } from '../../setup/processes.ts';
import { startStack, type Stack } from '../../setup/stack.ts';

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

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
const consoleErrors: string[] = [];

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({
      path: join(process.env.SCREENSHOT_DIR, `${name}.png`),
      fullPage: true,
    });
}

// Without a browser there is nothing to drive: `npm test` says so (scripts/setup.mjs); CI always installs it.
const hasBrowser = existsSync(CHROMIUM);

describe.skipIf(!hasBrowser).each(ENGINE_NAMES)('the search page on %s', (engine) => {
  beforeAll(async () => {
    if (!hasBrowser) return;
    stack = await startStack({ extraArticles: 40, engine });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    context = await browser.newContext({ locale: 'ru-RU' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('updates results as you type, with highlighted matches and the query in the URL', async () => {
    const page = await newPage();
    await page.goto(stack.workerUrl);
    await page
      .getByRole('searchbox', { name: 'Поиск по новостям' })
      .pressSequentially('войск', { delay: 30 });
    await page.waitForURL(/q=%D0%B2%D0%BE%D0%B9%D1%81%D0%BA/);
    await expect.poll(() => page.locator('.hit mark').count()).toBeGreaterThan(0);
    expect((await page.locator('.hit mark').first().textContent())?.toLowerCase()).toMatch(
      /^войск/,
    );
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Найдено: \d+/);
    await screenshot(page, 'desktop-results');
    await page.close();
  });

  it('narrows by a person, keeps the state in the URL, and goes back', async () => {
    const page = await newPage();
    await page.goto(stack.workerUrl);
    const before = await page.getByRole('status').textContent();
    const first = page.locator('#person-facet a').first();
    const person = ((await first.locator('.value').textContent()) ?? '').trim();
    await first.click();
    await page.waitForURL(/person=/);
    expect(new URL(page.url()).searchParams.getAll('person')).toEqual([person]);
    await expect.poll(() => page.getByRole('status').textContent()).not.toBe(before);
    await expect
      .poll(() => page.locator('#person-facet a.chosen .value').textContent())
      .toBe(person);
    for (const chips of await page.locator('.hit .chips').allTextContents())
      expect(chips).toContain(person);
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('person='));
    await expect.poll(() => page.getByRole('status').textContent()).toBe(before);
    await page.close();
  });

  it('opens an article with the matched paragraph in view and its persons', async () => {
    const page = await newPage();
    await page.goto(`${stack.workerUrl}/?q=${encodeURIComponent('Назарбаева')}`);
    await page.locator('.hit h3 a').first().click();
    await page.waitForURL(/\/articles\//);
    await expect.poll(() => page.locator('p.focus mark').count()).toBeGreaterThan(0);
    expect(await page.locator('p.focus').isVisible()).toBe(true);
    expect(await page.locator('.chips').textContent()).toContain('Нурсултан Назарбаев');
    await screenshot(page, 'desktop-article');
    await page.close();
  });

  it('works on a 360 px phone without horizontal scrolling', async () => {
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(`${stack.workerUrl}/?q=${encodeURIComponent('парламент')}`);
    await expect.poll(() => page.locator('.hit').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await screenshot(page, 'phone-results');
    await page.close();
  });

  it('shows results with JavaScript disabled, through plain links', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${stack.workerUrl}/?q=${encodeURIComponent('войск')}`);
    expect(await page.locator('.hit mark').count()).toBeGreaterThan(0);
    await page.locator('#year-facet a').first().click();
    await page.waitForURL(/year=/);
    expect(await page.locator('.hit').count()).toBeGreaterThan(0);
    await noJs.close();
  });

  it('has no serious accessibility violations (axe-core)', async () => {
    const page = await newPage();
    await page.goto(`${stack.workerUrl}/?q=${encodeURIComponent('войск')}`);
    // Evaluated through DevTools, not as an inline <script>, which the page's CSP rightly blocks.
    await page.evaluate(readFileSync(axeSource, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(): Promise<{ violations: Array<{ id: string; impact: string }> }> };
        }
      ).axe;
      return (await axe.run()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('logged no console errors', () => {
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });
});
