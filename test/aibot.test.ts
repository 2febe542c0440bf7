import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { AibotStandIn } from './support/aibot-standin.js';
import { bindGroup } from '../api/groups/repository.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { findProvince } from '../api/contacts/repository.js';
import { DeliveryWorker } from '../api/delivery/worker.js';

const BOT_ID = 'aib-test-bot';
let seq = 0;
const msgid = () => `CAIQ${Date.now()}${seq++}`;

function groupText(chatid: string, userid: string, content: string, id = msgid()) {
  return { msgid: id, aibotid: BOT_ID, chatid, chattype: 'group', from: { userid }, msgtype: 'text', text: { content: `@1+X助手 ${content}` } };
}

async function bindToShandong(svc: TestService, channel: 'wecom_aibot', chatid: string) {
  const province = await findProvince(svc.db, '山东');
  const college = await ensureCollege(svc.db, '济南职业学院', province!.code);
  await bindGroup(svc.db, { channel, externalId: chatid, collegeId: college.id, boundBy: 'test' });
}

// The real @wecom/aibot-node-sdk, connected to a local stand-in of WeCom's long-connection server.
describe.each(backends)('WeCom 智能机器人 over the long connection on $name', (backend) => {
  let svc: TestService;
  const wecom = new AibotStandIn();

  beforeAll(async () => {
    await wecom.start();
    svc = await startTestService(backend, { WECOM_AIBOT_ID: BOT_ID, WECOM_AIBOT_SECRET: 'secret-1', WECOM_AIBOT_WS_URL: wecom.url, BOT_ADMIN_IDS: 'staff-user' });
    for (let i = 0; i < 200 && svc.services.channelStatus.get('wecom_aibot')?.state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
    await wecom.stop();
  });

  /** The stream frames answering one callback, once the last one is in. */
  async function streamFor(reqId: string) {
    await expect.poll(() => wecom.sent('aibot_respond_msg').some((f) => f.headers.req_id === reqId && f.body.stream.finish), { timeout: 10_000 }).toBe(true);
    return wecom.sent('aibot_respond_msg').filter((f) => f.headers.req_id === reqId);
  }

  it('subscribes with the bot id and secret, and says it is connected', () => {
    expect(svc.services.channelStatus.get('wecom_aibot')?.state).toBe('connected');
    expect(wecom.sent('aibot_subscribe')).toHaveLength(1);
    expect(wecom.sent('aibot_subscribe')[0]!.body).toMatchObject({ bot_id: BOT_ID, secret: 'secret-1' });
  });

  it('answers a group @-question in a stream: a first frame at once, then the answer of npm run ask', async () => {
    const q = '山东的学校，考试组织问题找谁？';
    const frames = await streamFor(wecom.push('aibot_msg_callback', groupText('wr-group-1', 'zhangsan', q)));
    expect(frames.length).toBe(2);
    const [first, last] = frames;
    expect(first!.body.stream.finish).toBe(false);
    expect(first!.body.stream.feedback.id).toMatch(/^aibot:/);
    expect(last!.body.stream.id).toBe(first!.body.stream.id);
    expect(last!.body.stream.content).toBe(svc.services.assistant.answerOnly({ text: q, channel: 'cli' }).text);
    expect(last!.body.stream.content).toContain('王鹤璇 13936352355');
    const rows = await svc.db.query<{ channel: string; group_ref: string; sender: string }>('select channel, group_ref, sender from questions where question = $1', [q]);
    expect(rows).toEqual([{ channel: 'wecom_aibot', group_ref: 'wr-group-1', sender: 'zhangsan' }]);
  });

  it('answers a duplicate msgid once', async () => {
    const body = groupText('wr-group-1', 'lisi', '广西负责人');
    const firstReq = wecom.push('aibot_msg_callback', body);
    await streamFor(firstReq);
    const againReq = wecom.push('aibot_msg_callback', body);
    const marker = wecom.push('aibot_msg_callback', groupText('wr-group-1', 'lisi', '海南负责人')); // processed after the duplicate
    await streamFor(marker);
    expect(wecom.sent('aibot_respond_msg').filter((f) => f.headers.req_id === againReq)).toEqual([]);
    expect(await svc.db.query("select 1 from questions where sender = 'lisi' and question = '广西负责人'")).toHaveLength(1);
  });

  it('stores a 不准确 feedback event on the question and puts it back in the open queue', async () => {
    const frames = await streamFor(wecom.push('aibot_msg_callback', groupText('wr-group-1', 'wangwu', '江苏的省区负责人是谁')));
    const feedbackId = frames[0]!.body.stream.feedback.id as string;
    const [before] = await svc.db.query<{ status: string }>("select status from questions where question = '江苏的省区负责人是谁'");
    expect(before!.status).toBe('logged');
    // The documented shape: the details under event.feedback_event.
    wecom.push('aibot_event_callback', {
      msgid: msgid(), create_time: 1700000000, aibotid: BOT_ID, chatid: 'wr-group-1', chattype: 'group', from: { userid: 'wangwu' }, msgtype: 'event',
      event: { eventtype: 'feedback_event', feedback_event: { id: feedbackId, type: 2, content: '电话不对', inaccurate_reason_list: [1] } },
    });
    await expect.poll(async () => (await svc.db.query<{ feedback: string | null }>("select feedback from questions where question = '江苏的省区负责人是谁'"))[0]!.feedback).toBe('inaccurate');
    const [after] = await svc.db.query<{ status: string; feedback_note: string }>("select status, feedback_note from questions where question = '江苏的省区负责人是谁'");
    expect(after).toEqual({ status: 'open', feedback_note: '电话不对' });
    // The console lists it with its feedback.
    const open = (await (await svc.request('/api/admin/questions?status=open', { headers: await authHeader(svc) })).json()) as { questions: Array<{ question: string; feedback: string }> };
    expect(open.questions.find((q) => q.question === '江苏的省区负责人是谁')?.feedback).toBe('inaccurate');
  });

  it('welcomes a user entering the chat', async () => {
    const reqId = wecom.push('aibot_event_callback', { msgid: msgid(), create_time: 1700000000, aibotid: BOT_ID, chattype: 'single', from: { userid: 'zhaoliu' }, msgtype: 'event', event: { eventtype: 'enter_chat' } });
    await expect.poll(() => wecom.sent('aibot_respond_welcome_msg').filter((f) => f.headers.req_id === reqId).length).toBe(1);
    expect(wecom.sent('aibot_respond_welcome_msg')[0]!.body.text.content).toContain('1+X联络助手');
  });

  it('files a progress report from a bound group through the shared chat call', async () => {
    await bindToShandong(svc, 'wecom_aibot', 'wr-group-2');
    const frames = await streamFor(wecom.push('aibot_msg_callback', groupText('wr-group-2', 'sunqi', '进展：培训实施阶段，已培训66人')));
    expect(frames.at(-1)!.body.stream.content).toContain('66');
    expect(await svc.db.query("select 1 from report_revisions where submitted_by = 'wecom_aibot:sunqi'")).toHaveLength(1);
  });

  it('binds a group with the shared chat command (staff sender) and then answers for its province; answers 1:1 too', async () => {
    const refused = await streamFor(wecom.push('aibot_msg_callback', groupText('wr-group-4', 'someone', '绑定 山东 济南职业学院')));
    expect(refused.at(-1)!.body.stream.content).not.toContain('绑定成功');
    const bound = await streamFor(wecom.push('aibot_msg_callback', groupText('wr-group-4', 'staff-user', '绑定 山东 济南职业学院')));
    expect(bound.at(-1)!.body.stream.content).toContain('绑定成功');
    const answer = await streamFor(wecom.push('aibot_msg_callback', groupText('wr-group-4', 'someone', '考试找谁')));
    expect(answer.at(-1)!.body.stream.content).toContain('王鹤璇 13936352355');
    const single = { msgid: msgid(), aibotid: BOT_ID, chattype: 'single', from: { userid: 'zhouba' }, msgtype: 'text', text: { content: '广西负责人' } };
    const direct = await streamFor(wecom.push('aibot_msg_callback', single));
    expect(direct.at(-1)!.body.stream.content).toBe(svc.services.assistant.answerOnly({ text: '广西负责人', channel: 'cli' }).text);
    // Text with a picture (msgtype mixed): the text is the question.
    const mixed = { msgid: msgid(), aibotid: BOT_ID, chattype: 'single', from: { userid: 'zhouba' }, msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: '海南负责人' } }, { msgtype: 'image', image: { url: 'https://example.invalid/x' } }] } };
    const withPicture = await streamFor(wecom.push('aibot_msg_callback', mixed));
    expect(withPicture.at(-1)!.body.stream.content).toBe(svc.services.assistant.answerOnly({ text: '海南负责人', channel: 'cli' }).text);
  });

  it('counts feedback on a bound group\'s answers in its region\'s digest', async () => {
    await bindToShandong(svc, 'wecom_aibot', 'wr-group-5');
    const frames = await streamFor(wecom.push('aibot_msg_callback', groupText('wr-group-5', 'wuyi', '山东考试找谁')));
    wecom.push('aibot_event_callback', {
      msgid: msgid(), create_time: 1700000000, aibotid: BOT_ID, chatid: 'wr-group-5', chattype: 'group', from: { userid: 'wuyi' }, msgtype: 'event',
      event: { eventtype: 'feedback_event', feedback_event: { id: frames[0]!.body.stream.feedback.id, type: 2 } },
    });
    await expect.poll(async () => (await svc.db.query<{ feedback: string | null }>("select feedback from questions where sender = 'wuyi'"))[0]!.feedback).toBe('inaccurate');
    const res = await svc.request('/api/digests?region=huabei', { headers: await authHeader(svc) });
    const { digest } = (await res.json()) as { digest: { feedback: { accurate: number; inaccurate: number }; text: string } };
    expect(digest.feedback.inaccurate).toBeGreaterThanOrEqual(1);
    expect(digest.text).toContain('不准确');
  });

  it('sends a console answer to a question marked 不准确 back to the group, mentioning the asker', async () => {
    await bindToShandong(svc, 'wecom_aibot', 'wr-group-6');
    const q = '请问明年的新政策会不会调整考核费用的收取方式和标准';
    const frames = await streamFor(wecom.push('aibot_msg_callback', groupText('wr-group-6', 'zhengshi', q)));
    // 不准确 puts it in the open queue whatever the assistant answered.
    wecom.push('aibot_event_callback', {
      msgid: msgid(), create_time: 1700000000, aibotid: BOT_ID, chatid: 'wr-group-6', chattype: 'group', from: { userid: 'zhengshi' }, msgtype: 'event',
      event: { eventtype: 'feedback_event', feedback_event: { id: frames[0]!.body.stream.feedback.id, type: 2 } },
    });
    await expect.poll(async () => (await svc.db.query<{ status: string }>('select status from questions where question = $1', [q]))[0]!.status).toBe('open');
    const [row] = await svc.db.query<{ id: string | number }>('select id from questions where question = $1', [q]);
    const answered = await svc.request(`/api/admin/questions/${row!.id}/answer`, { json: { answer: '以正式通知为准，届时会在群内发布。' }, headers: await authHeader(svc) });
    expect(answered.status).toBe(200);
    const worker = new DeliveryWorker(svc.db, svc.services.senders, { maxAttempts: 3, baseDelayMs: 1000 }, svc.services.log);
    await worker.runOnce(new Date(Date.now() + 1000));
    const pushed = wecom.sent('aibot_send_msg').filter((f) => f.body.chatid === 'wr-group-6');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.body.markdown.content).toContain('<@zhengshi>');
    expect(pushed[0]!.body.markdown.content).toContain('以正式通知为准');
  });

  it('pushes a notice to a bound group through the outbox (aibot_send_msg, markdown)', async () => {
    await bindToShandong(svc, 'wecom_aibot', 'wr-group-3');
    const res = await svc.request('/api/admin/notices', { json: { title: '师资培训通知', body: '下周开班', target: { provinces: ['37'] } }, headers: await authHeader(svc) });
    expect(res.status).toBe(201);
    const worker = new DeliveryWorker(svc.db, svc.services.senders, { maxAttempts: 3, baseDelayMs: 1000 }, svc.services.log);
    await worker.runOnce(new Date(Date.now() + 1000));
    const pushed = wecom.sent('aibot_send_msg').filter((f) => f.body.chatid === 'wr-group-3');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.body.msgtype).toBe('markdown');
    expect(pushed[0]!.body.markdown.content).toContain('师资培训通知');
    const [row] = await svc.db.query<{ status: string }>("select status from deliveries where channel = 'wecom_aibot' and destination = 'wr-group-3'");
    expect(row!.status).toBe('sent');
  });
});

