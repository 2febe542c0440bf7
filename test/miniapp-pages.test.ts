// @vitest-environment jsdom
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import simulate from 'miniprogram-simulate';
import { spawnServer } from '../bench/spawn.js';
import { StandIn } from './support/standin.js';

// The mini-program's pages in miniprogram-simulate, against the real API (run as its own
// process) with `wx` provided here: wx.request goes to that API, other wx calls are recorded.
const require = createRequire(import.meta.url);
const DIST = path.resolve('miniapp/dist');
const page = (name: string) => path.join(DIST, 'pages', name, 'index');

const recorded = {
  makePhoneCall: [] as Array<{ phoneNumber: string }>,
  toast: [] as Array<{ title: string }>,
  navigateTo: [] as Array<{ url: string }>,
  subscribeAsked: [] as string[][],
  stopPullDownRefresh: 0,
};
const storage = new Map<string, unknown>();

function installWx() {
  (globalThis as Record<string, unknown>).wx = {
    request(o: { url: string; method: string; data?: unknown; header: Record<string, string>; success: (r: unknown) => void; fail: () => void }) {
      const body = o.data !== undefined && o.method !== 'GET' ? JSON.stringify(o.data) : undefined;
      const req = http.request(o.url, { method: o.method, headers: o.header }, (res) => {
        let raw = '';
        res.on('data', (c) => (raw += c));
        res.on('end', () => o.success({ statusCode: res.statusCode, data: raw ? JSON.parse(raw) : undefined }));
      });
      req.on('error', () => o.fail());
      req.end(body);
    },
    login: (o: { success: (r: { code: string }) => void }) => o.success({ code: 'code-teacher' }),
    setStorageSync: (k: string, v: unknown) => storage.set(k, v),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    removeStorageSync: (k: string) => storage.delete(k),
    showToast: (o: { title: string }) => recorded.toast.push(o),
    makePhoneCall: (o: { phoneNumber: string }) => recorded.makePhoneCall.push(o),
    navigateTo: (o: { url: string }) => recorded.navigateTo.push(o),
    switchTab: (o: { url: string }) => recorded.navigateTo.push(o),
    stopPullDownRefresh: () => (recorded.stopPullDownRefresh += 1),
    requestSubscribeMessage: (o: { tmplIds: string[]; success: (r: Record<string, string>) => void }) => {
      recorded.subscribeAsked.push(o.tmplIds);
      o.success({ [o.tmplIds[0]!]: 'accept' });
    },
  };
}

async function render(name: string, onLoadArgs?: unknown): Promise<any> {
  const id = simulate.load(page(name), { rootPath: DIST });
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  if (typeof comp.instance.onLoad === 'function') await comp.instance.onLoad(onLoadArgs);
  await simulate.sleep(0);
  return comp;
}
const text = (comp: any, selector: string) => comp.querySelector(selector)?.dom.textContent ?? '';
/** Wait for the page to show something (requests go to a real server; CI machines are slow). */
const until = async (check: () => boolean, timeout = 10_000) => {
  for (const start = Date.now(); !check(); await simulate.sleep(50)) if (Date.now() - start > timeout) throw new Error('timed out waiting for the page');
};

