import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, seededDb, type TestDb } from './support/db.js';
import { startTestService, type TestService } from './support/service.js';
import { isDbUnavailable, type Db } from '../api/db/index.js';
import { QuestionLog } from '../api/questions/log.js';
import { getQuestion, logQuestions, VALUES_ROWS, type NewQuestion, type QuestionStatus } from '../api/questions/repository.js';
import { WecomMessageLog } from '../api/wecom/message-log.js';
import { failMessage, peekMessage, recordAnswers } from '../api/wecom/repository.js';
import { GroupCommit } from '../api/db/group-commit.js';
import { bindGroup, findGroup, findGroups, unbindGroup } from '../api/groups/repository.js';
import { findChatGroup } from '../api/groups/lookup.js';
import { ensureCollege } from '../api/colleges/repository.js';

const question = (i: number, extra: Partial<NewQuestion> = {}): NewQuestion => ({
  channel: 'api',
  question: `并发提问 ${i}`,
  reply: `回答 ${i}`,
  intent: 'contact_lookup',
  confidence: 0.9,
  abstained: i % 3 === 0,
  status: i % 3 === 0 ? 'open' : 'logged',
  sender: i % 2 ? `u${i}` : null,
  accountId: null,
  ...extra,
});

/**
 * `db` writing down every statement run through it, in its transactions too. A WeCom claim on
 * PostgreSQL first locks the questions table (see claimMessages): `statements` leaves that out.
 */
function countingStatements(db: Db, sql: string[]): Db {
  const wrap = (on: Db): Db => ({
    ...on,
    query: <T,>(text: string, params?: unknown[]) => (sql.push(text), on.query<T>(text, params)),
    transaction: <T,>(fn: (tx: Db) => Promise<T>) => on.transaction((tx) => fn(wrap(tx))),
  });
  return wrap(db);
}
const statements = (sql: string[]) => sql.filter((s) => !s.startsWith('lock table'));