// Callback mode: encrypted JSON both ways, with the real @wecom/crypto.
describe.each(backends)('WeCom 智能机器人 in callback mode on $name', (backend) => {
  const TOKEN = 'aibotToken';
  const AES_KEY = 'kWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backend, { WECOM_AIBOT_MODE: 'callback', WECOM_AIBOT_TOKEN: TOKEN, WECOM_AIBOT_ENCODING_AES_KEY: AES_KEY });
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
  });

  async function post(body: unknown) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const encrypted = encrypt(AES_KEY, JSON.stringify(body), '');
    return svc.request(`/wecom/aibot/callback?msg_signature=${getSignature(TOKEN, timestamp, nonce, encrypted)}&timestamp=${timestamp}&nonce=${nonce}`, { json: { encrypt: encrypted } });
  }
  async function openReply(res: Response) {
    expect(res.status).toBe(200);
    const r = (await res.json()) as { encrypt: string; msgsignature: string; timestamp: number; nonce: string };
    expect(r.msgsignature).toBe(getSignature(TOKEN, String(r.timestamp), r.nonce, r.encrypt));
    return JSON.parse(decrypt(AES_KEY, r.encrypt).message) as { msgtype: string; stream: { id: string; finish: boolean; content: string; feedback?: { id: string } } };
  }

  it('verifies the URL and answers an encrypted group @-question with an encrypted stream reply', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const echostr = encrypt(AES_KEY, 'echo-123', '');
    const verify = await svc.request(`/wecom/aibot/callback?msg_signature=${getSignature(TOKEN, timestamp, 'n', echostr)}&timestamp=${timestamp}&nonce=n&echostr=${encodeURIComponent(echostr)}`);
    expect(await verify.text()).toBe('echo-123');

    const q = '山东的学校，考试组织问题找谁？';
    const reply = await openReply(await post(groupText('wr-cb-1', 'zhangsan', q)));
    expect(reply.msgtype).toBe('stream');
    const expected = svc.services.assistant.answerOnly({ text: q, channel: 'cli' }).text;
    // Answered at once, or unfinished and then completed by WeCom's refresh poll.
    const final = reply.stream.finish ? reply : await openReply(await post({ msgid: msgid(), aibotid: BOT_ID, chattype: 'group', from: { userid: 'zhangsan' }, msgtype: 'stream', stream: { id: reply.stream.id } }));
    expect(final.stream.content).toBe(expected);
    expect(reply.stream.feedback?.id).toMatch(/^aibot:/);
  });

  it('answers a duplicate msgid with the same reply and handles it once, and stores feedback', async () => {
    const body = groupText('wr-cb-1', 'lisi', '广西负责人');
    const a = await openReply(await post(body));
    const b = await openReply(await post(body));
    expect(b.stream.content).toBe(a.stream.content);
    expect(await svc.db.query("select 1 from questions where sender = 'lisi' and question = '广西负责人' and channel = 'wecom_aibot'")).toHaveLength(1);
    const feedback = await post({ msgid: msgid(), aibotid: BOT_ID, chattype: 'group', from: { userid: 'lisi' }, msgtype: 'event', event: { eventtype: 'feedback_event', feedback_event: { id: a.stream.feedback!.id, type: 1 } } });
    expect(feedback.status).toBe(200);
    const [row] = await svc.db.query<{ feedback: string }>("select feedback from questions where sender = 'lisi' and question = '广西负责人'");
    expect(row!.feedback).toBe('accurate');
  });

  it('refuses a forged signature', async () => {
    const encrypted = encrypt(AES_KEY, JSON.stringify(groupText('wr-cb-1', 'x', 'y')), '');
    const res = await svc.request(`/wecom/aibot/callback?msg_signature=${'a'.repeat(40)}&timestamp=${Math.floor(Date.now() / 1000)}&nonce=n`, { json: { encrypt: encrypted } });
    expect(res.status).toBe(401);
  });
});

