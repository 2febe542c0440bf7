import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { describeWithBrowser, launchBrowser, withScreenshot } from './support/browser.js';
import { StandIn } from './support/standin.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { calendarOf, submitReport } from '../api/reports/service.js';
import { DeliveryWorker } from '../api/delivery/worker.js';
import { logQuestion } from '../api/questions/repository.js';
import { createAccount } from '../api/accounts/repository.js';
import { hashPassword } from '../api/accounts/passwords.js';

/**
 * Every console page, at a desktop and a phone size, as an operator sees it: nothing wider than
 * the screen, every visible button's text readable on its background (WCAG contrast from the
 * computed colours), and a screenshot of each (test-artifacts/screenshots/; `npm run screenshots`
 * writes them to docs/screenshots/ for the operator manual, so a plain `npm test` leaves the
 * checkout unchanged).
 */
const backend = backends[backends.length - 1]!;
const SHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? 'test-artifacts/screenshots');

const PAGES = [
  ['dashboard', '概览'],
  ['contacts', '区域与联系人'],
  ['colleges', '院校与群'],
  ['destinations', '送达与绑定'],
  ['channels', '渠道'],
  ['knowledge', '知识库'],
  ['exams', '考试安排'],
  ['notices', '通知'],
  ['deliveries', '投递记录'],
  ['reports', '进展报送'],
  ['questions', '待答问题'],
  ['playground', '问答测试'],
  ['accounts', '账号与绑定码'],
  ['audit', '审计日志'],
] as const;

/** What an operator must never read: region/channel/intent codes, seed file paths, doubled book-title marks, an IP for a person, UTC ISO times. */
const RAW_CODES = /\b(huadong|huabei|wecom_app|wecom_robot|wechaty_room|miniapp_subscribe|contact_lookup|out_of_scope|unanswered|region_manager|province_lead|wecomUserId|wechatId)\b|seeds\/|《《|》》|127\.0\.0\.1|\d{4}-\d\d-\d\dT\d\d:/;

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** What is wrong with the page as rendered: horizontal overflow and unreadable buttons. */
async function layoutProblems(page: Page): Promise<{ overflow: number; lowContrast: string[]; buttons: number }> {
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [m[0]!, m[1]!, m[2]!, m.length > 3 ? m[3]! : 1];
    };
    const over = (top: RGBA, bottom: RGBA): RGBA => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      return [0, 1, 2].map((i) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a).concat(a) as RGBA;
    };
    /** The colour behind an element: its own and its ancestors' backgrounds composited, over white. */
    const background = (el: Element): RGBA => {
      const layers: RGBA[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      return layers.reduceRight<RGBA>((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]: RGBA) =>
      [r, g, b].map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const ratio = (a: RGBA, b: RGBA) => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (l1! + 0.05) / (l2! + 0.05);
    };
    const lowContrast: string[] = [];
    let buttons = 0;
    for (const el of Array.from(document.querySelectorAll('button, a.button'))) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!box.width || !box.height || style.visibility === 'hidden' || !el.textContent?.trim()) continue;
      buttons++;
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const r = ratio(fg, bg);
      if (r < (large ? 3 : 4.5)) lowContrast.push(`${el.textContent.trim()} ${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(',')}) = ${r.toFixed(2)}`);
    }
    return { overflow: document.documentElement.scrollWidth - window.innerWidth, lowContrast, buttons };
  });
}

