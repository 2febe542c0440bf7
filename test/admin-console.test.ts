import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { backends } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';
import { describeWithBrowser, launchBrowser, withScreenshot } from './support/browser.js';
import { StandIn } from './support/standin.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { createAccount } from '../api/accounts/repository.js';
import { hashPassword } from '../api/accounts/passwords.js';
import { submitReport } from '../api/reports/service.js';
import { DeliveryWorker } from '../api/delivery/worker.js';
import { logQuestion } from '../api/questions/repository.js';

const backend = backends[backends.length - 1]!;

describeWithBrowser(`admin console in headless Chromium (${backend.name})`, () => {
  let svc: TestService;
  let standIn: StandIn;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    standIn = new StandIn();
    svc = await startTestService(backend, { WECOM_API_BASE: await standIn.start() });
    for (const [province, name, key] of [['33', '杭州某职业学院', 'key-hz'], ['37', '济南某职业学院', 'key-jn']] as const) {
      const college = await ensureCollege(svc.db, name, province);
      await bindGroup(svc.db, { channel: 'wecom_robot', externalId: key, name: `${name}群`, collegeId: college.id, boundBy: 'test' });
      await submitReport(svc.services, { collegeId: college.id, periodId: '2026-11-a', progress: `${name}进展`, channel: 'api', submittedBy: 'test' });
    }
    await createAccount(svc.db, { role: 'region_manager', username: 'huadong', displayName: '华东管家', passwordHash: await hashPassword('huadong-pass-1'), regionCode: 'huadong' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.close();
    await standIn?.stop();
  });

  async function signIn(p: Page, username: string, password: string) {
    await p.goto(`${svc.url}/admin`);
    await p.fill('input[name=username]', username);
    await p.fill('input[name=password]', password);
    await p.click('button[type=submit]');
    await p.waitForSelector('main h1');
  }

  it('signs in with the bootstrap admin, refusing a wrong password', async () => {
    await withScreenshot(page, 'admin-sign-in', async () => {
      await page.goto(`${svc.url}/admin`);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', 'wrong-password');
      await page.click('button[type=submit]');
      await expect.poll(() => page.textContent('[role=alert]')).toContain('用户名或密码不正确');
      await signIn(page, 'admin', 'admin-pass-123');
      expect(await page.textContent('.topbar')).toContain('管理员');
      expect(await page.textContent('.period-status')).toContain('华东区');
    });
  });

  it('changes a contact phone, and the playground answers with the new phone', async () => {
    await withScreenshot(page, 'admin-contact-edit', async () => {
      await page.goto(`${svc.url}/admin#/contacts`);
      await page.fill('input[aria-label=搜索联系人]', '米坤');
      const row = page.locator('tr[data-contact=米坤]');
      await row.getByRole('button', { name: '编辑' }).click();
      await row.locator('input[name=phone]').fill('13900001111');
      await row.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.locator('tr[data-contact=米坤]').textContent()).toContain('13900001111');

      await page.goto(`${svc.url}/admin#/playground`);
      await page.selectOption('select[name=province]', { label: '山东' });
      await page.fill('input[name=question]', '校企合作找谁');
      await page.click('form button[type=submit]');
      await expect.poll(() => page.locator('.playground-answer').first().textContent()).toContain('米坤 13900001111');
    });
  });

  it('composes a notice to one region and watches its deliveries', async () => {
    await withScreenshot(page, 'admin-notice', async () => {
      await page.goto(`${svc.url}/admin#/notices`);
      await page.fill('.notice-form input[name=title]', '华东区师资培训通知');
      await page.fill('.notice-form textarea[name=body]', '下周一开班，详见 http://x.ibodao.com');
      await page.selectOption('.notice-form select[name=scope]', 'region');
      await page.selectOption('.notice-form select[name=region]', 'huadong');
      await page.click('.notice-form button[type=submit]');
      // a preview with the text and the recipient count comes first; a double click on 确认发布 publishes once
      await expect.poll(() => page.locator('.notice-preview').textContent()).toContain('将发送给 1 个对象');
      expect(await page.locator('.notice-preview .preview-text').textContent()).toBe('【通知】华东区师资培训通知\n下周一开班，详见 http://x.ibodao.com');
      await page.dblclick('.notice-preview .confirm-publish');
      await expect.poll(() => page.locator('.deliveries').textContent()).toContain('排队中');
      const made = await svc.db.query("select id from notices where title = '华东区师资培训通知'");
      expect(made).toHaveLength(1);
      expect(await page.locator('.delivery').count()).toBe(1);
      expect(await page.locator('.deliveries').textContent()).toContain('杭州某职业学院群');

      const worker = new DeliveryWorker(svc.db, svc.services.senders, { maxAttempts: 3, baseDelayMs: 1000 }, svc.services.log);
      await worker.runOnce(new Date(Date.now() + 1000));
      await page.locator('.deliveries').getByRole('button', { name: '刷新' }).click();
      await expect.poll(() => page.locator('.deliveries').textContent()).toContain('已送达');
      expect(standIn.calls.map((c) => c.query.get('key'))).toEqual(['key-hz']);
    });
  });

  it('sets a manager’s WeCom id and sends a test digest from 送达与绑定', async () => {
    await withScreenshot(page, 'admin-destinations', async () => {
      await page.goto(`${svc.url}/admin#/contacts`);
      await page.fill('input[aria-label=搜索联系人]', '王敏娜');
      const row = page.locator('tr[data-contact="王敏娜"]');
      await row.getByRole('button', { name: '编辑' }).click();
      await row.locator('input[name=wecomUserId]').fill('WangMinNa');
      await row.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => page.locator('tr[data-contact="王敏娜"]').textContent()).toContain('企业微信：WangMinNa');
      await page.goto(`${svc.url}/admin#/destinations`);
      const card = page.locator('.card[data-region=huadong]');
      await expect.poll(() => card.textContent()).toContain('摘要发送给：王敏娜');
      standIn.calls.length = 0;
      await card.getByRole('button', { name: '发送测试' }).click();
      await expect.poll(() => card.locator('.test-result').textContent()).toContain('WangMinNa');
      // this service has no WeCom app credentials: the operator sees why it was not delivered, in Chinese
      expect(await card.locator('.test-result').textContent()).toContain('企业微信应用未配置（WECOM_CORP_ID / WECOM_SECRET），无法发送');
    });
  });

  it('keeps a region manager to its own region’s reports, in the page and at the API', async () => {
    const context = await browser.newContext();
    const managerPage = await context.newPage();
    await withScreenshot(managerPage, 'admin-region-manager', async () => {
      await signIn(managerPage, 'huadong', 'huadong-pass-1');
      await managerPage.goto(`${svc.url}/admin#/reports?period=2026-11-a&region=huabei`);
      await managerPage.waitForSelector('.report-row');
      const rows = await managerPage.locator('.report-row').allTextContents();
      expect(rows.join()).toContain('杭州某职业学院');
      expect(rows.join()).not.toContain('济南');
      const status = await managerPage.evaluate(async () => (await fetch('/api/reports?region=huabei')).status);
      expect(status).toBe(403);
      const accounts = await managerPage.evaluate(async () => (await fetch('/api/admin/accounts')).status);
      expect(accounts).toBe(403);
    });
    await context.close();
  });

  it('answers an open WeCom question: after confirming, the answer is queued back to the asker and shown', async () => {
    await withScreenshot(page, 'admin-question-answer', async () => {
      await logQuestion(svc.db, { channel: 'wecom', sender: 'lisi', question: '证书丢了怎么补办', reply: '抱歉…', intent: 'unanswered', confidence: 0, abstained: true, status: 'open', conversationId: 'lisi' });
      await page.goto(`${svc.url}/admin#/questions`);
      const card = page.locator('.card.question', { hasText: '证书丢了怎么补办' });
      await expect.poll(() => card.textContent()).toContain('答复会发回提问人');
      await card.locator('textarea').fill('请联系区域管家补办。');
      await card.getByLabel('同时加入知识库（以后助手可直接回答）').uncheck();
      page.once('dialog', (d) => void d.accept());
      await card.getByRole('button', { name: '提交答复' }).click();
      await expect.poll(() => page.locator('.card.question', { hasText: '证书丢了怎么补办' }).count()).toBe(0);
      await page.selectOption('main select', 'answered');
      const row = page.locator('tr', { hasText: '证书丢了怎么补办' });
      await expect.poll(() => row.textContent()).toContain('排队中');
      const queued = await svc.db.query<{ channel: string; destination: string }>('select channel, destination from deliveries where question_id is not null');
      expect(queued).toEqual([{ channel: 'wecom_app', destination: 'lisi' }]);
    });
  });

  it('works on a phone-sized screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await withScreenshot(phone, 'admin-phone', async () => {
      await signIn(phone, 'admin', 'admin-pass-123');
      await phone.click('.menu-toggle');
      await phone.click('nav a[href="#/questions"]');
      await expect.poll(() => phone.textContent('main h1')).toBe('待答问题');
    });
    await phone.close();
  });
});
