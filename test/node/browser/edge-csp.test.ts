/**
 * The page under its Content-Security-Policy in a real browser (Debian's Chromium): every interaction
 * (typing, facets, paging, an article, going back) runs with no CSP violation reported.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../setup/stack.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) console.warn(`[browser] no Chromium at ${CHROMIUM}: the CSP test is skipped`);

describe.skipIf(!hasBrowser)('the page under its CSP', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ extraArticles: 30 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('works with no CSP violation reported', async () => {
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    const problems: string[] = [];
    // Injected through DevTools, so the listener itself is not subject to the CSP.
    await page.exposeFunction('reportViolation', (text: string) => problems.push(text));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation(t: string): void }).reportViolation(
          `${e.violatedDirective} blocked ${e.blockedURI}`,
        ),
      ),
    );
    page.on('console', (m) => /Content.Security.Policy/i.test(m.text()) && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    const response = await page.goto(stack.workerUrl);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');
    // The script ran (it is what swaps the results in place and keeps the URL in step).
    await page
      .getByRole('searchbox', { name: 'Поиск по новостям' })
      .pressSequentially('войск', { delay: 20 });
    await page.waitForURL(/q=/);
    await expect.poll(() => page.locator('.hit mark').count()).toBeGreaterThan(0);
    await page.locator('.facet li a').first().click();
    await page.waitForURL(/person=/);
    const styled = await page.evaluate(() => getComputedStyle(document.body).margin);
    expect(styled).toBe('0px'); // the stylesheet applied
    await page.locator('.hit h3 a').first().click();
    await page.waitForLoadState('load');
    await page.goBack();
    await page.waitForLoadState('load');
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  });
});
