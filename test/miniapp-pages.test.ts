// @vitest-environment jsdom
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
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

const recorded = { makePhoneCall: [] as Array<{ phoneNumber: string }>, toast: [] as Array<{ title: string }> };
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
    navigateTo: () => undefined,
    requestSubscribeMessage: (o: { tmplIds: string[]; success: (r: Record<string, string>) => void }) => o.success({ [o.tmplIds[0]!]: 'accept' }),
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
    require(path.join(DIST, 'config.js')).config.noticeTemplateId = 'TPL1';
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
});
