import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt, decrypt, getSignature } from '@wecom/crypto';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { Wechaty } from 'wechaty';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { StandIn } from './support/standin.js';
import { createBot, registerRoomSender } from '../bot/create.js';
import { DeliveryWorker } from '../api/delivery/worker.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';
import { createAccount } from '../api/accounts/repository.js';
import { hashPassword } from '../api/accounts/passwords.js';

const CORP_ID = 'ww1234567890abcdef';
const TOKEN = 'QDG6eK';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const DECLINED = '给我讲个笑话吧'; // out of scope: the assistant declines and a human answers

// Follow-up to the asker, end to end on every channel: a question the assistant declines is
// answered in the console (POST /api/admin/questions/:id/answer) and reaches the same person —
// the wechaty group (mentioning them), the wechaty private chat, the WeCom user over the app-message
// API of a local stand-in, the mini-program user (我的提问 + subscribe message) — through the
// outbox, and the console shows the delivery.
describe.each(backends)('follow-up to the asker on $name', (backend) => {
  let svc: TestService;
  let standIn: StandIn;
  let admin: Record<string, string>;
  let worker: DeliveryWorker;
  let bot: Wechaty;
  let mocker: mock.Mocker;
  let botUser: mock.ContactMock;
  let student: mock.ContactMock;
  let room: mock.RoomMock;
  const roomSaid: string[] = [];
  const privateSaid: string[] = [];

  beforeAll(async () => {
    standIn = new StandIn();
    standIn.handler = (call) => {
      if (call.path === '/cgi-bin/gettoken' || call.path === '/cgi-bin/token') return { errcode: 0, access_token: 'tok', expires_in: 7200 };
      if (call.path === '/sns/jscode2session') return { openid: `openid-${call.query.get('js_code')}`, session_key: 'k' };
      return { errcode: 0, errmsg: 'ok' };
    };
    const base = await standIn.start();
    svc = await startTestService(backend, {
      WECOM_API_BASE: base,
      WECHAT_API_BASE: base,
      WECOM_CORP_ID: CORP_ID,
      WECOM_TOKEN: TOKEN,
      WECOM_ENCODING_AES_KEY: AES_KEY,
      WECOM_SECRET: 'secret',
      WECOM_AGENT_ID: '1000002',
      MINIAPP_APPID: 'wx-test',
      MINIAPP_SECRET: 'secret',
      MINIAPP_ANSWER_TEMPLATE_ID: 'tmpl-answer',
    });
    admin = await authHeader(svc);
    await createAccount(svc.db, { role: 'region_manager', username: 'huadong', displayName: '王敏娜', passwordHash: await hashPassword('huadong-pass-1'), regionCode: 'huadong' });
    worker = new DeliveryWorker(svc.db, svc.services.senders, { maxAttempts: 3, baseDelayMs: 1000 }, svc.services.log);

    mocker = new mock.Mocker();
    bot = createBot(svc.services, new PuppetMock({ mocker }));
    await bot.start();
    registerRoomSender(svc.services, bot);
    botUser = mocker.createContact({ name: '1+X助手' });
    student = mocker.createContact({ name: '李同学' });
    const owner = mocker.createContact({ name: '群主老师' });
    mocker.login(botUser);
    room = mocker.createRoom({ topic: '上海试点院校群', ownerId: owner.id, memberIdList: [botUser.id, owner.id, student.id] });
    (room as unknown as NodeJS.EventEmitter).on('message', (m: mock.MessageMock) => {
      if (m.talker().id === botUser.id) roomSaid.push(m.text() ?? '');
    });
    (student as unknown as NodeJS.EventEmitter).on('message', (m: mock.MessageMock) => {
      if (m.talker().id === botUser.id && !m.room()) privateSaid.push(m.text() ?? '');
    });
    const college = await ensureCollege(svc.db, '上海某职业学院', '31');
    await bindGroup(svc.db, { channel: 'wechaty', externalId: room.id, name: '上海试点院校群', collegeId: college.id, boundBy: owner.id });
  }, 180_000); // a database, the assistant and a wechaty bot start here; slow on a busy CI machine
  afterAll(async () => {
    await bot?.stop();
    await svc?.close();
    await standIn?.stop();
  });

  interface ListedQuestion { id: number; channel: string; sender: string | null; question: string; status: string; canReply: boolean; followUp: Array<{ channel: string; destination: string; status: string }> }
  const questions = async (status: string, headers = admin) =>
    ((await (await svc.request(`/api/admin/questions?status=${status}`, { headers })).json()) as { questions: ListedQuestion[] }).questions;
  const openQuestionFrom = async (channel: string, sender: string) => {
    await expect.poll(async () => (await questions('open')).find((q) => q.channel === channel && q.sender === sender)).toBeTruthy();
    return (await questions('open')).find((q) => q.channel === channel && q.sender === sender)!;
  };
  const answer = (id: number, text: string, headers = admin) => svc.request(`/api/admin/questions/${id}/answer`, { json: { answer: text, toKnowledge: false }, headers });
  const followUpOf = async (id: number) => (await questions('answered')).find((q) => q.id === id)!.followUp;

  it('wechaty group: the decline says who answers; the answer comes back in the group, mentioning the asker', async () => {
    const before = roomSaid.length;
    student.say(`@1+X助手 ${DECLINED}`, [botUser]).to(room);
    await expect.poll(() => roomSaid.length).toBeGreaterThan(before);
    expect(roomSaid.at(-1)).toContain('已转给华东区区域管家王敏娜');

    const q = await openQuestionFrom('wechaty', student.id);
    expect(q.canReply).toBe(true);
    // routed to 华东: its region manager sees it and answers it
    const manager = await authHeader(svc, 'huadong', 'huadong-pass-1');
    expect((await questions('open', manager)).map((x) => x.id)).toContain(q.id);
    const res = await answer(q.id, '笑话请找相声演员，考试的事找我们。', manager);
    expect(res.status).toBe(200);
    expect((await answer(q.id, '再答一次', manager)).status).toBe(409); // a double click sends nothing twice

    expect(await worker.runOnce(new Date(Date.now() + 1000))).toMatchObject({ sent: 1 });
    await expect.poll(() => roomSaid.some((t) => t.includes('笑话请找相声演员'))).toBe(true);
    const said = roomSaid.find((t) => t.includes('笑话请找相声演员'))!;
    expect(said.startsWith('@李同学')).toBe(true);
    expect(said).toContain(DECLINED);
    expect(said).toContain('王敏娜');
    expect(await followUpOf(q.id)).toEqual([expect.objectContaining({ channel: 'wechaty_room', destination: room.id, status: 'sent' })]);
  });

  it('wechaty person: the answer comes back in the private chat', async () => {
    const before = privateSaid.length;
    student.say(DECLINED).to(botUser);
    await expect.poll(() => privateSaid.length).toBeGreaterThan(before);
    const q = await openQuestionFrom('wechaty', student.id);
    // no province known: it is the admins' (the region manager does not see it)
    const manager = await authHeader(svc, 'huadong', 'huadong-pass-1');
    expect((await questions('open', manager)).map((x) => x.id)).not.toContain(q.id);
    expect((await answer(q.id, '私聊答复：请联系区域管家。', manager)).status).toBe(403);
    const dash = (await (await svc.request('/api/admin/dashboard', { headers: admin })).json()) as { openQuestions: Record<string, number> };
    expect(dash.openQuestions.unassigned).toBeGreaterThanOrEqual(1);

    expect((await answer(q.id, '私聊答复：请联系区域管家。')).status).toBe(200);
    await worker.runOnce(new Date(Date.now() + 1000));
    await expect.poll(() => privateSaid.some((t) => t.includes('私聊答复'))).toBe(true);
    expect(await followUpOf(q.id)).toEqual([expect.objectContaining({ channel: 'wechaty_contact', destination: student.id, status: 'sent' })]);
  });

  it('WeCom app: a declined question over the encrypted callback as lisi; the answer reaches lisi through the WeCom API', async () => {
    const inner = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${DECLINED}]]></Content><MsgId>${BigInt(Date.now()) * 1000n}</MsgId><AgentID>1000002</AgentID></xml>`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const encrypted = encrypt(AES_KEY, inner, CORP_ID);
    const body = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
    const res = await svc.request(`/wecom/callback?msg_signature=${getSignature(TOKEN, timestamp, nonce, encrypted)}&timestamp=${timestamp}&nonce=${nonce}`, { body, headers: { 'content-type': 'text/xml' } });
    expect(res.status).toBe(200);
    const reply = decrypt(AES_KEY, /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(await res.text())![1]!).message;
    expect(reply).toContain('抱歉');

    const q = await openQuestionFrom('wecom', 'lisi');
    standIn.calls.length = 0;
    expect((await answer(q.id, '企业微信答复：请查看试点工作方案。')).status).toBe(200);
    await worker.runOnce(new Date(Date.now() + 1000));
    const sent = standIn.calls.filter((c) => c.path === '/cgi-bin/message/send');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.touser).toBe('lisi');
    expect(sent[0]!.body.text.content).toContain('企业微信答复：请查看试点工作方案。');
    expect(await followUpOf(q.id)).toEqual([expect.objectContaining({ channel: 'wecom_app', destination: 'lisi', status: 'sent' })]);
  });

  it('mini-program: the answer is in 我的提问 and a subscribe message tells the student', async () => {
    const { token, account } = (await (await svc.request('/api/miniapp/login', { json: { code: 'stu9' } })).json()) as { token: string; account: { id: number } };
    const bearer = { authorization: `Bearer ${token}` };
    expect((await svc.request('/api/notices/subscriptions', { json: { templateId: 'tmpl-answer' }, headers: bearer })).status).toBe(200);
    expect((await svc.request('/api/miniapp/profile', { json: { province: '江苏' }, headers: bearer })).status).toBe(200);
    const asked = (await (await svc.request('/api/ask', { json: { text: DECLINED }, headers: { ...bearer, 'x-client': 'miniapp' } })).json()) as { abstained: boolean; text: string };
    expect(asked.abstained).toBe(true);
    expect(asked.text).toContain('已转给华东区区域管家王敏娜'); // 江苏 is in 华东

    const mine = async () => ((await (await svc.request('/api/miniapp/questions', { headers: bearer })).json()) as { questions: Array<{ id: number; status: string; answer: string | null }> }).questions;
    expect((await mine())[0]).toMatchObject({ status: 'waiting', answer: null });
    const q = await openQuestionFrom('miniapp', `account:${account.id}`);
    standIn.calls.length = 0;
    expect((await answer(q.id, '小程序答复：请看考试页。')).status).toBe(200);
    expect((await mine())[0]).toMatchObject({ id: q.id, status: 'answered', answer: '小程序答复：请看考试页。' });
    await worker.runOnce(new Date(Date.now() + 1000));
    const sent = standIn.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ touser: 'openid-stu9', template_id: 'tmpl-answer' });
    expect(sent[0]!.body.data.thing2.value).toContain('小程序答复');
    expect(await followUpOf(q.id)).toEqual([expect.objectContaining({ channel: 'miniapp_subscribe', destination: 'openid-stu9', status: 'sent' })]);
    // someone else's list stays empty
    const other = (await (await svc.request('/api/miniapp/login', { json: { code: 'stu10' } })).json()) as { token: string };
    expect(await (await svc.request('/api/miniapp/questions', { headers: { authorization: `Bearer ${other.token}` } })).json()).toEqual({ questions: [] });
  });
});
