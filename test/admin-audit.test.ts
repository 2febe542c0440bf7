import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { backends } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';
import { describeWithBrowser, launchBrowser, withScreenshot } from './support/browser.js';

const backend = backends[backends.length - 1]!;

/**
 * The console side of the security work, in headless Chromium: a first start without
 * ADMIN_PASSWORD makes the admin choose a password before anything else; every change then
 * shows in 审计日志 with who, what, before and after; the console's requests pass the CSRF check.
 */
describeWithBrowser(`console audit log and first sign-in in headless Chromium (${backend.name})`, () => {
  let dir: string;
  let svc: TestService;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'onex-audit-'));
    svc = await startTestService(backend, { ADMIN_PASSWORD: '', DATA_DIR: dir });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the admin replace the generated password, then shows each change in 审计日志', async () => {
    await withScreenshot(page, 'admin-audit', async () => {
      const generated = /password: (\S+)/.exec(readFileSync(path.join(dir, 'admin-initial-password.txt'), 'utf8'))![1]!;
      await page.goto(`${svc.url}/admin`);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', generated);
      await page.click('button[type=submit]');
      await page.waitForSelector('form.change-password');
      await page.fill('input[name=currentPassword]', generated);
      await page.fill('input[name=newPassword]', 'my own long passphrase');
      await page.fill('input[name=repeat]', 'my own long passphrase');
      await page.click('form.change-password button[type=submit]');
      await page.waitForSelector('main h1');

      // A change through the console (cookie session, so it must pass the CSRF check).
      await page.goto(`${svc.url}/admin#/contacts`);
      await page.waitForSelector('main h1');
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === 'onex_session')?.secure).toBe(false); // plain HTTP here
      const created = await page.evaluate(async () => {
        const res = await fetch('/api/admin/contacts', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'onex-console' },
          body: JSON.stringify({ name: '审计测试', phone: '13800002222', role: 'province_lead', provinceCode: '37' }),
        });
        return res.status;
      });
      expect(created).toBe(201);
      const forged = await page.evaluate(async () => (await fetch('/api/admin/contacts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
      expect(forged).toBe(403); // the cookie alone does not make a change

      await page.goto(`${svc.url}/admin#/audit`);
      await page.waitForSelector('table.audit-log tbody tr');
      const text = await page.textContent('table.audit-log');
      expect(text).toContain('新增联系人');
      expect(text).toContain('审计测试');
      expect(text).toContain('修改密码');
      expect(text).toContain('登录');
      expect(text).toContain('admin');
    });
  }, 120_000);
});
