import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { backends } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';
import { readFileSync } from 'node:fs';
import { parseEvalFile } from '../knowledge/evaluation.js';
import { bindGroup } from '../api/groups/repository.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { findProvince } from '../api/contacts/repository.js';
import { DeliveryWorker } from '../api/delivery/worker.js';
import { StandIn } from './support/standin.js';
import { buildWecomXml, parseWecomXml } from '../api/wecom/xml.js';
import { pooledRandom, seal } from '../api/wecom/crypto.js';

const CORP_ID = 'ww1234567890abcdef';
const TOKEN = 'QDG6eK';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'; // 43 chars, as WeCom issues them

// An independent implementation of WeCom's documented scheme (加解密方案说明), used to check
// that the service interoperates with WeCom itself, not merely with the library it uses.
const reference = {
  key: Buffer.from(AES_KEY + '=', 'base64'),
  encrypt(message: string, receiveId: string): string {
    const msg = Buffer.from(message);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length);
    const plain = Buffer.concat([randomBytes(16), len, msg, Buffer.from(receiveId)]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  },
  decrypt(encrypted: string): { message: string; receiveId: string } {
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16)).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const plain = padded.subarray(0, padded.length - padded[padded.length - 1]!);
    const len = plain.readUInt32BE(16);
    return { message: plain.subarray(20, 20 + len).toString(), receiveId: plain.subarray(20 + len).toString() };
  },
  sign(timestamp: string, nonce: string, encrypted: string): string {
    return createHash('sha1').update([TOKEN, timestamp, nonce, encrypted].sort().join('')).digest('hex');
  },
};

let msgId = 7000000000000000000n;
function textMessage(content: string, from = 'zhangsan', id = String(msgId++)): string {
  return `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${id}</MsgId><AgentID>1000002</AgentID></xml>`;
}

describe('WeCom passive-reply sealing', () => {
  it('gives every reply its own random prefix and nonce, across refills of the random pool, each opening as WeCom opens it', () => {
    const keys = { token: TOKEN, encodingAesKey: AES_KEY, corpId: CORP_ID };
    const prefixes = new Set<string>();
    const nonces = new Set<string>();
    const n = 600; // 24 bytes a reply: over three refills of the 4 KiB pool
    for (let i = 0; i < n; i++) {
      const sealed = seal(keys, `<xml><Content><![CDATA[回复${i}]]></Content></xml>`, '1700000000');
      expect(sealed.signature).toBe(reference.sign(sealed.timestamp, sealed.nonce, sealed.encrypted));
      expect(sealed.nonce).toMatch(/^[0-9a-f]{16}$/);
      expect(reference.decrypt(sealed.encrypted)).toEqual({ message: `<xml><Content><![CDATA[回复${i}]]></Content></xml>`, receiveId: CORP_ID });
      prefixes.add(decrypt(AES_KEY, sealed.encrypted).random.toString('hex'));
      nonces.add(sealed.nonce);
    }
    expect(prefixes.size).toBe(n);
    expect(nonces.size).toBe(n);
  });

  it('hands out pooled bytes once: later draws do not change bytes already handed out', () => {
    const first = pooledRandom(16);
    const copy = Buffer.from(first);
    const later = Array.from({ length: 400 }, () => pooledRandom(24));
    expect(first.equals(copy)).toBe(true);
    expect(new Set([first, ...later].map((b) => b.toString('hex'))).size).toBe(401);
    expect(() => pooledRandom(5000)).toThrow(RangeError);
  });
});

