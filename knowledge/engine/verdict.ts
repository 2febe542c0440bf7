import type { Answer } from '../assistant/types.js';
import { numberOf } from './answer-types.js';

/**
 * The verdict on a number of the asker's own (我们UPS只能撑1个小时，满足要求吗; 机房电脑都是i3的，能当考试机用吗;
 * 60人只安排2个监考够吗): the answer's rule says the bound, this says whether their number meets it,
 * in one line above the rule. Only when the question asks for a verdict, the number and the bound
 * are in the same measure (and of the same thing, where either names it), and the answer states one
 * bound in that measure; otherwise the rule alone is shown, as before.
 */
export function withVerdict(answer: Answer, question: string): Answer {
  const line = headCount(question, answer.text) ?? ownNumbers(question, answer.text);
  return line ? { ...answer, text: `${line}\n${answer.text}` } : answer;
}

/**
 * Whether a number of the asker's own is checked by this answer: the answer states the one bound
 * in that number's measure (30台电脑够不够当考场 against 考生计算机：45台) — evidence that it is the rule asked about.
 */
export function checksOwnNumber(question: string, text: string): boolean {
  return ownNumbers(question, text) !== undefined;
}

/** Whether the asker wants a yes or no on something of their own. */
// (才6个老师, 只有36台: a figure told as too small asks whether it is enough.)
const VERDICT_ASKED = /够|满足|符合|达标|达不到|过不了|过得了|合格|行不行|行吗|得不得|得行不|可以吗|可不可以|能不能|能.{0,12}吗|算不算|ok吗|没问题吧|有问题吗|(?:才|只有)\s*[\d一二两三四五六七八九十]/i;
const NUMBER = String.raw`(\d{1,5}(?:\.\d+)?|[一二两三四五六七八九十]{1,3})`;

// --- Invigilators for a number of examinees (1:20) ---

/** A number of examinees (60个考生, 120名学生; 60人 only beside a count of invigilators: 4个人 may be the staff). */
const EXAMINEES = new RegExp(`${NUMBER}\\s*(?:个|名|位)?(?:考生|学生)`);
const PEOPLE = new RegExp(`${NUMBER}\\s*(?:个|名|位)?人(?![员监])`);
// (Or after the word: 监考两个人看60个学生.)
const INVIGILATORS = new RegExp(`${NUMBER}\\s*(?:个|名|位)\\s*(?:监考)|监考(?:老师|人员)?(?:就|只有|才)?\\s*${NUMBER}\\s*(?:个|名|位)`);
const INVIGILATION_RATIO = /1\s*[:：∶]\s*(\d{1,3})/;
const ASKS_HOW_MANY = /几个|几名|几位|多少|够不够|够吗|够不|至少|行吗|行不行|可以吗|满足/;

/** How many invigilators the examinees need by the ratio, and whether the asker's own count is enough. */
function headCount(question: string, text: string): string | undefined {
  const planned = INVIGILATORS.exec(question);
  const examinees = EXAMINEES.exec(question) ?? (planned ? PEOPLE.exec(question) : null);
  const ratio = INVIGILATION_RATIO.exec(text);
  if (!examinees || !ratio || !/监考/.test(question) || !ASKS_HOW_MANY.test(question) || !/监考/.test(text)) return undefined;
  const students = numberOf(examinees[1]!);
  const per = Number(ratio[1]);
  if (!students || !per) return undefined;
  const needed = Math.ceil(students / per);
  const line = `按监考人员与考生不低于1:${per}的配比，${students}名考生至少需要${needed}名监考人员`;
  if (!planned) return `${line}。`;
  const own = numberOf((planned[1] ?? planned[2])!);
  return own >= needed ? `${line}，您安排的${own}名满足要求。` : `${line}，您安排的${own}名不够，不满足要求。`;
}

// --- A number against the rule's bound ---

interface Quantity {
  value: number;
  measure: string;
  /** What it is a number of (内存, 硬盘, 考务…), when the words around it say. */
  of?: string;
  said: string;
}
interface Bound extends Quantity {
  /** At least (不少于, 以上) or at most (不超过, 以内). */
  least: boolean;
  /** A list's total (总计不少于5名) beside its parts' own bounds. */
  total: boolean;
}

