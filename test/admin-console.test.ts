import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { backends } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';
import { launchBrowser, withScreenshot } from './support/browser.js';

const backend = backends[backends.length - 1]!;

describe(`admin console in headless Chromium (${backend.name})`, () => {
  let svc: TestService;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    svc = await startTestService(backend);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.close();
  });

  it('signs in with the bootstrap admin', async () => {
    await withScreenshot(page, 'admin-sign-in', async () => {
      await page.goto(`${svc.url}/admin`);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', 'wrong-password');
      await page.click('button[type=submit]');
      await expect.poll(() => page.textContent('[role=alert]')).toContain('用户名或密码不正确');
      await page.fill('input[name=password]', 'admin-pass-123');
      await page.click('button[type=submit]');
      await page.waitForSelector('main h1');
      expect(await page.textContent('.topbar')).toContain('管理员');
    });
  });

  it('changes a contact phone, and the change is kept', async () => {
    await withScreenshot(page, 'admin-contact-edit', async () => {
      await page.goto(`${svc.url}/admin#/contacts`);
      const row = page.locator('tr[data-contact=米坤]');
      await row.getByRole('button', { name: '编辑' }).click();
      await row.locator('input[name=phone]').fill('13900001111');
      await row.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.locator('tr[data-contact=米坤]').textContent()).toContain('13900001111');
      const res = await svc.request(`/api/provinces/${encodeURIComponent('山东')}/contacts`);
      const body = (await res.json()) as { leads: Array<{ name: string; phone: string }> };
      expect(body.leads.find((c) => c.name === '米坤')?.phone).toBe('13900001111');
    });
  });
});
