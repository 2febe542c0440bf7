import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { describeWithBrowser, launchBrowser, withScreenshot } from './support/browser.js';
import { StandIn } from './support/standin.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { calendarOf, submitReport } from '../api/reports/service.js';
import { DeliveryWorker } from '../api/delivery/worker.js';
import { logQuestion } from '../api/questions/repository.js';
import { redeemGroupBindCode } from '../api/miniapp/service.js';

/**
 * The console as an operator works with it: every action says what happened (or why not, with the
 * API's field-level reason), an expired session goes back to sign-in, long lists page and filter,
 * identical questions are answered once, tests in 问答测试 are not questions, and the pages that
 * were missing (deliveries with 重试, reports of any period with 代报 and 未报, accounts and bind
 * codes) do their job.
 */
const backend = backends[backends.length - 1]!;

describeWithBrowser(`console operations in headless Chromium (${backend.name})`, () => {
  let svc: TestService;
  let standIn: StandIn;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Record<string, string>;
  let previousPeriod: string;
  const colleges: Array<{ id: number; name: string }> = [];

  beforeAll(async () => {
    standIn = new StandIn();
    svc = await startTestService(backend, { WECOM_API_BASE: await standIn.start() });
    const calendar = calendarOf(svc.services);
    previousPeriod = calendar.previous(calendar.current(new Date())).id;
    for (const [province, name, key] of [['33', '杭州某职业学院', 'key-hz'], ['37', '济南某职业学院', 'key-jn'], ['32', '南京某职业技术学院', 'key-nj']] as const) {
      const college = await ensureCollege(svc.db, name, province);
      colleges.push(college);
      await bindGroup(svc.db, { channel: 'wecom_robot', externalId: key, name: `${name}1+X群`, collegeId: college.id, boundBy: 'test' });
    }
    await bindGroup(svc.db, { channel: 'wecom_aibot', externalId: 'chat-hz', name: '杭州教师群', collegeId: colleges[0]!.id, boundBy: 'test' });
    // a report for the previous period that came in after its deadline
    await submitReport(svc.services, { collegeId: colleges[0]!.id, periodId: previousPeriod, progress: '上期进展', channel: 'api', submittedBy: 'test' });
    admin = await authHeader(svc);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(8000);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${svc.url}/admin`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'admin-pass-123');
    await page.click('button[type=submit]');
    await page.waitForSelector('main h1');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.close();
    await standIn?.stop();
  });

  const open = async (route: string) => {
    await page.goto(`${svc.url}/admin#/${route}`);
    await page.reload(); // fresh data, also when already on that page
    await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('加载中'));
  };
  const toast = () => page.locator('.toasts').textContent();

  it('shows the API’s field-level reason, and announces what an action did', async () => {
    await withScreenshot(page, 'ops-errors', async () => {
      await open('exams');
      const form = page.locator('form', { hasText: '添加' });
      await form.locator('input[placeholder^=来源]').fill('x');
      await form.getByRole('button', { name: '添加' }).click();
      // zod refused source (min 2): the console names the field and the reason, not just 输入不正确
      await expect.poll(() => form.locator('[role=alert]').textContent()).toBe('请检查来源：至少 2 个字符');
      await form.locator('input[placeholder^=来源]').fill('教育部通知');
      await form.getByRole('button', { name: '添加' }).click();
      await expect.poll(toast).toContain('已添加');
      const added = page.locator('table.exams tbody tr', { hasText: '教育部通知' });
      await expect.poll(() => added.count()).toBe(1);
      await added.getByRole('button', { name: '删除' }).click();
      await expect.poll(toast).toContain('已删除考试安排');
      await expect.poll(() => added.count()).toBe(0);
    });
  });

  it('pages the whole knowledge base, filters by document, and shows an upload first', async () => {
    await withScreenshot(page, 'ops-knowledge', async () => {
      const all = (await (await svc.request('/api/admin/knowledge?pageSize=1', { headers: admin })).json()) as { total: number; documents: Array<{ title: string; count: number }> };
      expect(all.total).toBeGreaterThan(100); // more than the old silent cap
      await open('knowledge');
      const pages = Math.ceil(all.total / 20);
      await expect.poll(() => page.locator('.pager').textContent()).toContain(`第 1 / ${pages} 页，共 ${all.total} 条`);
      await page.getByRole('button', { name: '下一页' }).click();
      await expect.poll(() => page.locator('.pager').textContent()).toContain(`第 2 / ${pages} 页`);
      const doc = [...all.documents].sort((a, b) => a.count - b.count)[0]!;
      await page.selectOption('select[name=document]', doc.title);
      await expect.poll(() => page.locator('.knowledge-entry').count()).toBe(Math.min(doc.count, 20));
      await expect.poll(() => page.locator('.knowledge-count').textContent()).toContain(`共 ${doc.count} 条匹配`);
      // no source path and no doubled book-title marks
      expect(await page.textContent('main')).not.toMatch(/seeds\/|《《/);
      await page.setInputFiles('form.upload input[type=file]', { name: 'faq.md', mimeType: 'text/markdown', buffer: Buffer.from('# 考场须知补充\n\n## 保温杯\n考试当天可以携带透明保温杯。\n') });
      await page.click('form.upload button[type=submit]');
      await expect.poll(toast).toContain('已导入“faq.md”的 1 段内容');
      await expect.poll(() => page.locator('.knowledge-entry').first().textContent()).toContain('考试当天可以携带透明保温杯');
    });
  });

  it('groups identical open questions with where they came from, and answers them together', async () => {
    await withScreenshot(page, 'ops-questions', async () => {
      for (const [sender, name] of [['lisi', '李四'], ['wangwu', '王五']]) {
        await logQuestion(svc.db, { channel: 'wecom_aibot', groupRef: 'chat-hz', inGroup: true, sender, senderName: name, provinceCode: '33', question: '证书丢了怎么补办？', reply: '抱歉…', intent: 'unanswered', confidence: 0, abstained: true, status: 'open', conversationId: sender });
      }
      await logQuestion(svc.db, { channel: 'api', sender: '127.0.0.1', provinceCode: null, question: '证书丢了 怎么补办', reply: '抱歉…', intent: 'unanswered', confidence: 0, abstained: true, status: 'open' });
      await open('questions');
      const card = page.locator('.card.question', { hasText: /证书丢了/ });
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.textContent()).toContain('3 人问过');
      await expect.poll(() => card.locator('.origin').textContent()).toContain('杭州某职业学院（浙江）');
      const origin = await card.locator('.origin').textContent();
      expect(origin).toContain('企业微信智能机器人群“杭州教师群”');
      expect(origin).not.toMatch(/127\.0\.0\.1|wecom|api/);
      await card.locator('textarea').fill('请联系区域管家补办。');
      await card.getByLabel('同时加入知识库（以后助手可直接回答）').uncheck();
      await card.getByRole('button', { name: '提交答复' }).click();
      await expect.poll(toast).toContain('已答复 3 条相同的问题');
      const left = await svc.db.query<{ n: string | number }>("select count(*) as n from questions where question like '证书丢了%' and status = 'open'");
      expect(Number(left[0]!.n)).toBe(0);
    });
  });

  it('does not log a 问答测试 question as a real one', async () => {
    await open('playground');
    await page.fill('input[name=question]', '这是一条后台测试提问');
    await page.click('form button[type=submit]');
    await expect.poll(() => page.locator('.playground-answer').count()).toBe(1);
    const logged = await svc.db.query("select id from questions where question = '这是一条后台测试提问'");
    expect(logged).toEqual([]);
  });

  it('returns to the sign-in form when the session has expired', async () => {
    const other = await browser.newContext();
    const p = await other.newPage();
    p.setDefaultTimeout(8000);
    await p.goto(`${svc.url}/admin`);
    await p.fill('input[name=username]', 'admin');
    await p.fill('input[name=password]', 'admin-pass-123');
    await p.click('button[type=submit]');
    await p.waitForSelector('main h1');
    await p.goto(`${svc.url}/admin#/questions`);
    const refresh = p.getByRole('button', { name: '刷新', exact: true });
    await refresh.waitFor(); // loaded (while loading it reads 刷新中…)
    await other.clearCookies(); // the session is gone (expired, or signed out elsewhere)
    await refresh.click();
    await expect.poll(() => p.locator('form.login').count()).toBe(1);
    expect(await p.textContent('form.login')).toContain('登录已过期');
    await other.close();
  });

  it('reports: any period with its late reports, 代报 for a college that phoned in, and the missing ones in the export', async () => {
    await withScreenshot(page, 'ops-reports', async () => {
      await open('reports');
      await page.selectOption('select[name=period]', previousPeriod);
      await expect.poll(() => page.locator('.report-row').count()).toBe(1);
      expect(await page.locator('.report-row').textContent()).toContain('杭州某职业学院');
      expect(await page.locator('.report-row').textContent()).toContain('迟报');
      await expect.poll(() => page.locator('table.missing-colleges').textContent()).toContain('济南某职业学院');
      await page.getByRole('button', { name: '代报进展' }).click();
      const entry = page.locator('form.manual-entry');
      await entry.locator('select[aria-label=院校]').selectOption({ label: '济南某职业学院' });
      await entry.locator('input[aria-label=培训学生]').fill('45');
      await entry.locator('textarea[aria-label=进展]').fill('电话报送：已完成第一轮培训');
      await entry.getByRole('button', { name: '保存代报' }).click();
      await expect.poll(toast).toContain('已为济南某职业学院录入');
      await expect.poll(() => page.locator('.report-row').count()).toBe(2);
      expect(await page.locator('.report-row', { hasText: '济南某职业学院' }).textContent()).toContain('后台代报');
      const csv = await (await svc.request(`/api/reports/export?period=${previousPeriod}&format=csv`, { headers: admin })).text();
      expect(csv).toContain('南京某职业技术学院');
      expect(csv).toMatch(/南京某职业技术学院.*未报/);
      expect(csv).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/); // 更新时间 in local time, not ISO UTC
    });
  });

  it('deliveries: a permanent WeCom error in Chinese, not retried until 重试', async () => {
    await withScreenshot(page, 'ops-deliveries', async () => {
      await svc.request('/api/admin/notices', { json: { title: '华东区师资培训通知', body: '下周一开班', target: { provinces: ['32'] } }, headers: admin });
      standIn.failNext((c) => c.query.get('key') === 'key-nj', 9, 93000);
      const worker = new DeliveryWorker(svc.db, svc.services.senders, { maxAttempts: 3, baseDelayMs: 1000 }, svc.services.log);
      await worker.runOnce(new Date(Date.now() + 1000));
      await open('deliveries');
      const row = page.locator('tr.delivery', { hasText: '南京某职业技术学院1+X群' });
      await expect.poll(() => row.textContent()).toContain('群机器人 webhook 地址无效');
      expect(await row.textContent()).toContain('1 次');
      expect(await row.textContent()).toContain('企业微信群机器人');
      await row.getByRole('button', { name: '重试' }).click();
      await expect.poll(toast).toContain('已重新排队发送');
      const [d] = await svc.db.query<{ status: string }>("select status from deliveries where destination = 'key-nj'");
      expect(d!.status).toBe('queued');
    });
  });

  it('notices: the body can be read, and a text over WeCom’s 2,048 bytes is announced as parts', async () => {
    await open('notices');
    const row = page.locator('tr.notice-row', { hasText: '华东区师资培训通知' });
    await row.getByRole('button', { name: '查看内容' }).click();
    await expect.poll(() => page.locator('tr.notice-body').textContent()).toContain('下周一开班');
    await page.fill('.notice-form input[name=title]', '长通知');
    await page.fill('.notice-form textarea[name=body]', '各院校：请按时完成培训并报送进展。\n'.repeat(80));
    await expect.poll(() => page.locator('.length-hint').textContent()).toContain('超过企业微信单条 2048 字节上限');
    await page.click('.notice-form button[type=submit]');
    await expect.poll(() => page.locator('.notice-preview').textContent()).toMatch(/将按段落分 \d 条发送/);
  });

  it('accounts: an admin disables, resets and deletes another account; a bind code is revoked', async () => {
    await withScreenshot(page, 'ops-accounts', async () => {
      await svc.request('/api/admin/accounts', { json: { username: 'huabei', displayName: '华北管家', password: 'huabei-pass-123456', role: 'region_manager', regionCode: 'huabei' }, headers: admin });
      await open('accounts');
      const row = page.locator('tr[data-account=huabei]');
      await row.getByRole('button', { name: '停用' }).click();
      await expect.poll(() => row.textContent()).toContain('已停用');
      expect((await svc.request('/api/auth/login', { json: { username: 'huabei', password: 'huabei-pass-123456' } })).status).toBe(401);
      await row.getByRole('button', { name: '启用' }).click();
      await expect.poll(() => row.textContent()).toContain('正常');
      await row.getByRole('button', { name: '重设密码' }).click();
      await row.locator('input[aria-label=新密码]').fill('a-brand-new-pass-2026');
      await row.getByRole('button', { name: '确定重设' }).click();
      await expect.poll(toast).toContain('已重设 huabei 的密码');
      expect((await svc.request('/api/auth/login', { json: { username: 'huabei', password: 'a-brand-new-pass-2026' } })).status).toBe(200);
      await row.getByRole('button', { name: '删除' }).click();
      await expect.poll(() => page.locator('tr[data-account=huabei]').count()).toBe(0);

      const issued = (await (await svc.request('/api/admin/bind-codes', { json: { collegeId: colleges[1]!.id, purpose: 'group' }, headers: admin })).json()) as { bindCode: { code: string } };
      await open('accounts');
      const code = page.locator(`tr[data-code="${issued.bindCode.code}"]`);
      await code.getByRole('button', { name: '作废' }).click();
      await expect.poll(toast).toContain(`已作废 ${issued.bindCode.code}`);
      expect(await redeemGroupBindCode(svc.db, issued.bindCode.code, new Date())).toBeUndefined();
    });
  });
});