/** Measures and the words that write them (G and T are both storage, in G). */
const MEASURES: Array<[string, string]> = [
  ['小时', String.raw`个?\s*半?\s*(?:小时|钟头|h(?![a-z]))`],
  ['年', String.raw`年|届`],
  ['台', String.raw`台`],
  ['G', String.raw`(?:个\s*)?[GgTt](?:B|b)?(?![a-z])`],
  ['M', String.raw`(?:M|m)(?:bps|b|B)?(?![a-z])|兆`],
  ['人', String.raw`(?:个|名|位)?\s*(?:人(?!员)|老师|教师|成员)|名(?![额次单称])|个?\s*(?:位子|座位|机位)`],
  ['个摄像头', String.raw`个\s*(?:监控)?\s*摄像头`],
  ['课时', String.raw`课时|学时`],
  ['%', String.raw`%|％`],
];
/** Each measure's expression, made once (a number, then the measure's words). */
const MEASURE_RES: Array<[string, RegExp]> = MEASURES.map(([measure, words]) => [measure, new RegExp(`${NUMBER}\\s*(?:${words})`, 'g')]);
/** Cameras counted after the word (摄像头装了1个; not 3个摄像头 一个考场, the room they are for). */
const CAMERAS_AFTER = new RegExp(`摄像头[^，,。？?\\d]{0,4}?${NUMBER}\\s*个(?!人|考场|机房|教室|实训室)`, 'g');
/** What a number is of: the word nearest it decides between two rows of one measure. */
const THINGS: Array<[string, RegExp]> = [
  ['内存', /内存/],
  ['硬盘', /硬盘|磁盘|存储/],
  ['考务', /考务/],
  ['培训', /培训/],
  ['带宽', /带宽|网速|外网|宽带|网络/],
  // (a pilot's training team: the share of experts from companies, of the school's own teachers)
  ['企业专家', /企业|行业/],
  ['专任教师', /专任|本校/],
  // (the roles of an exam site's team, each with its own bound)
  ['监考', /监考/],
  ['技术支持', /技术/],
  ['后勤', /后勤/],
  ['考点负责人', /负责人/],
];
/** Each thing's last mention in a text. */
const LAST_MENTION = THINGS.map(([, re]) => new RegExp(`(?:${re.source})(?!.*(?:${re.source}))`));
/** Written bounds: at least / at most before or after the number. */
// (A room that 能够同时满足40人 seats at least 40.)
const LEAST_BEFORE = /(?:不少于|不低于|不小于|至少|最少|最低|近|同时满足|同时容纳)\s*$/;
const MOST_BEFORE = /(?:不超过|不多于|不高于|最多|至多)\s*$/;
// (A model written between, 4G DDR4或以上, leaves it a bound.)
const LEAST_AFTER = /^\s*(?:DDR\d\s*)?(?:或|及)?以上/i;
const MOST_AFTER = /^\s*(?:以内|以下)/;
/** An entry of a required list (考生计算机：45台): the count it needs. */
const LIST_ENTRY = /[：:]\s*$/;
/** A number of years of one's own that the rule could bound: a major's or a college's (招了2年, 开设3年, 2年经验). */
const OWN_YEARS = /招|开设|开办|办了|开了|经验/;
const TOTAL = /(?:总计|合计|共计|总共|一共)\s*(?:不少于|不低于|至少)?\s*$/;
/** A role within a team: its own bound, not the team's total. */
const ROLE = /监考|技术|负责人|后勤|巡考/;
const OPTIONAL = /非必须|备用|建议|可选/;
const HALF_HOUR = /(?<![\d一二两三四五六七八九十个])半个?(?:小时|钟头)/g;
const CPU = /(?<![a-z])i([3579])(?!\d)/gi;