describe.each(backends)('group commit on $name', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await seededDb(backend);
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores every one of many concurrent questions, each under the id its caller was given, in one insert', async () => {
    const log = new QuestionLog(db);
    const ids = await Promise.all(Array.from({ length: 300 }, (_, i) => log.append(question(i))));
    expect(new Set(ids).size).toBe(300);
    expect(log.stats).toEqual({ batches: 1, items: 300 });
    const rows = await db.query<{ id: string | number; question: string; reply: string; status: QuestionStatus; abstained: boolean; sender: string | null }>(
      `select id, question, reply, status, abstained, sender from questions where question like '并发提问 %'`,
    );
    expect(rows).toHaveLength(300);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    ids.forEach((id, i) => {
      expect(byId.get(id)).toEqual({ id: byId.get(id)!.id, question: `并发提问 ${i}`, reply: `回答 ${i}`, status: i % 3 === 0 ? 'open' : 'logged', abstained: i % 3 === 0, sender: i % 2 ? `u${i}` : null });
    });
  });

  it.each([1, 2, VALUES_ROWS, VALUES_ROWS + 1])('stores every field of each question of a batch of %i, in order, as a values list or as arrays alike', async (size) => {
    const [account] = await db.query<{ id: string | number }>(`insert into accounts (role, username) values ('student', $1) returning id`, [`gc-fields-${size}`]);
    const asked = (i: number): NewQuestion => ({
      channel: i % 2 ? 'wecom' : 'miniapp',
      groupRef: i % 3 ? `群${i}` : null,
      sender: i % 4 ? `发送者\u0000${i}` : null, // NUL is dropped (PostgreSQL text cannot hold it)
      provinceCode: i % 2 ? '37' : null,
      question: `字段提问 ${size}-${i} "引号" \\反斜杠 {花括号,逗号} 😀`,
      reply: i % 5 ? `答复 ${i}\n第二行` : '',
      intent: 'contact_lookup',
      confidence: i / 8,
      abstained: i % 2 === 0,
      status: i % 2 ? 'logged' : 'open',
      conversationId: i % 3 ? `会话${i}` : null,
      inGroup: i % 3 === 1,
      senderName: i % 2 ? `张三${i}` : null,
      accountId: i % 2 ? Number(account!.id) : null,
    });
    const batch = Array.from({ length: size }, (_, i) => asked(i));
    const ids = await logQuestions(db, batch);
    expect(ids).toHaveLength(size);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids); // ascending: the rows were inserted in the order given
    for (const [i, id] of ids.entries()) {
      const q = batch[i]!;
      expect(await getQuestion(db, id)).toMatchObject({
        id, channel: q.channel, groupRef: q.groupRef, sender: q.sender?.replace('\u0000', '') ?? null, provinceCode: q.provinceCode,
        question: q.question, reply: q.reply, intent: q.intent, confidence: q.confidence, abstained: q.abstained, status: q.status,
        conversationId: q.conversationId, inGroup: q.inGroup, senderName: q.senderName, accountId: q.accountId,
      });
    }
  });

  it.each([1, VALUES_ROWS, VALUES_ROWS + 1])("stores every field of the questions recorded with %i WeCom answers, only the claimed messages' ones", async (size) => {
    const now = new Date();
    const key = (i: number) => `gc-rec-${backend.name}-${size}-${i}`;
    await failMessage(db, key(0), 'boom', now); // on record as failed: claimed again
    await new WecomMessageLog(db, 60_000).claim(key(1), now); // being handled: not claimed, its question not stored
    const asked = (i: number): NewQuestion => ({
      channel: 'wecom', groupRef: i % 2 ? `群${i}` : null, sender: `gc-rec-${size}-${i}`, provinceCode: i % 2 ? '44' : null,
      question: `记录提问 ${i} "引号" \\ {逗号,}`, reply: `答复 ${i}`, intent: 'faq', confidence: (i % 4) / 4, abstained: i % 3 === 0,
      status: i % 3 === 0 ? 'open' : 'logged', conversationId: `会话${i}`, inGroup: i % 2 === 1, senderName: i % 2 ? null : `李四${i}`, accountId: null,
    });
    const answers = Array.from({ length: size }, (_, i) => ({ msgKey: key(i), now, reply: `答复 ${i}`, question: asked(i) }));
    const told = await recordAnswers(db, answers, 60_000);
    expect(told.map((t) => t.kind)).toEqual(answers.map((_, i) => (i === 1 ? 'in_progress' : 'claimed')));
    const rows = await db.query<{ id: string | number; sender: string }>(`select id, sender from questions where sender like $1 order by id`, [`gc-rec-${size}-%`]);
    expect(rows.map((r) => r.sender)).toEqual(answers.flatMap((_, i) => (i === 1 ? [] : [`gc-rec-${size}-${i}`])));
    for (const r of rows) {
      const q = asked(Number(r.sender.split('-').at(-1)));
      expect(await getQuestion(db, Number(r.id))).toMatchObject({
        channel: q.channel, groupRef: q.groupRef, sender: q.sender, provinceCode: q.provinceCode, question: q.question, reply: q.reply, intent: q.intent,
        confidence: q.confidence, abstained: q.abstained, status: q.status, conversationId: q.conversationId, inGroup: q.inGroup, senderName: q.senderName, accountId: null,
      });
    }
  });

  it('sends what arrives during a write with the next write, and every caller still waits for its own row', async () => {
    const log = new QuestionLog(db);
    const first = Array.from({ length: 50 }, (_, i) => log.append(question(1000 + i)));
    await new Promise((r) => setImmediate(r)); // the first write is now in flight
    const second = Array.from({ length: 50 }, (_, i) => log.append(question(2000 + i)));
    const ids = await Promise.all([...first, ...second]);
    expect(log.stats).toEqual({ batches: 2, items: 100 });
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from questions where id = any($1::bigint[])`, [ids]);
    expect(n).toBe(100);
  });

  it.each([true, false])('with sendNextFirst %s, tells the waiters of a written batch after (or before) the next batch is sent', async (sendNextFirst) => {
    const events: string[] = [];
    let writes = 0;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const commit = new GroupCommit(
      async (items: NewQuestion[]) => {
        const n = ++writes;
        // as pg does, the statement is sent on the next tick
        await new Promise((r) => process.nextTick(r));
        events.push(`sent ${n}`);
        if (n === 1) await gate; // the first write stays in flight until the second batch waits
        return logQuestions(db, items);
      },
      { sendNextFirst },
    );
    const told = (batch: number) => (id: number) => (events.push(`told ${batch}`), id);
    const first = Array.from({ length: 3 }, (_, i) => commit.submit(question(5000 + i)).then(told(1)));
    await new Promise((r) => setImmediate(r)); // the first write has started
    const second = Array.from({ length: 3 }, (_, i) => commit.submit(question(5100 + i)).then(told(2)));
    open();
    const ids = await Promise.all([...first, ...second]);
    expect(commit.batches).toBe(2);
    const rows = await db.query<{ id: string | number; question: string }>(`select id, question from questions where id = any($1::bigint[]) order by id`, [ids]);
    expect(rows.map((r) => r.question)).toEqual([0, 1, 2].map((i) => `并发提问 ${5000 + i}`).concat([0, 1, 2].map((i) => `并发提问 ${5100 + i}`)));
    const sentSecond = events.indexOf('sent 2');
    const toldFirst = events.indexOf('told 1');
    if (sendNextFirst) expect(sentSecond).toBeLessThan(toldFirst);
    else expect(toldFirst).toBeLessThan(sentSecond);
    expect(events.lastIndexOf('told 1')).toBeLessThan(events.indexOf('told 2'));
  });

  it('fails only the item a constraint refuses, not the others of its batch', async () => {
    const log = new QuestionLog(db);
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => log.append(question(3000 + i, i === 4 ? { status: 'bogus' as QuestionStatus } : {}))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const stored = await db.query<{ question: string }>(`select question from questions where question like '并发提问 300%' order by id`);
    expect(stored.map((r) => r.question)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9].map((i) => `并发提问 ${3000 + i}`));
  });

  it('claims each WeCom MsgId once among concurrent callbacks, and repeats the recorded outcome to retries', async () => {
    const messages = new WecomMessageLog(db, 60_000);
    const now = new Date();
    const keys = Array.from({ length: 40 }, (_, i) => `gc-${backend.name}-${i}`);
    // every key twice in the same turn: one claim wins, the other is told it is in progress
    const claims = await Promise.all([...keys, ...keys].map((k) => messages.claim(k, now)));
    expect(claims.slice(0, 40).every((c) => c.kind === 'claimed' && c.attempts === 1)).toBe(true);
    expect(claims.slice(40).every((c) => c.kind === 'in_progress')).toBe(true);
    expect(messages.stats.claimBatches).toBe(1);

    await Promise.all(keys.slice(0, 30).map((k, i) => messages.complete(k, `答复 ${i}`, now)));
    await failMessage(db, keys[30]!, 'boom', now);
    const again = await Promise.all(keys.map((k) => messages.claim(k, now)));
    again.slice(0, 30).forEach((c, i) => expect(c).toEqual({ kind: 'done', reply: `答复 ${i}`, delivered: true }));
    expect(again[30]).toEqual({ kind: 'claimed', attempts: 2 }); // a failed message is handled again
    expect(again.slice(31).every((c) => c.kind === 'in_progress')).toBe(true);
    expect(messages.stats.completeBatches).toBe(1);
  });

  it("writes a callback's outcome and the next callbacks' claims with one statement, and a retry claimed with its outcome sees it", async () => {
    const messages = new WecomMessageLog(db, 60_000);
    const now = new Date();
    const key = (i: number) => `gc2-${backend.name}-${i}`;
    await Promise.all([0, 1, 2].map((i) => messages.claim(key(i), now)));
    const before = messages.stats.writes;
    // outcomes of 0 and 1, new claims 3..5, and a retry of 1 arriving with its outcome
    const [, , ...claims] = await Promise.all([
      messages.complete(key(0), '答复 0', now),
      messages.complete(key(1), '答复 1', now),
      ...[3, 4, 5].map((i) => messages.claim(key(i), now)),
      messages.claim(key(1), now),
      messages.claim(key(2), now),
    ]);
    expect(claims).toEqual([
      { kind: 'claimed', attempts: 1 },
      { kind: 'claimed', attempts: 1 },
      { kind: 'claimed', attempts: 1 },
      { kind: 'done', reply: '答复 1', delivered: true },
      { kind: 'in_progress' },
    ]);
    expect(messages.stats.writes - before).toBe(1);
    // without a retry of a message being completed, claims and outcomes are one SQL statement
    const sql: string[] = [];
    const counting = countingStatements(db, sql);
    const shared = new WecomMessageLog(counting, 60_000);
    await Promise.all([shared.complete(key(3), '答复 3', now), shared.claim(key(6), now), shared.claim(key(7), now)]);
    expect(statements(sql)).toHaveLength(1);
    expect(await messages.claim(key(3), now)).toEqual({ kind: 'done', reply: '答复 3', delivered: true });
  });

  it("stores a callback's question with its message's outcome, by the statement that claims the next messages", async () => {
    const now = new Date();
    const key = (i: number) => `gc3-${backend.name}-${i}`;
    const sql: string[] = [];
    const counting = countingStatements(db, sql);
    const messages = new WecomMessageLog(counting, 60_000);
    await Promise.all([0, 1].map((i) => messages.claim(key(i), now)));
    sql.length = 0;
    const asked = (i: number) => question(5000 + i, { channel: 'wecom', sender: `gc3-${i}` });
    const [, , next] = await Promise.all([
      messages.complete(key(0), '答复 0', now, { question: asked(0) }),
      messages.complete(key(1), '答复 1', now, { question: asked(1) }),
      messages.claim(key(2), now),
    ]);
    expect(next).toEqual({ kind: 'claimed', attempts: 1 });
    expect(statements(sql)).toHaveLength(1);
    const rows = await db.query<{ question: string; channel: string; sender: string }>(`select question, channel, sender from questions where sender like 'gc3-%' order by id`);
    expect(rows).toEqual([0, 1].map((i) => ({ question: `并发提问 ${5000 + i}`, channel: 'wecom', sender: `gc3-${i}` })));
    expect(await messages.claim(key(0), now)).toEqual({ kind: 'done', reply: '答复 0', delivered: true });
    // outcomes alone (no claim waiting): one statement too, questions included
    sql.length = 0;
    await messages.complete(key(2), '答复 2', now, { question: asked(2) });
    expect(sql).toHaveLength(1);
    expect(await db.query(`select 1 from questions where sender = 'gc3-2'`)).toHaveLength(1);
    expect(await messages.claim(key(2), now)).toEqual({ kind: 'done', reply: '答复 2', delivered: true });
  });

  it('a question the log refuses fails only its own outcome, not the others of its statement', async () => {
    const now = new Date();
    const key = (i: number) => `gc4-${backend.name}-${i}`;
    const messages = new WecomMessageLog(db, 60_000);
    await Promise.all([0, 1, 2].map((i) => messages.claim(key(i), now)));
    const results = await Promise.allSettled(
      [0, 1, 2].map((i) => messages.complete(key(i), `答复 ${i}`, now, { question: question(6000 + i, { sender: `gc4-${i}`, ...(i === 1 ? { status: 'bogus' as QuestionStatus } : {}) }) })),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await db.query<{ sender: string }>(`select sender from questions where sender like 'gc4-%' order by id`)).map((r) => r.sender)).toEqual(['gc4-0', 'gc4-2']);
    // the refused one's outcome was not recorded without its question: still being handled
    expect(await messages.claim(key(1), now)).toEqual({ kind: 'in_progress' });
    expect(await messages.claim(key(2), now)).toEqual({ kind: 'done', reply: '答复 2', delivered: true });
  });

  it('records questions answered before their messages were claimed with one statement: each message answered once, its question stored once', async () => {
    const now = new Date();
    const key = (i: number) => `gc6-${backend.name}-${i}`;
    const asked = (i: number) => question(7000 + i, { channel: 'wecom', sender: `gc6-${i}` });
    const sql: string[] = [];
    const counting = countingStatements(db, sql);
    const messages = new WecomMessageLog(counting, 60_000);
    // every message twice in the same turn (WeCom's retry arriving with the first delivery)
    const found = await Promise.all([0, 1, 2, 0, 1, 2].map((i) => messages.answer(key(i), now, `答复 ${i}`, asked(i))));
    expect(found.slice(0, 3)).toEqual([0, 1, 2].map(() => ({ kind: 'claimed', attempts: 1 })));
    expect(found.slice(3)).toEqual([0, 1, 2].map(() => ({ kind: 'in_progress' })));
    expect(sql).toHaveLength(1);
    const stored = async () => (await db.query<{ sender: string }>(`select sender from questions where sender like 'gc6-%' order by sender`)).map((r) => r.sender);
    expect(await stored()).toEqual(['gc6-0', 'gc6-1', 'gc6-2']);
    // a later retry is told the recorded answer; its question is not stored again
    expect(await messages.answer(key(1), now, '另一个答复', asked(1))).toEqual({ kind: 'done', reply: '答复 1', delivered: true });
    expect(await stored()).toEqual(['gc6-0', 'gc6-1', 'gc6-2']);
    // a message whose handling failed is answered again
    await messages.claim(key(3), now);
    await failMessage(db, key(3), 'boom', now);
    expect(await messages.answer(key(3), now, '答复 3', asked(3))).toEqual({ kind: 'claimed', attempts: 2 });
    expect(await messages.claim(key(3), now)).toEqual({ kind: 'done', reply: '答复 3', delivered: true });
    expect(await stored()).toEqual(['gc6-0', 'gc6-1', 'gc6-2', 'gc6-3']);
  });

  it("records an answer whose reply is its question's by the question's row alone: claimed once, a retry (answer or claim) told that reply", async () => {
    const now = new Date();
    const key = (i: number) => `gc8-${backend.name}-${i}`;
    const asked = (i: number) => question(9000 + i, { channel: 'wecom', sender: `gc8-${i}`, reply: `答复 ${i}` });
    const messages = new WecomMessageLog(db, 60_000);
    const stored = async () => (await db.query<{ sender: string; wecom_msg_key: string }>(`select sender, wecom_msg_key from questions where sender like 'gc8-%' order by sender`));
    // every message twice in the same turn (WeCom's retry arriving with the first delivery)
    const found = await Promise.all([0, 1, 0, 1].map((i) => messages.answer(key(i), now, `答复 ${i}`, asked(i))));
    expect(found).toEqual([{ kind: 'claimed', attempts: 1 }, { kind: 'claimed', attempts: 1 }, { kind: 'in_progress' }, { kind: 'in_progress' }]);
    // one row each: the question's, holding the key; none in wecom_messages
    expect(await stored()).toEqual([0, 1].map((i) => ({ sender: `gc8-${i}`, wecom_msg_key: key(i) })));
    expect(await db.query('select msg_id from wecom_messages where msg_id = any($1::text[])', [[key(0), key(1)]])).toEqual([]);
    // a later retry answered again (with another reply): told the recorded reply, nothing stored
    expect(await messages.answer(key(0), now, '另一个答复', { ...asked(0), reply: '另一个答复' })).toEqual({ kind: 'done', reply: '答复 0', delivered: true });
    // a retry that is claimed instead (its sender over the rate limit by then): not claimed, told the reply
    expect(await messages.claim(key(1), now)).toEqual({ kind: 'done', reply: '答复 1', delivered: true });
    expect(await peekMessage(db, key(1))).toEqual({ status: 'done', reply: '答复 1' });
    expect(await stored()).toHaveLength(2);
    // claimed first (a command, or a question over the rate limit): not answered while being handled, answered once it failed
    await messages.claim(key(2), now);
    expect(await messages.answer(key(2), now, '答复 2', asked(2))).toEqual({ kind: 'in_progress' });
    await failMessage(db, key(2), 'boom', now);
    expect(await messages.answer(key(2), now, '答复 2', asked(2))).toEqual({ kind: 'claimed', attempts: 1 });
    expect(await messages.claim(key(2), now)).toEqual({ kind: 'done', reply: '答复 2', delivered: true });
    expect(await messages.answer(key(2), now, '答复 2', asked(2))).toEqual({ kind: 'done', reply: '答复 2', delivered: true });
    // claimed and then orphaned (its handler died): answered once the claim is stale
    await messages.claim(key(3), now);
    expect(await messages.answer(key(3), new Date(now.getTime() + 30_000), '答复 3', asked(3))).toEqual({ kind: 'in_progress' });
    expect(await messages.answer(key(3), new Date(now.getTime() + 61_000), '答复 3', asked(3))).toEqual({ kind: 'claimed', attempts: 1 });
    expect(await stored()).toEqual([0, 1, 2, 3].map((i) => ({ sender: `gc8-${i}`, wecom_msg_key: key(i) })));
  });

  it('claims a key once when answers and claims of it race on two connections (two instances)', async () => {
    const other = await db.reopen();
    try {
      const now = new Date();
      const key = (i: number) => `gc9-${backend.name}-${i}`;
      const asked = (i: number) => question(9500 + i, { channel: 'wecom', sender: `gc9-${i}`, reply: `答复 ${i}` });
      const answering = new WecomMessageLog(db, 60_000);
      const claiming = new WecomMessageLog(other, 60_000);
      for (let round = 0; round < 8; round++) {
        const keys = Array.from({ length: 12 }, (_, i) => round * 12 + i);
        const [answered, claimed] = await Promise.all([
          Promise.all(keys.map((i) => answering.answer(key(i), now, `答复 ${i}`, asked(i)))),
          Promise.all(keys.map((i) => claiming.claim(key(i), now))),
        ]);
        keys.forEach((i, j) => {
          const kinds = [answered[j]!.kind, claimed[j]!.kind];
          expect(kinds.filter((k) => k === 'claimed'), `${key(i)}: ${kinds}`).toHaveLength(1);
          // the one that lost was told what the other is doing: being handled, or done with the answer
          if (answered[j]!.kind === 'claimed') expect(claimed[j]).toEqual({ kind: 'done', reply: `答复 ${i}`, delivered: true });
          else expect(answered[j]).toEqual({ kind: 'in_progress' });
        });
      }
    } finally {
      await other.close();
    }
  });

  it('records an answer that assumed its chat has no group only while that holds', async () => {
    const now = new Date();
    const key = (i: number) => `gc7-${backend.name}-${i}`;
    const [province] = await db.query<{ code: string }>('select code from provinces order by code limit 1');
    const college = await ensureCollege(db, '假设测试职业学院', province!.code);
    await bindGroup(db, { channel: 'wecom', externalId: `gc7-${backend.name}-bound`, collegeId: college.id, boundBy: 'test' });
    const messages = new WecomMessageLog(db, 60_000);
    const asked = (i: number) => question(8000 + i, { channel: 'wecom', sender: `gc7-${i}` });
    const found = await Promise.all([
      messages.answer(key(0), now, '答复 0', asked(0), `gc7-${backend.name}-bound`),
      messages.answer(key(1), now, '答复 1', asked(1), `gc7-${backend.name}-nobody`),
    ]);
    expect(found).toEqual([{ kind: 'has_group' }, { kind: 'claimed', attempts: 1 }]);
    // nothing of the first was written: answered again with its group, it is claimed then
    expect((await db.query<{ sender: string }>(`select sender from questions where sender like 'gc7-%'`)).map((r) => r.sender)).toEqual(['gc7-1']);
    expect(await messages.answer(key(0), now, '答复 0', asked(0))).toEqual({ kind: 'claimed', attempts: 1 });
  });

  it('looks up the chat groups asked for together with one statement, each caller getting its own (or none)', async () => {
    const [province] = await db.query<{ code: string }>('select code from provinces order by code limit 1');
    const college = await ensureCollege(db, '查找测试职业学院', province!.code);
    const bound = await bindGroup(db, { channel: 'wecom', externalId: `lookup-${backend.name}-bound`, name: '一群', collegeId: college.id, boundBy: 'test' });
    const lookups = new GroupCommit((keys: Array<{ channel: 'wecom'; externalId: string }>) => findGroups(db, keys));
    const keys = [`lookup-${backend.name}-bound`, 'lookup-nobody', `lookup-${backend.name}-bound`, 'lookup-nobody-2'];
    const found = await Promise.all(keys.map((externalId) => lookups.submit({ channel: 'wecom', externalId })));
    expect(lookups.batches).toBe(1);
    expect(found.map((g) => g?.id)).toEqual([bound.id, undefined, bound.id, undefined]);
    expect(found[0]).toEqual(await findGroup(db, 'wecom', `lookup-${backend.name}-bound`));
    expect(found[0]).toMatchObject({ collegeId: college.id, collegeName: '查找测试职业学院', provinceCode: province!.code });
    // the chat path's shared lookup sees a binding made before it was asked for
    await unbindGroup(db, 'wecom', `lookup-${backend.name}-bound`);
    expect((await findChatGroup(db, 'wecom', `lookup-${backend.name}-bound`))?.collegeId ?? null).toBeNull();
  });

  it('rejects every waiter when the database is gone: no request hangs, none is told its question was stored', async () => {
    const gone = await seededDb(backend);
    const log = new QuestionLog(gone);
    const messages = new WecomMessageLog(gone, 60_000);
    await gone.close();
    const results = await Promise.allSettled([
      ...Array.from({ length: 40 }, (_, i) => log.append(question(4000 + i))),
      ...Array.from({ length: 10 }, (_, i) => messages.claim(`gone-${i}`, new Date())),
    ]);
    expect(results.every((r) => r.status === 'rejected' && isDbUnavailable(r.reason))).toBe(true);
  });
});

describe.each(backends)('POST /api/ask under concurrency on $name', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backend, { ASK_RATE_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await svc.close();
  });

  it('answers 120 concurrent questions and has stored every one of them when it answers', async () => {
    const texts = Array.from({ length: 120 }, (_, i) => `山东考试找谁？第${i}问`);
    const before = svc.services.assistant.questionLog.stats;
    const responses = await Promise.all(texts.map((text) => svc.request('/api/ask', { json: { text } })));
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const rows = await svc.db.query<{ question: string; channel: string }>(`select question, channel from questions where question like '山东考试找谁？第%问'`);
    expect(rows.map((r) => r.question).sort()).toEqual([...texts].sort());
    expect(rows.every((r) => r.channel === 'api')).toBe(true);
    // (how many inserts they shared depends on timing; the deterministic cases are above)
    expect(svc.services.assistant.questionLog.stats.items - before.items).toBe(120);
  });
});

describe.each(backends)('WeCom: who may administer a group is looked up only when a command needs it, on $name', (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(backend);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('asks for an unbind, not for a question or a report, and refuses an unbind the answer forbids', async () => {
    const { runChatCommands } = await import('../api/chat/commands.js');
    let asked = 0;
    const isGroupAdmin = async () => (asked++, false);
    const input = (text: string) => ({ text, channel: 'wecom' as const, from: { id: 'zhangsan' }, group: { externalId: 'wecom-room-1' }, isGroupAdmin });
    expect(await runChatCommands(svc.services, input('山东考试找谁'))).toBeUndefined();
    expect(asked).toBe(0);
    expect(await runChatCommands(svc.services, input('解除绑定'))).toContain('只有群主或管理员');
    expect(asked).toBe(1);
  });
});
