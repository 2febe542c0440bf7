import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, seededDb, type TestDb } from './support/db.js';
import { loadSeedData, loadSeedDataIfChanged } from '../api/seed.js';
import { loadFacts } from '../knowledge/facts.js';
import { contactsForProvince, findProvince, listContacts, listProvinces, listRegions, updateContact, archiveContact } from '../api/contacts/repository.js';
import { listExams } from '../api/exams/repository.js';

// The province table of seeds/000_1d8cba944fa56dad.txt, transcribed independently of
// knowledge/data so that a typo in either is caught. null: the source gives no phone.
const SEED_TABLE: Array<[string, Array<[string, string | null]>]> = [
  ['北京', [['武威', '18502921921']]],
  ['天津', [['王亮', '15591899853']]],
  ['河北', [['王亮', '15591899853'], ['蒋立志', '13233655571']]],
  ['山东', [['米坤', '15353567377'], ['刘维', '15029297960']]],
  ['辽宁', [['边蕾', '18629553130']]],
  ['吉林', [['薛晓东', '18729284843']]],
  ['黑龙江', [['徐进', '15289372764']]],
  ['内蒙古', [['杨东飞', '15091181474']]],
  ['上海', [['南禚禚', '15619029317']]],
  ['江苏', [['南禚禚', '15619029317'], ['贺学纯', '17342901099']]],
  ['安徽', [['陈嘉昊', '13309261492'], ['王骞', '13572436466']]],
  ['浙江', [['李爱红', '18066533286']]],
  ['江西', [['王玉峰', '15891785606'], ['丁海', null]]],
  ['广东', [['邓启伟', '13991911640'], ['季冰楠', '18009200826'], ['周留洋', '18628594521']]],
  ['海南', [['杜渭', '13367495115']]],
  ['福建', [['邓启伟', '13991911640']]],
  ['广西', [['季冰楠', '18009200826'], ['黄阳勇', '13519127575']]],
  ['湖南', [['杜渭', '18629635995']]],
  ['湖北', [['马旭伟', '18992880651']]],
  ['四川', [['张杜蕊', '18329758700']]],
  ['重庆', [['王涛', '15291681940']]],
  ['云南', [['段梦轩', '18329934392']]],
  ['西藏', [['段梦轩', '18329934392']]],
  ['贵州', [['薛骥', '18682951967']]],
  ['河南', [['田超', '18049656006'], ['腊腾辉', '13679166561'], ['王笑凡', '15029619663'], ['乔智', '18220544606'], ['刘新', '15929996052']]],
  ['山西', [['田超', '18049656006']]],
  ['陕西', [['杜新娜', '15091634497']]],
  ['甘肃', [['张晨', '17791297979']]],
  ['青海', [['腊腾辉', '13679166561']]],
  ['宁夏', [['腊腾辉', '13679166561']]],
  ['新疆', [['邝子文', '18629412140']]],
];

const REGIONS: Array<[string, string, string, string[]]> = [
  ['华南区', '苏亚楠', '15109294615', ['广东', '广西', '海南', '福建', '湖南', '湖北']],
  ['华东区', '王敏娜', '13121210961', ['上海', '江苏', '安徽', '浙江', '江西']],
  ['华北区', '王鹤璇', '13936352355', ['北京', '天津', '河北', '山东', '黑龙江', '吉林', '辽宁', '内蒙古']],
  ['西北区', '郭豪楠', '13572505637', ['陕西', '甘肃', '青海', '宁夏', '新疆', '河南', '山西']],
  ['西南区', '陈梦娜', '18182670513', ['四川', '重庆', '云南', '西藏', '贵州']],
];

describe.each(backends)('seed data on $name', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await seededDb(backend);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has all 31 provinces in the order of the source table', async () => {
    const provinces = await listProvinces(db);
    expect(provinces.map((p) => p.name)).toEqual(SEED_TABLE.map(([name]) => name));
  });

  it.each(SEED_TABLE)('%s: every lead and phone exactly as the source lists', async (name, leads) => {
    const province = await findProvince(db, name);
    expect(province).toBeDefined();
    const found = await contactsForProvince(db, province!);
    expect(found.leads.map((c) => [c.name, c.phone])).toEqual(leads);
    for (const lead of found.leads) expect(lead.source).toContain('000_1d8cba944fa56dad');
  });

  it.each(REGIONS)('%s: its 区域管家 and provinces', async (regionName, manager, phone, provinces) => {
    const region = (await listRegions(db)).find((r) => r.name === regionName);
    expect(region).toBeDefined();
    expect([...region!.provinces].sort()).toEqual([...provinces].sort());
    const found = await contactsForProvince(db, (await findProvince(db, provinces[0]!))!);
    expect(found.managers.map((m) => [m.name, m.phone])).toEqual([[manager, phone]]);
  });

  it('finds provinces by alias: 鲁, 新疆兵团, 内蒙古自治区', async () => {
    expect((await findProvince(db, '鲁'))?.name).toBe('山东');
    expect((await findProvince(db, '新疆兵团'))?.name).toBe('新疆');
    expect((await findProvince(db, '内蒙古自治区'))?.name).toBe('内蒙古');
    expect(await findProvince(db, '台湾')).toBeUndefined();
  });

  it('has the 2022 national exam months, month only', async () => {
    const exams = await listExams(db, 2022);
    expect(exams.map((e) => e.month)).toEqual([5, 6, 10, 11, 12]);
    expect(exams.every((e) => e.date === null && e.scope === 'national')).toBe(true);
  });

  it('a start loads the seed only when it changed since the last load (one read otherwise)', async () => {
    expect(await loadSeedDataIfChanged(db)).toBe(false);
    // another exam session in the files: loaded, and then known as loaded
    const facts = loadFacts();
    const changed = { ...facts, exams: { ...facts.exams, sessions: [...facts.exams.sessions, { ...facts.exams.sessions[0]!, year: 2031, month: 4 }] } };
    expect(await loadSeedDataIfChanged(db, changed)).toBe(true);
    expect((await listExams(db, 2031)).map((e) => e.month)).toEqual([4]);
    expect(await loadSeedDataIfChanged(db, changed)).toBe(false);
    expect(await loadSeedDataIfChanged(db)).toBe(true); // back to the files as they are
  });

  it('reloading is idempotent and keeps operator edits and deletions', async () => {
    const before = await listContacts(db);
    await loadSeedData(db);
    expect((await listContacts(db)).length).toBe(before.length);

    const miKun = before.find((c) => c.name === '米坤')!;
    const bianLei = before.find((c) => c.name === '边蕾')!;
    await updateContact(db, miKun.id, { phone: '13800000000' });
    await archiveContact(db, bianLei.id);
    await loadSeedData(db);
    const after = await listContacts(db);
    expect(after.find((c) => c.id === miKun.id)?.phone).toBe('13800000000');
    expect(after.find((c) => c.id === bianLei.id)).toBeUndefined();
    expect(after.length).toBe(before.length - 1);
  });
});
