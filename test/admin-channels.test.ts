import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { describeWithBrowser, launchBrowser, withScreenshot } from './support/browser.js';
import { StandIn } from './support/standin.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup, findGroup } from '../api/groups/repository.js';
import { createBot, registerRoomSender } from '../bot/create.js';
import { superviseBot } from '../bot/supervise.js';

const backend = backends[backends.length - 1]!;
const QR = 'https://login.weixin.qq.com/l/test-qr-payload';

// The 渠道 page in headless Chromium, with the real wechaty on wechaty-puppet-mock.
describeWithBrowser(`the console's 渠道 page (${backend.name})`, () => {
  let svc: TestService;
  const standIn = new StandIn();
  let browser: Browser;
  let page: Page;
  let mocker: mock.Mocker;
  let stopBot: () => Promise<void>;
  let unregister: () => void;
  let me: mock.ContactMock;
  let owner: mock.ContactMock;
  let roomSaid: string[];

  beforeAll(async () => {
    standIn.handler = (c) => (c.path === '/cgi-bin/gettoken' ? { errcode: 0, access_token: 'T', expires_in: 7200 } : { errcode: 0, errmsg: 'ok' });
    svc = await startTestService(backend, { WECOM_API_BASE: await standIn.start(), WECOM_CORP_ID: 'ww1', WECOM_SECRET: 's', WECOM_AGENT_ID: '1' });
    mocker = new mock.Mocker();
    const bot = createBot(svc.services, new PuppetMock({ mocker }));
    unregister = registerRoomSender(svc.services, bot);
    stopBot = superviseBot(svc.services, bot, { puppet: 'wechaty-puppet-mock' });
    me = mocker.createContact({ name: '1+X助手' });
    owner = mocker.createContact({ name: '群主老师' });
    await new Promise((r) => setTimeout(r, 200));
    mocker.scan(QR);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    unregister?.();
    await stopBot?.();
    await svc?.close();
    await standIn.stop();
  });

  it('draws the QR code to scan while the bot waits for a login, as an image that decodes to the code', async () => {
    await withScreenshot(page, 'channels-qr', async () => {
      await page.goto(`${svc.url}/admin`);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', 'admin-pass-123');
      await page.click('button[type=submit]');
      await page.waitForSelector('main h1');
      await page.goto(`${svc.url}/admin#/channels`);
      await page.waitForSelector('[data-channel=wechaty] img.qr');
      expect(await page.textContent('[data-channel=wechaty] [data-state]')).toBe('等待扫码登录');
      await page.addScriptTag({ path: 'node_modules/jsqr/dist/jsQR.js' });
      const decoded = await page.evaluate(async () => {
        const img = document.querySelector('[data-channel=wechaty] img.qr') as HTMLImageElement;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const data = g.getImageData(0, 0, canvas.width, canvas.height);
        return (window as any).jsQR(data.data, data.width, data.height)?.data ?? null;
      });
      expect(decoded).toBe(QR);
    });
  });

  it('shows the bound groups once connected, re-links a renamed group, sends a test message and unbinds', async () => {
    const college = await ensureCollege(svc.db, '济南职业学院', '37');
    const renamed = mocker.createRoom({ topic: '山东院校群（新名）', ownerId: owner.id, memberIdList: [me.id, owner.id] });
    mocker.login(me);
    roomSaid = [];
    (renamed as unknown as NodeJS.EventEmitter).on('message', (m: mock.MessageMock) => m.talker().id === me.id && roomSaid.push(m.text() ?? ''));
    // A binding made before a re-login, under a topic the room no longer has.
    const group = await bindGroup(svc.db, { channel: 'wechaty', externalId: 'old-room-id@chatroom', name: '山东院校群', collegeId: college.id, boundBy: 'test' });
    await withScreenshot(page, 'channels-groups', async () => {
      await expect.poll(() => svc.services.channelStatus.get('wechaty')?.state).toBe('connected');
      await page.goto(`${svc.url}/admin#/dashboard`);
      await page.goto(`${svc.url}/admin#/channels`);
      await page.waitForSelector(`[data-group="${group.id}"]`, { timeout: 20_000 });
      expect(await page.textContent('[data-channel=wechaty] [data-state]')).toBe('已连接');
      expect(await page.$('[data-channel=wechaty] img.qr')).toBeNull();
      const row = `[data-group="${group.id}"]`;
      // (The bot lists the renamed room once the puppet has synced it after the login: on a busy machine, later than the page.)
      const admin = await authHeader(svc);
      const listsRoom = async () => ((await (await svc.request('/api/admin/channels/wechaty/conversations', { headers: admin })).json()) as { conversations: Array<{ id: string }> }).conversations.some((c) => c.id === renamed.id);
      await expect.poll(listsRoom, { timeout: 15_000 }).toBe(true);
      await page.click(`${row} button:has-text("重新关联")`);
      await page.waitForSelector(`${row} select option:has-text("山东院校群（新名）")`, { state: 'attached', timeout: 20_000 });
      await page.selectOption(`${row} select`, renamed.id);
      await page.click(`${row} button:has-text("确定")`);
      await expect.poll(async () => (await findGroup(svc.db, 'wechaty', renamed.id))?.collegeName).toBe('济南职业学院');
      await page.waitForSelector(`${row}`);
      await page.click(`${row} button:has-text("发送测试消息")`);
      await expect.poll(() => page.textContent(`${row} [role=status]`)).toBe('测试消息已发送');
      await expect.poll(() => roomSaid.some((t) => t.includes('【测试消息】'))).toBe(true);
      page.once('dialog', (d) => void d.accept());
      await page.click(`${row} button:has-text("解除绑定")`);
      await expect.poll(async () => (await findGroup(svc.db, 'wechaty', renamed.id))?.collegeId ?? null).toBeNull();
    });
    // (Each wait above has its own limit, so a step that never comes fails with a screenshot; the
    // whole walk through the page may take longer than one test's default on a loaded machine.)
  }, 90_000);

  it('is for admins only, and a test message to a channel that cannot send says why', async () => {
    const admin = await authHeader(svc);
    const res = await svc.request('/api/admin/channels/wecom_aibot/test', { json: { externalId: 'wr-none' }, headers: admin });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toContain('发送失败');
    const app = await svc.request('/api/admin/channels/wecom/test', { json: { externalId: 'zhangsan' }, headers: admin });
    expect(app.status).toBe(200);
    expect(standIn.calls.some((c) => c.path === '/cgi-bin/message/send' && c.body.touser === 'zhangsan')).toBe(true);
    const relinkUnknown = await svc.request('/api/admin/channels/groups/999999/relink', { json: { externalId: 'x' }, headers: admin });
    expect(relinkUnknown.status).toBe(404);
  });
});