function quantities(text: string): Array<Quantity & { at: number; end: number }> {
  const found: Array<Quantity & { at: number; end: number }> = [];
  for (const [measure, re] of MEASURE_RES) {
    for (const m of text.matchAll(re)) {
      // (1个半小时 is 1.5 hours.)
      const value = numberOf(m[1]!) * (measure === 'G' && /[Tt]/.test(m[0].slice(m[1]!.length)) ? 1024 : 1) + (measure === '小时' && /半/.test(m[0]) ? 0.5 : 0);
      // (In the asker's spelling, but 16g written 16G.)
      const said = measure === 'G' || measure === 'M' ? `${m[1]}${m[0].slice(m[1]!.length).trim().replace(/^(个\s*)?([gmt])/, (_, a: string | undefined, c: string) => (a ?? '') + c.toUpperCase())}` : m[0].replace(/\s+/g, '');
      if (value > 0) found.push({ value, measure, said, at: m.index, end: m.index + m[0].length });
    }
  }
  // (Cameras counted after the word: 摄像头装了1个.)
  for (const m of text.matchAll(CAMERAS_AFTER)) {
    const at = m.index + m[0].length - m[0].slice(m[0].search(/[\d一二两三四五六七八九十]/)).length;
    found.push({ value: numberOf(m[1]!), measure: '个摄像头', said: `${m[1]}个摄像头`, at, end: m.index + m[0].length });
  }
  // (Half an hour alone, 能撑半小时: 0.5 hours.)
  for (const m of text.matchAll(HALF_HOUR)) found.push({ value: 0.5, measure: '小时', said: m[0], at: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(CPU)) found.push({ value: Number(m[1]), measure: 'CPU', said: `i${m[1]}`, at: m.index, end: m.index + m[0].length });
  return found;
}

/** The thing named nearest before a position in the same clause (or, in a question, anywhere in its clause). */
function thingOf(text: string, at: number, end: number, either: boolean): string | undefined {
  const before = text.slice(Math.max(0, at - 14), at).split(/[。；;，,？?！!]/).pop()!;
  const after = either ? text.slice(end, end + 8).split(/[。；;，,？?！!]/)[0]! : '';
  let best: { thing: string; distance: number } | undefined;
  for (const [i, [thing, re]] of THINGS.entries()) {
    const b = before.search(LAST_MENTION[i]!);
    if (b >= 0 && (!best || before.length - b < best.distance)) best = { thing, distance: before.length - b };
    const a = after.search(re);
    if (a >= 0 && (!best || a + 1 < best.distance)) best = { thing, distance: a + 1 };
  }
  return best?.thing;
}

function bounds(text: string): Bound[] {
  return quantities(text).flatMap((q) => {
    const before = text.slice(Math.max(0, q.at - 6), q.at);
    const after = text.slice(q.end, q.end + 10);
    // (A listed count with a spare in it, 2台（其中1台备用机非必须）, needs fewer than it says.)
    const listed = q.measure === '台' && LIST_ENTRY.test(before) && !OPTIONAL.test(text.slice(q.end, q.end + 20));
    const least = LEAST_BEFORE.test(before) || LEAST_AFTER.test(after) || listed;
    const most = MOST_BEFORE.test(before) || MOST_AFTER.test(after);
    if (least === most) return [];
    const total = TOTAL.test(text.slice(Math.max(0, q.at - 10), q.at));
    return [{ ...q, least, total, of: thingOf(text, q.at, q.end, false) }];
  });
}

function ownNumbers(question: string, text: string): string | undefined {
  if (!VERDICT_ASKED.test(question)) return undefined;
  const rule = bounds(text.replace(/\n来源：[^\n]*$/, ''));
  const lines: string[] = [];
  const own = quantities(question).filter((q) => q.measure !== '年' || (q.value <= 30 && OWN_YEARS.test(question)));
  for (const mine of own) {
    // (Two numbers of one measure, 60人 and 4个人: which one is checked is not clear, unless each
    // names its own thing: 内存16G、500G硬盘.)
    const of = thingOf(question, mine.at, mine.end, true);
    if (own.some((o) => o !== mine && o.measure === mine.measure && (!of || thingOf(question, o.at, o.end, true) === of))) continue;
    let same = rule.filter((b) => b.measure === mine.measure && (!of || !b.of || of === b.of));
    // (A whole team's number, 我们考务一共4个人, is checked against the list's total.)
    const totals = same.filter((b) => b.total);
    if (totals.length && !ROLE.test(question)) same = totals;
    else if (of) same = same.filter((b) => !b.total);
    // One bound in that measure (the same one written twice counts once), or no verdict at all.
    const distinct = new Set(same.map((b) => `${b.value}${b.least}`));
    if (distinct.size > 1) return undefined;
    const bound = same[0];
    if (!bound) continue;
    const meets = bound.least ? mine.value >= bound.value : mine.value <= bound.value;
    const required = !bound.least ? `不超过${bound.said}` : ['CPU', 'G', 'M'].includes(bound.measure) ? `${bound.said}或以上` : `不少于${bound.said}`;
    lines.push(meets ? `${mine.said}满足这一项（要求${required}）` : `${mine.said}不满足要求（要求${required}）`);
  }
  if (!lines.length) return undefined;
  return `按下面的规定，您说的${lines.join('；')}。`;
}