describe('mini-program pages in miniprogram-simulate', () => {
  let server: Awaited<ReturnType<typeof spawnServer>>;
  let standIn: StandIn;
  let dataDir: string;
  let clock: { now: () => Date };
  let bindCode: string;
  let base: string;
  let adminToken: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['miniapp/build.mjs']);
    standIn = new StandIn();
    standIn.handler = (c) => (c.path === '/sns/jscode2session' ? { openid: `openid-${c.query.get('js_code')}`, session_key: 'k' } : { errcode: 0 });
    await standIn.start();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'onex-miniapp-'));
    server = await spawnServer(
      'api/server.ts',
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: 'admin-pass-123', SCHEDULER_ENABLED: 'false', WECHAT_API_BASE: standIn.url, MINIAPP_APPID: 'wx1', MINIAPP_SECRET: 's', MINIAPP_NOTICE_TEMPLATE_ID: 'TPL1', LOG_LEVEL: 'info' },
      /"url":"http:\/\/127\.0\.0\.1:(\d+)"/,
    );
    base = `http://127.0.0.1:${server.port}`;
    require(path.join(DIST, 'config.js')).config.apiBase = base;
    clock = require(path.join(DIST, 'lib/clock.js')).clock;
    const login = (await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-123' }) })).json()) as { token: string };
    adminToken = login.token;
    const issued = await fetch(`${base}/api/admin/bind-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ collegeName: '济南某职业学院', provinceCode: '37' }),
    });
    bindCode = ((await issued.json()) as { bindCode: { code: string } }).bindCode.code;
    await fetch(`${base}/api/admin/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ title: '2027年考试报名通知', body: '报名入口：https://vslc.ncb.edu.cn', target: { all: true } }),
    });
    await fetch(`${base}/api/admin/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ title: '上海考点调整', body: '仅上海', target: { provinces: ['31'] } }),
    });
    installWx();
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await standIn?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('考试: the honest message when nothing upcoming is published, with the official channels', async () => {
    clock.now = () => new Date('2026-11-24T04:00:00Z');
    const comp = await render('exams');
    expect(comp.querySelector('.next-exam')).toBeUndefined();
    expect(text(comp, '.no-exam')).toContain('暂未发布新的考试安排');
    expect(text(comp, '.no-exam')).toContain('vslc.ncb.edu.cn');
    expect(text(comp, '.no-exam')).toContain('新的考试时间公布后会显示在本页');
    expect(comp.toJSON().children.map(() => 1).length).toBeGreaterThan(0);
  });

  it('考试: the next exam and a countdown for an injected date', async () => {
    clock.now = () => new Date('2022-09-01T04:00:00Z');
    const comp = await render('exams');
    expect(text(comp, '.next-label')).toContain('2022年10月');
    expect(text(comp, '.countdown')).toContain('还有 30 天');
    expect(comp.querySelector('.no-exam')).toBeUndefined();
  });

  it('证书: three levels with work areas, majors by school type, jobs', async () => {
    const comp = await render('certificate');
    const levels = comp.querySelectorAll('.level');
    expect(levels).toHaveLength(3);
    expect(levels[2].dom.textContent).toContain('数据化运营创新');
    expect(text(comp, '.majors')).toContain('高等职业学校');
    expect(levels[0].dom.textContent).toContain('电子商务数据分析助理');
  });

  it('找人: 济南 shows 米坤, 刘维 and 王鹤璇, and tapping a phone calls it', async () => {
    const comp = await render('contacts');
    comp.instance.setData({ query: '济南' });
    comp.querySelector('.search-btn').dispatchEvent('tap');
    await until(() => comp.querySelectorAll('.card').length > 0);
    const cards = comp.querySelectorAll('.card').map((c: any) => c.dom.textContent);
    expect(text(comp, '.place')).toContain('山东（华北区）');
    expect(cards.join()).toContain('米坤');
    expect(cards.join()).toContain('刘维');
    expect(cards[0]).toContain('王鹤璇');
    expect(cards[0]).toContain('区域管家');
    comp.querySelectorAll('.phone')[0].dispatchEvent('tap');
    await simulate.sleep(0);
    expect(recorded.makePhoneCall.at(-1)).toEqual({ phoneNumber: '13936352355' });
  });

  it('通知: the latest notices, a detail page, and subscribing', async () => {
    const comp = await render('notices');
    const items = comp.querySelectorAll('.notice');
    expect(items[0].dom.textContent).toContain('2027年考试报名通知');
    const api = require(path.join(DIST, 'services/api.js'));
    await api.login();
    comp.querySelector('.subscribe-btn').dispatchEvent('tap');
    await until(() => text(comp, '.subscribe-btn').includes('已订阅'));
    expect(text(comp, '.subscribe-btn')).toContain('已订阅');
    expect(recorded.subscribeAsked.at(-1)).toEqual(['TPL1']); // the server's MINIAPP_NOTICE_TEMPLATE_ID, the one place it is set
    const id = (await api.api.notices()).notices[0].id;
    const detail = await render('notice-detail', { id: String(id) });
    expect(detail.querySelector('.body').dom.textContent).toContain('vslc.ncb.edu.cn');
  });

  it('通知: a student picks a province and sees that province’s notices only', async () => {
    const api = require(path.join(DIST, 'services/api.js'));
    await api.login();
    const comp = await render('notices');
    await until(() => comp.instance.data.provinces.length > 0);
    const titles = () => comp.querySelectorAll('.notice').map((n: { dom: HTMLElement }) => n.dom.textContent ?? '').join('|');
    await comp.instance.onProvince({ detail: { value: comp.instance.data.provinces.indexOf('山东') } });
    await until(() => text(comp, '.province-picker').includes('山东'));
    expect(titles()).toContain('2027年考试报名通知');
    expect(titles()).not.toContain('上海考点调整');
    await comp.instance.onProvince({ detail: { value: comp.instance.data.provinces.indexOf('上海') } });
    await until(() => titles().includes('上海考点调整'));
    await comp.instance.onProvince({ detail: { value: comp.instance.data.provinces.indexOf('山东') } }); // the next tests read as 山东
  });

  it('问答: shows the answer with its source', async () => {
    const comp = await render('ask');
    comp.instance.setData({ question: '考点服务器操作系统有什么要求' });
    comp.querySelector('.ask-btn').dispatchEvent('tap');
    await until(() => !!comp.querySelector('.answer'));
    expect(text(comp, '.answer')).toContain('Windows Server 2008 R2');
    expect(text(comp, '.answer')).toContain('来源');
  });

  it('问答: a declined question waits in 我的提问, and the staff answer appears there', async () => {
    const api = require(path.join(DIST, 'services/api.js'));
    await api.login();
    const comp = await render('ask');
    comp.instance.setData({ question: '给我讲个笑话吧' });
    comp.querySelector('.ask-btn').dispatchEvent('tap');
    await until(() => !!comp.querySelector('.declined') && !!comp.querySelector('.mine-item'));
    expect(text(comp, '.mine-item')).toContain('等待工作人员答复');
    // This server has no MINIAPP_ANSWER_TEMPLATE_ID: the page says the reminder is not available instead of doing nothing.
    await until(() => text(comp, '.declined').includes('答复提醒暂未开通'));
    expect(recorded.subscribeAsked.flat()).not.toContain('');
    const admin = { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` };
    const { questions } = (await (await fetch(`${base}/api/admin/questions?status=open`, { headers: admin })).json()) as { questions: Array<{ id: number; channel: string; question: string }> };
    const q = questions.find((x) => x.channel === 'miniapp' && x.question === '给我讲个笑话吧')!;
    expect((await fetch(`${base}/api/admin/questions/${q.id}/answer`, { method: 'POST', headers: admin, body: JSON.stringify({ answer: '请问与证书有关的问题哦。' }) })).status).toBe(200);
    await comp.instance.loadMine();
    await until(() => text(comp, '.mine-answer').includes('请问与证书有关的问题哦。'));
  });

  it('进展: a contact verifies with a bind code, the form validates numbers, and the report is filed', async () => {
    const app = require(path.join(DIST, 'services/api.js'));
    await app.login();
    const comp = await render('report');
    expect(comp.querySelector('.bind')).toBeDefined();
    comp.instance.setData({ bindCode });
    comp.querySelector('.bind-btn').dispatchEvent('tap');
    await until(() => !!comp.querySelector('.college'));
    expect(text(comp, '.college')).toBe('济南某职业学院');
    expect(text(comp, '.status')).toMatch(/本期(尚未|已)报送/);

    comp.instance.setData({ form: { stage: '培训实施', progress: '开班两期', studentsTrained: '12.5', studentsRegistered: '40', studentsPassed: '50', teachersTrained: '-1', problems: '' } });
    comp.querySelector('.submit-btn').dispatchEvent('tap');
    await simulate.sleep(100);
    expect(text(comp, '.err-studentsTrained')).toContain('正整数');
    expect(text(comp, '.err-teachersTrained')).toContain('正整数');
    expect(text(comp, '.err-studentsPassed')).toContain('不能多于报名人数');

    comp.instance.setData({ form: { stage: '培训实施', progress: '开班两期', studentsTrained: '120', studentsRegistered: '40', studentsPassed: '30', teachersTrained: '5', problems: '机房紧张' } });
    comp.querySelector('.submit-btn').dispatchEvent('tap');
    await until(() => text(comp, '.message').includes('的报送') && (text(comp, '.status') + text(comp, '.previous')).includes('已报送'));
    expect(text(comp, '.message')).toMatch(/已提交 \d{4}-\d{2}-[ab] 的报送/);
    // (the real clock decides whether it filled this period or, within the grace days, the last one)
    expect(text(comp, '.status') + text(comp, '.previous')).toContain('已报送');
  });

  it('我的 tab → 进展: a verified contact reaches the report from the tab bar and is not asked to bind again', async () => {
    const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { pages: string[]; tabBar: { list: Array<{ pagePath: string; text: string; iconPath: string; selectedIconPath: string }> } };
    const tabs = appJson.tabBar.list;
    expect(tabs.length).toBeLessThanOrEqual(5); // WeChat's limit
    for (const t of tabs) {
      expect(appJson.pages).toContain(t.pagePath);
      for (const icon of [t.iconPath, t.selectedIconPath]) expect(readFileSync(path.join(DIST, icon)).subarray(1, 4).toString()).toBe('PNG');
    }
    const mineTab = tabs.find((t) => t.text === '我的')!;
    // The user taps 我的 in the tab bar, then 进展报送.
    const mine = await render(mineTab.pagePath.replace(/^pages\/|\/index$/g, ''));
    await until(() => text(mine, '.report-line').includes('济南某职业学院'));
    mine.querySelector('.entry-report').dispatchEvent('tap');
    await simulate.sleep(0);
    const url = recorded.navigateTo.at(-1)!.url;
    expect(appJson.pages).toContain(url.replace(/^\//, ''));
    const report = await render(url.replace(/^\/pages\/|\/index$/g, ''));
    await until(() => report.instance.data.state === 'ready');
    expect(text(report, '.college')).toBe('济南某职业学院');
    expect(report.querySelector('.bind')).toBeUndefined();

    // Opened before the launch login finished (no token yet), or with an expired token: it logs in and still knows the contact.
    storage.delete('session_token');
    const fresh = await render('report');
    await until(() => fresh.instance.data.state === 'ready');
    expect(text(fresh, '.college')).toBe('济南某职业学院');
    storage.set('session_token', 'expired.token.value');
    const expired = await render('report');
    await until(() => expired.instance.data.state === 'ready');
    expect(text(expired, '.college')).toBe('济南某职业学院');
    expect(expired.querySelector('.bind')).toBeUndefined();
  });

  it('我的提问: the user’s questions with the staff answer', async () => {
    const mine = await render('mine');
    await until(() => mine.instance.data.state === 'ready');
    const items = mine.querySelectorAll('.mine-item').map((n: { dom: HTMLElement }) => n.dom.textContent ?? '').join('|');
    expect(items).toContain('给我讲个笑话吧');
    expect(items).toContain('答复：请问与证书有关的问题哦。');
    expect(items).toContain('已答复');
  });

  it('API down: every page shows an error with 重试 (not a blank page), and 重试 recovers', async () => {
    const config = require(path.join(DIST, 'config.js')).config as { apiBase: string };
    const dead = net.createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', () => resolve()));
    const deadPort = (dead.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const noticeId = (await (await fetch(`${base}/api/notices`)).json()).notices[0].id as number;
    const pages: Array<[string, unknown, string]> = [
      ['exams', undefined, '.session'],
      ['certificate', undefined, '.level'],
      ['contacts', undefined, '.search-btn'],
      ['notices', undefined, '.notice'],
      ['notice-detail', { id: String(noticeId) }, '.body'],
      ['mine', undefined, '.entry-report'],
      ['report', undefined, '.college'],
    ];
    for (const [name, args, content] of pages) {
      config.apiBase = `http://127.0.0.1:${deadPort}`;
      const comp = await render(name, args);
      await until(() => comp.instance.data.state === 'error');
      expect(text(comp, '.state-error'), name).toContain('网络');
      expect(text(comp, '.retry-btn'), name).toBe('重试');
      expect(comp.querySelector(content), name).toBeUndefined();
      expect(comp.querySelector('.bind'), name).toBeUndefined(); // 进展 never falls back to the bind form on a network failure
      config.apiBase = base;
      comp.querySelector('.retry-btn').dispatchEvent('tap');
      await until(() => comp.instance.data.state === 'ready');
      expect(comp.querySelector(content), name).toBeDefined();
      expect(comp.querySelector('.state-error'), name).toBeUndefined();
      // Pull-down refresh reloads and closes the indicator.
      const stops = recorded.stopPullDownRefresh;
      await comp.instance.onPullDownRefresh();
      expect(recorded.stopPullDownRefresh, name).toBe(stops + 1);
      expect(comp.querySelector(content), name).toBeDefined();
    }

    // 找人: a search that could not reach the API offers 重试; a place that does not exist does not.
    const contacts = await render('contacts');
    config.apiBase = `http://127.0.0.1:${deadPort}`;
    contacts.instance.setData({ query: '济南' });
    contacts.querySelector('.search-btn').dispatchEvent('tap');
    await until(() => !!contacts.querySelector('.search-error'));
    expect(text(contacts, '.search-error')).toContain('网络');
    config.apiBase = base;
    contacts.querySelector('.search-retry-btn').dispatchEvent('tap');
    await until(() => contacts.querySelectorAll('.card').length > 0);
    expect(text(contacts, '.place')).toContain('山东');
    contacts.instance.setData({ query: '火星' });
    contacts.querySelector('.search-btn').dispatchEvent('tap');
    await until(() => !!contacts.querySelector('.search-error'));
    expect(text(contacts, '.search-error')).toContain('没有找到');
    expect(contacts.querySelector('.search-retry-btn')).toBeUndefined();

    // 问答: a question that could not be sent shows the reason and 重试 asks it again.
    config.apiBase = `http://127.0.0.1:${deadPort}`;
    const ask = await render('ask');
    ask.instance.setData({ question: '考点服务器操作系统有什么要求' });
    ask.querySelector('.ask-btn').dispatchEvent('tap');
    await until(() => !!ask.querySelector('.state-error'));
    expect(text(ask, '.state-error')).toContain('网络');
    config.apiBase = base;
    ask.querySelector('.retry-btn').dispatchEvent('tap');
    await until(() => text(ask, '.answer').includes('Windows Server 2008 R2'));
    expect(ask.querySelector('.state-error')).toBeUndefined();
  });

  it('every page can be forwarded: onShareAppMessage returns a path to a page of the app', async () => {
    const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { pages: string[] };
    const noticeId = (await (await fetch(`${base}/api/notices`)).json()).notices[0].id as number;
    for (const p of appJson.pages) {
      const name = p.replace(/^pages\/|\/index$/g, '');
      const comp = await render(name, name === 'notice-detail' ? { id: String(noticeId) } : undefined);
      const share = comp.instance.onShareAppMessage();
      expect(share.title, name).toContain('1+X');
      const [target, query] = String(share.path).split('?');
      expect(appJson.pages, name).toContain(target!.replace(/^\//, ''));
      expect(existsSync(path.join(DIST, `${target}.js`)), name).toBe(true);
      if (name === 'notice-detail') expect(query).toBe(`id=${noticeId}`);
    }
  });
});
