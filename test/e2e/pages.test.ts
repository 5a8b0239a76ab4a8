import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUnsubscribeToken } from '../../src/send/unsubscribe-token.js';
import { launchChromium } from '../support/browser.js';
import { startHttpHarness, type HttpHarness } from '../integration/http/http-harness.js';

describe('pages in real Chromium', () => {
  let h: HttpHarness;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    h = await startHttpHarness('pages');
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a shopper unsubscribes from the footer link with one button', async () => {
    const c = await h.runtime.db.models.Customer.create({
      externalId: 'p1',
      email: 'lin@example.com',
      marketingConsent: true,
    });
    const token = signUnsubscribeToken(h.runtime.config.UNSUBSCRIBE_SECRET, c._id.toString(), c.email);
    const page = await browser.newPage();
    await page.goto(`${base}/unsubscribe/${token}`);
    expect(await page.locator('h1').textContent()).toContain('Stop marketing emails');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('h1').textContent()).toBe('You are unsubscribed.');
    expect(await h.runtime.db.models.Suppression.countDocuments({ email: 'lin@example.com' })).toBe(1);
    await page.close();
  });

  it('an operator sees the four pipeline queues on bull-board after logging in', async () => {
    const context = await browser.newContext({
      httpCredentials: { username: 'ops', password: 'board-secret' },
    });
    const page = await context.newPage();
    const response = await page.goto(`${base}/admin/queues`);
    expect(response?.status()).toBe(200);
    for (const name of ['profile', 'recommend', 'generate', 'send']) {
      await expect
        .poll(() => page.getByText(name, { exact: true }).count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
    }
    await context.close();
  });
});