// Callback mode when the answer misses the reply window: an unfinished stream, then WeCom's refresh polls.
describe.each(backends)('WeCom 智能机器人 callback stream refresh on $name', (backend) => {
  const TOKEN = 'aibotToken2';
  const AES_KEY = 'mWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
  let svc: TestService;
  beforeAll(async () => {
    // Deadline 0: the first reply is always the unfinished stream.
    svc = await startTestService(backend, { WECOM_AIBOT_MODE: 'callback', WECOM_AIBOT_TOKEN: TOKEN, WECOM_AIBOT_ENCODING_AES_KEY: AES_KEY, WECOM_AIBOT_REPLY_DEADLINE_MS: '0' });
  }, 120_000);
  afterAll(async () => {
    await svc?.close();
  });

  async function call(body: unknown) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const encrypted = encrypt(AES_KEY, JSON.stringify(body), '');
    const res = await svc.request(`/wecom/aibot/callback?msg_signature=${getSignature(TOKEN, timestamp, 'n3', encrypted)}&timestamp=${timestamp}&nonce=n3`, { json: { encrypt: encrypted } });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { encrypt: string };
    return JSON.parse(decrypt(AES_KEY, r.encrypt).message) as { stream: { id: string; finish: boolean; content: string } };
  }

  it('answers with an unfinished stream at once and gives the answer to the refresh poll', async () => {
    const q = '江西的负责人是谁';
    const first = await call(groupText('wr-cb-2', 'zhangsan', q));
    expect(first.stream.finish).toBe(false);
    const refresh = { msgid: msgid(), aibotid: BOT_ID, chattype: 'group', chatid: 'wr-cb-2', from: { userid: 'zhangsan' }, msgtype: 'stream', stream: { id: first.stream.id } };
    let polled = await call(refresh);
    for (let i = 0; i < 100 && !polled.stream.finish; i++) {
      await new Promise((r) => setTimeout(r, 100));
      polled = await call({ ...refresh, msgid: msgid() });
    }
    expect(polled.stream.finish).toBe(true);
    expect(polled.stream.content).toBe(svc.services.assistant.answerOnly({ text: q, channel: 'cli' }).text);
    expect(await svc.db.query("select 1 from questions where question = '江西的负责人是谁' and channel = 'wecom_aibot'")).toHaveLength(1);
  });
});