describeWithBrowser(`every console page at desktop and phone sizes (${backend.name})`, () => {
  let svc: TestService;
  let standIn: StandIn;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    standIn = new StandIn();
    svc = await startTestService(backend, { WECOM_API_BASE: await standIn.start() });
    const calendar = calendarOf(svc.services);
    const current = calendar.current(new Date());
    const previous = calendar.previous(current);
    const colleges = [];
    for (const [province, name, key] of [['33', '杭州某职业学院', 'key-hz'], ['37', '济南某职业学院', 'key-jn'], ['32', '南京某职业技术学院', 'key-nj']] as const) {
      const college = await ensureCollege(svc.db, name, province);
      colleges.push(college);
      await bindGroup(svc.db, { channel: 'wecom_robot', externalId: key, name: `${name}1+X群`, collegeId: college.id, boundBy: 'test' });
    }
    await submitReport(svc.services, { collegeId: colleges[0]!.id, periodId: previous.id, stage: '培训实施', studentsTrained: 86, progress: '完成第一轮培训，86名学生参加', channel: 'api', submittedBy: 'test' });
    await submitReport(svc.services, { collegeId: colleges[1]!.id, periodId: current.id, stage: '培训筹备', progress: '已确定培训教师和机房', problems: '需要考核环境说明', channel: 'api', submittedBy: 'test' });
    for (const sender of ['lisi', 'wangwu']) {
      await logQuestion(svc.db, { channel: 'wecom', sender, senderName: sender === 'lisi' ? '李四' : '王五', provinceCode: '33', question: '证书丢了怎么补办？', reply: '抱歉，这个问题我暂时无法回答，已转给工作人员。', intent: 'unanswered', confidence: 0, abstained: true, status: 'open', conversationId: sender });
    }
    await logQuestion(svc.db, { channel: 'miniapp', sender: 'o-123', provinceCode: '37', question: '考点可以设在校外吗', reply: '抱歉…', intent: 'policy', confidence: 0.2, abstained: true, status: 'open' });
    const admin = await authHeader(svc);
    await svc.request('/api/admin/notices', { json: { title: '华东区师资培训通知', body: '下周一开班，详见 http://x.ibodao.com', target: { regions: ['huadong'] } }, headers: admin });
    await svc.request('/api/admin/notices', { json: { title: '考务说明（草稿）', body: '草稿内容', target: { all: true }, draft: true }, headers: admin });
    await svc.request('/api/admin/bind-codes', { json: { collegeName: '杭州某职业学院', provinceCode: '33', purpose: 'group' }, headers: admin });
    // a group whose robot was removed: a permanent WeCom error
    standIn.failNext(() => true, 5, 93000);
    const worker = new DeliveryWorker(svc.db, svc.services.senders, { maxAttempts: 3, baseDelayMs: 1000 }, svc.services.log);
    await worker.runOnce(new Date(Date.now() + 1000));
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.close();
    await standIn?.stop();
  });

  it('a region manager’s pages on a phone: no overflow, readable buttons, no raw codes', async () => {
    await createAccount(svc.db, { role: 'region_manager', username: 'wangmn', displayName: '华东管家', passwordHash: await hashPassword('huadong-pass-1'), regionCode: 'huadong' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.on('dialog', (d) => void d.dismiss());
    await withScreenshot(page, 'layout-manager-phone', async () => {
      await page.goto(`${svc.url}/admin`);
      await page.fill('input[name=username]', 'wangmn');
      await page.fill('input[name=password]', 'huadong-pass-1');
      await page.click('button[type=submit]');
      await page.waitForSelector('main h1');
      const problems: string[] = [];
      const manager = PAGES.filter(([route]) => !['channels', 'deliveries', 'audit'].includes(route));
      for (const [route, title] of manager) {
        await page.goto(`${svc.url}/admin#/${route}`);
        await expect.poll(() => page.textContent('main h1')).toBe(title);
        await page.waitForFunction(() => !document.querySelector('main [aria-busy=true]') && !document.querySelector('main')?.textContent?.includes('加载中'));
        const found = await layoutProblems(page);
        if (found.overflow > 0) problems.push(`${route}: ${found.overflow}px wider than the screen`);
        problems.push(...found.lowContrast.map((c) => `${route}: ${c}`));
        const raw = RAW_CODES.exec((await page.textContent('main')) ?? '');
        if (raw) problems.push(`${route}: shows the raw “${raw[0]}”`);
      }
      expect(problems).toEqual([]);
      // the region is named, not coded, in the top bar
      expect(await page.textContent('.topbar')).not.toContain('huadong');
    });
    await context.close();
  }, 120_000);

  for (const viewport of VIEWPORTS) {
    it(`has no overflow and readable buttons on every page at ${viewport.width}×${viewport.height}`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('dialog', (d) => void d.dismiss());
      const problems: string[] = [];
      await withScreenshot(page, `layout-${viewport.name}`, async () => {
        await page.goto(`${svc.url}/admin`);
        await page.waitForSelector('form.login');
        await page.screenshot({ path: path.join(SHOTS, `console-login-${viewport.name}.png`) });
        const login = await layoutProblems(page);
        if (login.overflow > 0) problems.push(`login: ${login.overflow}px wider than the screen`);
        problems.push(...login.lowContrast.map((c) => `login: ${c}`));
        await page.fill('input[name=username]', 'admin');
        await page.fill('input[name=password]', 'admin-pass-123');
        await page.click('button[type=submit]');
        await page.waitForSelector('main h1');
        let checkedButtons = 0;
        for (const [route, title] of PAGES) {
          await page.goto(`${svc.url}/admin#/${route}`);
          await expect.poll(() => page.textContent('main h1')).toBe(title);
          // loaded: nothing says 加载中 any more
          await page.waitForFunction(() => !document.querySelector('main [aria-busy=true]') && !document.querySelector('main')?.textContent?.includes('加载中'));
          const found = await layoutProblems(page);
          checkedButtons += found.buttons;
          if (found.overflow > 0) problems.push(`${route}: ${found.overflow}px wider than the screen`);
          // codes and paths are shown as people read them
          // (the audit log's IP column and its stored before/after records are the one place raw values belong)
          const text = await page.evaluate(() => {
            const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
            for (const cell of Array.from(main.querySelectorAll('.audit-log td.json, .audit-log td:last-child'))) cell.remove();
            return main.textContent ?? '';
          });
          const raw = RAW_CODES.exec(text);
          if (raw) problems.push(`${route}: shows the raw “${raw[0]}”`);
          problems.push(...found.lowContrast.map((c) => `${route}: ${c}`));
          await page.screenshot({ path: path.join(SHOTS, `console-${route}-${viewport.name}.png`), fullPage: true });
        }
        expect(problems).toEqual([]);
        // a deadline reads as people say it: the 10th at 00:00 is “9日24点前”
        await page.goto(`${svc.url}/admin#/dashboard`);
        await expect.poll(() => page.textContent('main')).toMatch(/\d+月\d+日24点前报送/);
        expect(checkedButtons).toBeGreaterThan(PAGES.length * 2);
      });
      await context.close();
    }, 120_000);
  }
});
