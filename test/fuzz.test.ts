import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSignature, encrypt } from '@wecom/crypto';
import { backends } from './support/db.js';
import { authHeader, startTestService, type TestService } from './support/service.js';
import { parseReport } from '../api/reports/parse.js';
import { runChatCommands } from '../api/chat/commands.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { bindGroup } from '../api/groups/repository.js';

// Property-based hostile input: never a 5xx, never a crash, nothing stored wrongly.
const CORP_ID = 'wwfuzz0000000001';
const TOKEN = 'fuzztoken';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const nasty = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom("'; drop table reports; --", '<script>alert(1)</script>', '${7*7}', '\u0000\u0001', '进展：' + '9'.repeat(40) + '人', '进展：已培训' + '9'.repeat(40) + '人，通过99999999999人', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b SYSTEM "file:///etc/passwd">]><a>&b;</a>'),
);

describe('fuzzing the chat parser', () => {
  it('parseReport never throws and yields only non-negative integers', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const r = parseReport('进展：' + text);
        for (const n of [r.studentsTrained, r.studentsRegistered, r.studentsPassed, r.teachersTrained]) {
          if (n !== undefined) expect(Number.isInteger(n) && n >= 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe.each(backends)('fuzzing the HTTP surface on $name', (backend) => {
  let svc: TestService;
  let admin: Record<string, string>;
  beforeAll(async () => {
    svc = await startTestService(backend, { WECOM_CORP_ID: CORP_ID, WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES_KEY, ASK_RATE_PER_MINUTE: '100000' });
    admin = await authHeader(svc);
    const college = await ensureCollege(svc.db, '模糊测试学院', '11');
    await bindGroup(svc.db, { channel: 'wechaty', externalId: 'fuzz-room', collegeId: college.id, boundBy: 't' });
  });
  afterAll(async () => {
    await svc.close();
  });

  it('the WeCom callback answers every forged, garbled or odd request with a 4xx or 200, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ sig: fc.string({ maxLength: 50 }), ts: fc.string({ maxLength: 15 }), nonce: fc.string({ maxLength: 20 }), body: nasty, signValid: fc.boolean(), content: nasty }),
        async ({ sig, ts, nonce, body, signValid, content }) => {
          let path = `/wecom/callback?msg_signature=${encodeURIComponent(sig)}&timestamp=${encodeURIComponent(ts)}&nonce=${encodeURIComponent(nonce)}`;
          let payload = body;
          if (signValid) {
            const timestamp = String(Math.floor(Date.now() / 1000));
            const enc = encrypt(AES_KEY, `<xml><FromUserName>f</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content><![CDATA[${content.replace(/]]>/g, '')}]]></Content><MsgId>${Math.random()}</MsgId></xml>`, CORP_ID);
            path = `/wecom/callback?msg_signature=${getSignature(TOKEN, timestamp, 'n', enc)}&timestamp=${timestamp}&nonce=n`;
            payload = `<xml><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
          }
          const res = await svc.request(path, { method: 'POST', body: payload, headers: { 'content-type': 'text/xml' } });
          expect(res.status, `${res.status} for ${path}`).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('JSON endpoints refuse any shape of bad input without a 5xx', async () => {
    const endpoints = ['/api/ask', '/api/reports', '/api/admin/notices', '/api/miniapp/login', '/api/admin/contacts', '/api/auth/login', '/api/miniapp/bind'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.oneof(fc.jsonValue(), nasty.map((s) => ({ text: s, progress: s, title: s }))), async (endpoint, body) => {
        const res = await svc.request(endpoint, { method: 'POST', body: JSON.stringify(body), headers: { ...admin, 'content-type': 'application/json' } });
        expect(res.status, `${endpoint} ${JSON.stringify(body).slice(0, 80)}`).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
  });

  it('stores injection-looking text verbatim, and chat commands never throw', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (text) => {
        await runChatCommands(svc.services, { text, channel: 'wechaty', from: { id: 'fuzzer' }, group: { externalId: 'fuzz-room' }, isGroupAdmin: false });
      }),
      { numRuns: 100 },
    );
    const evil = "进展：'; drop table reports; -- <script>x</script>";
    await runChatCommands(svc.services, { text: evil, channel: 'wechaty', from: { id: 'fuzzer' }, group: { externalId: 'fuzz-room' }, isGroupAdmin: false });
    const [row] = await svc.db.query<{ progress: string }>(`select r.progress from reports r join colleges c on c.id = r.college_id where c.name = '模糊测试学院' order by r.updated_at desc, r.id desc limit 1`);
    expect(row!.progress).toBe("'; drop table reports; -- <script>x</script>");
    const q = "明天'; delete from questions; --";
    await svc.request('/api/ask', { json: { text: q } });
    expect((await svc.db.query('select 1 from questions where question = $1', [q])).length).toBe(1);
  });
});
