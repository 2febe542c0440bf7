import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { Wechaty } from 'wechaty';
import { createBot, registerRoomSender } from '../bot/create.js';
import { enqueueDeliveries } from '../api/delivery/outbox.js';
import { DeliveryWorker } from '../api/delivery/worker.js';
import { backends } from './support/db.js';
import { assistantServices } from './support/assistant.js';
import { readFileSync } from 'node:fs';
import { parseEvalFile } from '../knowledge/evaluation.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { issueBindCode } from '../api/miniapp/service.js';

// The real wechaty on wechaty-puppet-mock: a mocked room with the bot, its owner and a contact.
describe.each(backends)('wechaty group bot on $name', (backend) => {
  let services: Awaited<ReturnType<typeof assistantServices>>;
  let bot: Wechaty;
  let mocker: mock.Mocker;
  let botUser: mock.ContactMock;
  let owner: mock.ContactMock;
  let teacher: mock.ContactMock;
  let student: mock.ContactMock;
  let room: mock.RoomMock;
  const botSaid: string[] = [];

  beforeAll(async () => {
    services = await assistantServices(backend);
    Object.assign(services.config, { BOT_RATE_PER_MINUTE: 41 }); // the dev set is 39 questions in a row
    mocker = new mock.Mocker();
    bot = createBot(services, new PuppetMock({ mocker }));
    await bot.start();
    botUser = mocker.createContact({ name: '1+X助手' });
    owner = mocker.createContact({ name: '群主老师' });
    teacher = mocker.createContact({ name: '张老师' });
    student = mocker.createContact({ name: '李同学' });
    mocker.login(botUser);
    room = mocker.createRoom({ topic: '山东试点院校群', ownerId: owner.id, memberIdList: [botUser.id, owner.id, teacher.id, student.id] });
    (room as unknown as NodeJS.EventEmitter).on('message', (m: mock.MessageMock) => {
      if (m.talker().id === botUser.id) botSaid.push(m.text() ?? '');
    });
    await new Promise((r) => setTimeout(r, 200));
  });
  afterAll(async () => {
    await bot.stop();
    await services.close();
  });

  /** Say something in the room and collect what the bot says back (waiting for it, up to 10 s). */
  async function roomSays(who: mock.ContactMock, text: string, mention = true, expectReply = true): Promise<string[]> {
    const before = botSaid.length;
    who.say(mention ? `@1+X助手 ${text}` : text, mention ? [botUser] : []).to(room);
    if (expectReply) await expect.poll(() => botSaid.length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(before);
    await new Promise((r) => setTimeout(r, expectReply ? 100 : 800));
    const said = botSaid.slice(before);
    // A group reply @-mentions the asker ("@name " before the first piece).
    const prefix = `@${who.payload.name} `;
    if (expectReply && mention) expect(said[0]!.startsWith(prefix), said[0]).toBe(true);
    return said.map((t) => (t.startsWith(prefix) ? t.slice(prefix.length) : t));
  }

  it('answers an @-mention with the right people, as npm run ask does', async () => {
    const replies = await roomSays(teacher, '山东的学校，考试组织问题找谁？');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toBe(services.assistant.answerOnly({ text: '山东的学校，考试组织问题找谁？', channel: 'cli' }).text);
    expect(replies[0]).toContain('王鹤璇 13936352355');
  });

  it('answers every dev-set question exactly as npm run ask does', async () => {
    for (const c of parseEvalFile(readFileSync('knowledge/eval/dev.jsonl', 'utf8'))) {
      const replies = await roomSays(student, c.q);
      expect(replies.join(''), c.id).toBe(services.assistant.answerOnly({ text: c.q, channel: 'cli' }).text);
    }
  }, 120_000);

  it('answers a person asking too fast with a polite reply, once per window', async () => {
    await roomSays(student, '你好');
    await roomSays(student, '你好');
    expect((await roomSays(student, '你好'))[0]).toContain('太快');
    expect(await roomSays(student, '你好', true, false)).toEqual([]); // not a reply to every extra message
  });

  it('stays quiet when not addressed, and answers a keyword prefix', async () => {
    expect(await roomSays(teacher, '山东考试找谁', false, false)).toEqual([]);
    const replies = await roomSays(teacher, '小助手 广西负责人', false);
    expect(replies[0]).toContain('季冰楠 18009200826');
  });

  it('binds only with a one-time code from the console (owning the group is not enough), and binding changes the answer', async () => {
    const refused = await roomSays(owner, '绑定 山东 济南职业学院');
    expect(refused[0]).toContain('绑定码');
    const unbound = await roomSays(teacher, '考试找谁');
    expect(unbound[0]).toContain('省份');
    const college = await ensureCollege(services.db, '济南职业学院', '37');
    const [admin] = await services.db.query<{ id: string }>("select id from accounts where role = 'admin'");
    const { code } = await issueBindCode(services.db, college.id, Number(admin!.id), new Date(), 'group');
    expect((await roomSays(teacher, '绑定 ABCDEFGH'))[0]).toContain('不正确');
    const bound = await roomSays(owner, `绑定 ${code}`);
    expect(bound[0]).toContain('绑定成功');
    expect((await roomSays(owner, `绑定 ${code}`))[0]).toContain('已用过'); // one use
    expect((await roomSays(teacher, '查看绑定'))[0]).toContain('济南职业学院（山东）');
    const answer = await roomSays(teacher, '考试找谁');
    expect(answer[0]).toContain('王鹤璇 13936352355');
    expect((await roomSays(teacher, '解除绑定'))[0]).toContain('只有群主或管理员');

    // A second group for the same college alerts the region's 区域管家 through the outbox.
    await services.db.query("update contacts set wecom_user_id = 'huabei-manager' where role = 'region_manager' and region_code = 'huabei'");
    const other = mocker.createRoom({ topic: '另一个群', ownerId: teacher.id, memberIdList: [botUser.id, teacher.id] });
    const said: string[] = [];
    (other as unknown as NodeJS.EventEmitter).on('message', (m: mock.MessageMock) => m.talker().id === botUser.id && said.push(m.text() ?? ''));
    const second = await issueBindCode(services.db, college.id, Number(admin!.id), new Date(), 'group');
    teacher.say(`@1+X助手 绑定 ${second.code}`, [botUser]).to(other);
    await expect.poll(() => said.join(''), { timeout: 10_000 }).toContain('绑定成功');
    const alerts = await services.db.query<{ destination: string; payload: { text: string } }>("select destination, payload from deliveries where job like 'alert:group-bind:%'");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.destination).toBe('huabei-manager');
    expect(alerts[0]!.payload.text).toContain('济南职业学院');
    await services.db.query("delete from deliveries where job like 'alert:group-bind:%'"); // WeCom is not configured here
    expect((await roomSays(owner, '解除绑定'))[0]).toContain('已解除');
  });

  it('never answers itself and logs each question with channel, group and sender', async () => {
    const count = botSaid.length;
    botUser.say('@1+X助手 山东考试找谁', [botUser]).to(room);
    await new Promise((r) => setTimeout(r, 500));
    expect(botSaid.length).toBe(count + 1); // its own message, and no reply to it
    const rows = await services.db.query<{ channel: string; group_ref: string; sender: string }>(
      "select channel, group_ref, sender from questions where question = '山东的学校，考试组织问题找谁？' and sender = $1",
      [teacher.id],
    );
    expect(rows).toEqual([{ channel: 'wechaty', group_ref: room.id, sender: teacher.id }]);
  });

  it('delivers an outbox message to the room through the bot', async () => {
    const unregister = registerRoomSender(services, bot);
    await enqueueDeliveries(services.db, [{ job: 'test:room', channel: 'wechaty_room', destination: room.id, payload: { text: '【通知】机器人投递测试' } }]);
    const worker = new DeliveryWorker(services.db, services.senders, { maxAttempts: 3, baseDelayMs: 1000 }, services.log);
    expect(await worker.runOnce(new Date(Date.now() + 1000))).toEqual({ sent: 1, failed: 0, retried: 0 });
    await expect.poll(() => botSaid).toContain('【通知】机器人投递测试');
    unregister();
  });
});