describe.each(backends)('WeCom callback on $name', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backend, { WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES_KEY, WECOM_BODY_LIMIT_KB: '64', BOT_RATE_PER_MINUTE: '100' }); // the dev set comes from one sender
  });
  afterAll(async () => {
    await svc.close();
  });

  async function post(inner: string, opts: { encrypt?: (m: string) => string; timestamp?: string; signature?: string; body?: string } = {}) {
    const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString('hex');
    const encrypted = (opts.encrypt ?? ((m) => encrypt(AES_KEY, m, CORP_ID)))(inner);
    const signature = opts.signature ?? getSignature(TOKEN, timestamp, nonce, encrypted);
    const body = opts.body ?? `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
    return svc.request(`/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  }

  async function bindPrivateChat(user: string) {
    const province = await findProvince(svc.db, '山东');
    const college = await ensureCollege(svc.db, '济南职业学院', province!.code);
    await bindGroup(svc.db, { channel: 'wecom', externalId: user, collegeId: college.id, boundBy: 'test' });
  }

  function openReply(xml: string): string {
    const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(xml)![1]!;
    const signature = /<MsgSignature><!\[CDATA\[(.*?)\]\]><\/MsgSignature>/.exec(xml)![1]!;
    const timestamp = /<TimeStamp>(\d+)<\/TimeStamp>/.exec(xml)![1]!;
    const nonce = /<Nonce><!\[CDATA\[(.*?)\]\]><\/Nonce>/.exec(xml)![1]!;
    expect(signature).toBe(reference.sign(timestamp, nonce, encrypted));
    const { message, receiveId } = reference.decrypt(encrypted);
    expect(receiveId).toBe(CORP_ID);
    expect(decrypt(AES_KEY, encrypted).message).toBe(message);
    return /<Content><!\[CDATA\[([\s\S]*?)\]\]><\/Content>/.exec(message)![1]!;
  }

  it('verifies the callback URL (GET) and echoes the decrypted echostr', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const echostr = reference.encrypt('1616140317555161061', CORP_ID);
    const sig = reference.sign(timestamp, 'n1', echostr);
    const res = await svc.request(`/wecom/callback?msg_signature=${sig}&timestamp=${timestamp}&nonce=n1&echostr=${encodeURIComponent(echostr)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
    const bad = await svc.request(`/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=n1&echostr=${encodeURIComponent(echostr)}`);
    expect(bad.status).toBe(401);
  });

  it('answers an encrypted question with an encrypted, signed passive reply (as npm run ask does)', async () => {
    const res = await post(textMessage('山东的学校，考试组织问题找谁？'));
    expect(res.status).toBe(200);
    const content = openReply(await res.text());
    expect(content).toBe(svc.services.assistant.answerOnly({ text: '山东的学校，考试组织问题找谁？', channel: 'cli' }).text);
    expect(content).toContain('王鹤璇 13936352355');
  });

  it('answers every dev-set question exactly as npm run ask does', async () => {
    for (const c of parseEvalFile(readFileSync('knowledge/eval/dev.jsonl', 'utf8'))) {
      const res = await post(textMessage(c.q));
      expect(res.status).toBe(200);
      expect(openReply(await res.text()), c.id).toBe(svc.services.assistant.answerOnly({ text: c.q, channel: 'cli' }).text);
    }
  });

  it('accepts a message encrypted by the independent reference implementation', async () => {
    const res = await post(textMessage('江西的负责人是谁'), { encrypt: (m) => reference.encrypt(m, CORP_ID) });
    expect(res.status).toBe(200);
    expect(openReply(await res.text())).toContain('丁海（来源未提供电话）');
  });

  it('refuses a forged signature, a stale timestamp, another corp and bad bodies', async () => {
    const forged = await post(textMessage('考试找谁'), { signature: 'f'.repeat(40) });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('bad_signature');

    const stale = await post(textMessage('考试找谁'), { timestamp: String(Math.floor(Date.now() / 1000) - 3600) });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('stale_timestamp');


    const otherCorp = await post(textMessage('广西负责人'), { encrypt: (m) => encrypt(AES_KEY, m, 'wwOTHERCORP') });
    expect(otherCorp.status).toBe(403);

    const huge = await post(textMessage('x'), { body: `<xml><Encrypt>${'A'.repeat(70 * 1024)}</Encrypt></xml>` });
    expect(huge.status).toBe(413);

    for (const body of ['<xml><Encrypt>abc', 'not xml at all', '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x "y">]><xml><Encrypt>&x;</Encrypt></xml>']) {
      const res = await post(textMessage('x'), { body });
      expect(res.status, body).toBe(400);
    }
    // Still answering afterwards.
    expect((await post(textMessage('海南的省区负责人'))).status).toBe(200);
  });

  it('answers WeCom\'s retry of a handled MsgId with the same reply, and files the report once', async () => {
    await bindPrivateChat('zhaoliu');
    const report = textMessage('进展：培训实施阶段，已培训120人，报名80人，通过60人，培训教师5名', 'zhaoliu', '8000000000000000002');
    const first = await post(report);
    const retry = await post(report);
    expect([first.status, retry.status]).toEqual([200, 200]);
    const [a, b] = [openReply(await first.text()), openReply(await retry.text())];
    expect(a).toContain('120');
    expect(b).toBe(a);
    const revisions = await svc.db.query("select 1 from report_revisions where submitted_by = 'wecom:zhaoliu'");
    expect(revisions).toHaveLength(1);
    // A plain question retried: the same answer, and one line in the questions log.
    const q = textMessage('广西负责人', 'lisi', '8000000000000000001');
    const [q1, q2] = [await post(q), await post(q)];
    expect(openReply(await q2.text())).toBe(openReply(await q1.text()));
    expect(await svc.db.query("select 1 from questions where sender = 'lisi' and question = '广西负责人'")).toHaveLength(1);
    // its record is that one row: the question's, holding the MsgId (no second row per question)
    expect(await svc.db.query("select wecom_msg_key from questions where sender = 'lisi'")).toEqual([{ wecom_msg_key: '8000000000000000001' }]);
    expect(await svc.db.query("select 1 from wecom_messages where msg_id = '8000000000000000001'")).toEqual([]);
  });

  it('answers a MsgId delivered several times at once only once, and logs its question once', async () => {
    const message = textMessage('广东负责人', 'qianba', '8000000000000000004');
    const replies = await Promise.all(Array.from({ length: 6 }, () => post(message)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const bodies = await Promise.all(replies.map((r) => r.text()));
    // each delivery gets the reply or, while the first is being handled, an empty 200 — never a second answer
    const answered = bodies.filter((b) => b !== '').map(openReply);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(new Set(answered)).toEqual(new Set([svc.services.assistant.answerOnly({ text: '广东负责人', channel: 'cli' }).text]));
    expect(await svc.db.query("select 1 from questions where sender = 'qianba'")).toHaveLength(1);
  });

  it('handles a message again when its first handling failed, so the report is not lost', async () => {
    await bindPrivateChat('sunqi');
    const report = textMessage('进展：宣传发动阶段，已培训30人', 'sunqi', '8000000000000000003');
    await svc.db.exec('alter table report_revisions rename to report_revisions_away'); // the database fails mid-handling
    let failed: Response;
    try {
      failed = await post(report);
    } finally {
      await svc.db.exec('alter table report_revisions_away rename to report_revisions');
    }
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('handling_failed');
    const retry = await post(report);
    expect(retry.status).toBe(200);
    expect(openReply(await retry.text())).toContain('30');
    expect(await svc.db.query("select 1 from report_revisions where submitted_by = 'wecom:sunqi'")).toHaveLength(1);
  });

  it("answers a private chat bound to a college as that college's, its first question too", async () => {
    await bindPrivateChat('zhoujiu');
    const res = await post(textMessage('考试组织问题找谁？', 'zhoujiu'));
    expect(openReply(await res.text())).toContain('王鹤璇 13936352355'); // 山东's contact
    const rows = await svc.db.query<{ province_code: string }>("select province_code from questions where sender = 'zhoujiu'");
    expect(rows).toEqual([{ province_code: (await findProvince(svc.db, '山东'))!.code }]);
    // once unbound, answered as a chat without a college
    await svc.db.query("update chat_groups set college_id = null where channel = 'wecom' and external_id = 'zhoujiu'");
    const again = openReply(await (await post(textMessage('考试组织问题找谁？', 'zhoujiu'))).text());
    expect(again).not.toContain('王鹤璇 13936352355');
  });

  it('logs the exchange with its channel and sender', async () => {
    await post(textMessage('湖南的省区负责人电话', 'wangwu'));
    const rows = await svc.db.query<{ channel: string; sender: string }>("select channel, sender from questions where question = '湖南的省区负责人电话'");
    expect(rows).toEqual([{ channel: 'wecom', sender: 'wangwu' }]);
  });
});

describe.each(backends)('WeCom callback past the 5-second window on $name', (backend) => {
  let svc: TestService;
  const standin = new StandIn();
  beforeAll(async () => {
    standin.handler = (c) => (c.path === '/cgi-bin/gettoken' ? { errcode: 0, access_token: 'TOKEN', expires_in: 7200 } : { errcode: 0, errmsg: 'ok' });
    await standin.start();
    // Deadline 0: every answer misses the passive-reply window and goes out as an app message.
    svc = await startTestService(backend, {
      WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES_KEY, WECOM_SECRET: 's', WECOM_AGENT_ID: '1000002',
      WECOM_API_BASE: standin.url, WECOM_REPLY_DEADLINE_MS: '0',
    });
  });
  afterAll(async () => {
    await svc.close();
    await standin.stop();
  });

  it('acknowledges with an empty 200 (retries too) and sends the answer once with the app-message API', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const encrypted = encrypt(AES_KEY, textMessage('山东考试找谁', 'zhouyi', '8100000000000000001'), CORP_ID);
    const url = `/wecom/callback?msg_signature=${getSignature(TOKEN, timestamp, 'n2', encrypted)}&timestamp=${timestamp}&nonce=n2`;
    const body = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    const first = await svc.request(url, { method: 'POST', body });
    const retry = await svc.request(url, { method: 'POST', body });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect([await first.text(), await retry.text()]).toEqual(['', '']);
    await expect.poll(async () => (await svc.db.query("select 1 from deliveries where job like 'wecom-reply:8100000000000000001:%'")).length).toBe(1);
    // the question is logged once, in the transaction that queued its answer
    expect(await svc.db.query("select 1 from questions where sender = 'zhouyi' and question = '山东考试找谁'")).toHaveLength(1);
    const worker = new DeliveryWorker(svc.db, svc.services.senders, { maxAttempts: 3, baseDelayMs: 1000 }, svc.services.log);
    expect(await worker.runOnce(new Date(Date.now() + 1000))).toEqual({ sent: 1, failed: 0, retried: 0 });
    const sent = standin.calls.filter((c) => c.path === '/cgi-bin/message/send');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.touser).toBe('zhouyi');
    expect(sent[0]!.body.text.content).toBe(svc.services.assistant.answerOnly({ text: '山东考试找谁', channel: 'cli' }).text);
  });
});

describe('WeCom XML', () => {
  it('reads the usual flat messages and any other shape alike, and writes what it reads back', () => {
    expect(parseWecomXml(`<?xml version="1.0"?>\n<xml>\n <ToUserName><![CDATA[${CORP_ID}]]></ToUserName>\n <Content><![CDATA[ 两端的空格 ]]></Content>\n <MsgId> 42 </MsgId>\n</xml>`)).toEqual({
      ToUserName: CORP_ID,
      Content: ' 两端的空格 ',
      MsgId: '42',
    });
    // an event with nested parts (read by the library): its flat fields, the nested ones left out
    const event = `<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType></ScanCodeInfo></xml>`;
    expect(parseWecomXml(event)).toEqual({ MsgType: 'event', Event: 'scancode_push' });
    // a reply holding the end of a CDATA section comes back whole
    const reply = '见 <附件> & 说明 ]]> 结束';
    const built = buildWecomXml({ Content: reply, CreateTime: 1700000000, Note: 'a<b' }, ['Content']);
    expect(parseWecomXml(built)).toEqual({ Content: reply, CreateTime: '1700000000', Note: 'a&lt;b' });
  });
});
