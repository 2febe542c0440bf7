import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { Wechaty } from 'wechaty';
import { createBot } from '../bot/create.js';
import { superviseBot } from '../bot/supervise.js';
import { bindGroup, findGroup } from '../api/groups/repository.js';
import { ensureCollege } from '../api/colleges/repository.js';
import { findProvince } from '../api/contacts/repository.js';
import { backends } from './support/db.js';
import { assistantServices } from './support/assistant.js';
import pino from 'pino';
import { Writable } from 'node:stream';

/** One WeChat "login": a fresh mocked WeChat where every contact and room gets a new id. */
async function login(services: Awaited<ReturnType<typeof assistantServices>>, topics: string[]) {
  const mocker = new mock.Mocker();
  const bot: Wechaty = createBot(services, new PuppetMock({ mocker }));
  const stop = superviseBot(services, bot, { puppet: 'wechaty-puppet-mock' });
  const me = mocker.createContact({ name: '1+X助手' });
  const owner = mocker.createContact({ name: '群主老师' });
  const teacher = mocker.createContact({ name: '张老师' });
  const rooms = topics.map((topic) => mocker.createRoom({ topic, ownerId: owner.id, memberIdList: [me.id, owner.id, teacher.id] }));
  const said: string[] = [];
  for (const room of rooms) (room as unknown as NodeJS.EventEmitter).on('message', (m: mock.MessageMock) => m.talker().id === me.id && said.push(m.text() ?? ''));
  await new Promise((r) => setTimeout(r, 100));
  mocker.login(me);
  /** The teacher asks the bot in a room; the bot's reply. */
  const ask = async (room: mock.RoomMock, text: string) => {
    const before = said.length;
    teacher.say(`@1+X助手 ${text}`, [me]).to(room);
    await expect.poll(() => said.length, { timeout: 10_000 }).toBeGreaterThan(before);
    return said[before]!;
  };
  return { bot, stop, rooms, ask };
}

// wechat4u gives every room a new id at each login: bindings are found again by topic and owner.
describe.each(backends)('wechaty bindings across a re-login on $name', (backend) => {
  let services: Awaited<ReturnType<typeof assistantServices>>;
  beforeAll(async () => {
    services = await assistantServices(backend);
  });
  afterAll(async () => {
    await services.close();
  });

  it('keeps every binding when the re-login gives every room a new id', async () => {
    const shandong = await ensureCollege(services.db, '济南职业学院', (await findProvince(services.db, '山东'))!.code);
    const jiangsu = await ensureCollege(services.db, '南京测试职业学院', (await findProvince(services.db, '江苏'))!.code);

    const first = await login(services, ['山东试点院校群', '江苏试点院校群', '浙江试点院校群']);
    const [sdRoom, jsRoom, zjRoom] = first.rooms as [mock.RoomMock, mock.RoomMock, mock.RoomMock];
    const zhejiang = await ensureCollege(services.db, '杭州测试职业学院', (await findProvince(services.db, '浙江'))!.code);
    await bindGroup(services.db, { channel: 'wechaty', externalId: zjRoom.id, name: '浙江试点院校群', collegeId: zhejiang.id, boundBy: 'test' });
    expect(await first.ask(zjRoom, '查看绑定')).toContain('杭州测试职业学院');
    await bindGroup(services.db, { channel: 'wechaty', externalId: sdRoom.id, name: '山东试点院校群', collegeId: shandong.id, boundBy: 'test' });
    await bindGroup(services.db, { channel: 'wechaty', externalId: jsRoom.id, name: '江苏试点院校群', collegeId: jiangsu.id, boundBy: 'test' });
    expect(await first.ask(sdRoom, '查看绑定')).toContain('济南职业学院');
    expect(await first.ask(jsRoom, '查看绑定')).toContain('南京测试职业学院');
    await first.stop();

    // The 浙江 group is renamed while the bot is logged out: not guessed, left for an operator.
    const second = await login(services, ['江苏试点院校群', '山东试点院校群', '浙江院校交流群']);
    const [jsRoom2, sdRoom2] = second.rooms as [mock.RoomMock, mock.RoomMock];
    expect([sdRoom2.id, jsRoom2.id]).not.toContain(sdRoom.id);
    await expect.poll(async () => (await findGroup(services.db, 'wechaty', sdRoom2.id))?.collegeName, { timeout: 10_000 }).toBe('济南职业学院');
    await expect.poll(async () => (await findGroup(services.db, 'wechaty', jsRoom2.id))?.collegeName, { timeout: 10_000 }).toBe('南京测试职业学院');
    expect(await findGroup(services.db, 'wechaty', sdRoom.id)).toBeUndefined();
    expect((await findGroup(services.db, 'wechaty', zjRoom.id))?.collegeName).toBe('杭州测试职业学院');
    // The re-linked binding is used: the question is answered for 山东.
    expect(await second.ask(sdRoom2, '考试找谁')).toContain('王鹤璇 13936352355');
    await second.stop();
    expect(services.channelStatus.get('wechaty')?.state).toBeDefined();
  }, 60_000);

  it('backs off after repeated failures with one log line per attempt, not one per error', async () => {
    const lines: Array<{ msg: string; err?: unknown }> = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    const logged = { ...services, log: pino({ level: 'info' }, sink) };
    const mocker = new mock.Mocker();
    const bot = createBot(logged, new PuppetMock({ mocker }));
    const stop = superviseBot(logged, bot, { puppet: 'wechaty-puppet-mock', baseDelayMs: 60_000 });
    for (let i = 0; i < 100; i++) (bot as unknown as NodeJS.EventEmitter).emit('error', new Error('puppet connection lost'));
    await new Promise((r) => setTimeout(r, 50));
    const restarts = lines.filter((l) => l.msg === 'wechaty bot will restart');
    expect(restarts).toHaveLength(1);
    expect(lines.filter((l) => l.err !== undefined)).toEqual([]); // no stack traces
    expect(logged.channelStatus.get('wechaty')).toMatchObject({ state: 'error', error: 'puppet connection lost' });
    await stop();
  });
});
