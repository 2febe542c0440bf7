import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { DATA_DIR } from '../facts.js';
import { commonWords } from './jieba-dict.js';

/** Chinese text handling: normalisation, the domain thesaurus, segmentation, retrieval features. */

const require = createRequire(import.meta.url);
// opencc-js: maintained Traditional → Simplified conversion (考過 → 考过, 學分 → 学分).
const OpenCC = require('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): (s: string) => string };
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

let jieba: Jieba | undefined;

/** One jieba instance with the common words of the default dictionary plus knowledge/data/dictionary.txt and extra words. */
export function segmenter(extraWords: string[] = []): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(commonWords());
    jieba.loadDict(readFileSync(path.join(DATA_DIR, 'dictionary.txt')));
    jieba.loadDict(Buffer.from(THESAURUS.canonical.map((w) => `${w.replace(/\s+/g, '')} 30000 n`).join('\n')));
  }
  if (extraWords.length) {
    jieba.loadDict(Buffer.from(extraWords.map((w) => `${w.replace(/\s+/g, '')} 30000 n`).join('\n')));
  }
  return jieba;
}

// Anything outside the Basic Multilingual Plane's CJK, Latin and punctuation that is a picture.
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu;
const HAS_NON_ASCII = /[^\x00-\x7f]/;

/**
 * Full-width ASCII to half-width, Traditional to Simplified, lower-case Latin, emoji out,
 * spaces collapsed, @mentions dropped. Linear in the input.
 */
export function normalize(text: string): string {
  const known = normalized.get(text);
  if (known !== undefined) return known;
  const t = normalizeAnew(text);
  if (text.length <= NORMALIZED_MAX_CHARS) {
    if (normalized.size >= NORMALIZED_KEPT) normalized.clear();
    normalized.set(text, t);
  }
  return t;
}

/**
 * The last texts normalised, and their forms: answering a question normalises the same few
 * texts (the question, its clauses) a dozen times over, and the Traditional → Simplified
 * conversion is most of it. A pure function of the text, so remembering changes nothing.
 */
const normalized = new Map<string, string>();
const NORMALIZED_KEPT = 512;
const NORMALIZED_MAX_CHARS = 2000;

function normalizeAnew(text: string): string {
  let t = text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(EMOJI, ' ')
    .replace(/@\S+\s?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  // (Taiwan's table reads 么 as 幺, "one": the particle of 能考么 stays 么.)
  if (HAS_NON_ASCII.test(t)) t = toSimplified(t).replace(/幺/g, '么').replace(PINYIN.pattern, (m) => PINYIN.words[m] ?? m).replace(COMPUTERS_COUNTED, '$1台').replace(TYPOS.pattern, (m) => TYPOS.words[m] ?? m).replace(MEGA, '$1m').replace(DIALECT_PARTICLE, '啊');
  return t;
}

/** knowledge/data/thesaurus.json, read once. */
const THESAURUS_FILE = JSON.parse(readFileSync(path.join(DATA_DIR, 'thesaurus.json'), 'utf8')) as {
  terms: Record<string, string[]>;
  filler: string[];
  pinyin?: { words: Record<string, string> };
  typos?: { words: Record<string, string> };
};

/** Pinyin initials typed for a whole word in a Chinese message (zs → 证书, bm → 报名): knowledge/data/thesaurus.json's `pinyin`. */
const PINYIN = (() => {
  const words = THESAURUS_FILE.pinyin?.words ?? {};
  const keys = Object.keys(words).map((k) => k.toLowerCase());
  return { words, pattern: keys.length ? new RegExp(`(?<![a-z])(?:${keys.join('|')})(?![a-z])`, 'g') : /(?!)/g };
})();

/** A dialect's sentence-final particle (Cantonese 㗎/喎/啩/噃/囉, Hunan 咯, northern 嘞/咧): read as 啊. */
const DIALECT_PARTICLE = /(?<=[\u4e00-\u9fff])[咯喎嘞咧吖啩噃囉㗎啰噻哒撒](?=[\s,.!?;:~，。！？、…]|$)/g;

/** Computers counted in 部 (Cantonese 35部电脑): the documents' 台. */
const COMPUTERS_COUNTED = /(\d+|[一二三四五六七八九十两]+)\s*部(?=电脑|计算机|机子|台式)/g;

/** A bandwidth in 兆 (20兆, 100 兆) as the documents write it: 20M. */
const MEGA = /(\d+)\s*兆(?!字节)/g;

/** Key nouns misspelt by sound (正书 → 证书, 抱名 → 报名): knowledge/data/thesaurus.json's `typos`. */
const TYPOS = (() => {
  const words = THESAURUS_FILE.typos?.words ?? {};
  // (Longest first: a place's name that begins with one, 阿拉尔 or 阿拉善, is no 阿拉 = 我们.)
  const keys = Object.keys(words).sort((a, b) => b.length - a.length);
  return { words, pattern: keys.length ? new RegExp(keys.join('|'), 'g') : /(?!)/g };
})();

interface Thesaurus {
  /** variant (or canonical) → canonical */
  map: Map<string, string>;
  pattern: RegExp;
  canonical: string[];
  filler: Set<string>;
}

const THESAURUS: Thesaurus = (() => {
  const file = THESAURUS_FILE;
  const map = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(file.terms)) {
    for (const v of [canonical, ...variants]) if (!map.has(v.toLowerCase())) map.set(v.toLowerCase(), canonical.toLowerCase());
  }
  // A canonical term that is itself another's variant (转成学分 → 换学分 → 学分) leads on to the last
  // one, so every way of saying it reads the same (考了证能换学分吗 and 能转成学分吗 alike).
  for (const [variant, term] of map) {
    let last = term;
    for (let hops = 0; hops < 5 && map.get(last) !== last && map.has(last); hops++) last = map.get(last)!;
    map.set(variant, last);
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Longest first, so 考试计算机 is kept whole and 没考过 wins over 考过; Latin words whole only.
  const keys = [...map.keys()].sort((a, b) => b.length - a.length).map((k) => (/^[a-z ]+$/.test(k) ? `(?<![a-z])${escape(k)}(?![a-z])` : escape(k)));
  return { map, pattern: new RegExp(keys.join('|'), 'g'), canonical: Object.keys(file.terms), filler: new Set(file.filler.map((f) => f.toLowerCase())) };
})();

/** Characters that make one word with a 考 after them (统考, 开考, 监考, 补考, 准考证…). */
const BINDS_考 = /[统开报监参应备补重大高中准]/;

/** A variant's last character and the next characters it makes a word with (考核, 考评, 管理, 考试机构, 校企, 出题). */
const ENDS_IN_WORD: Record<string, RegExp> = { 考: /[核评务点场生试]/, 证: /书/, 管: /理/, 网: /络/, 机: /[构关房]/, 校: /[企外内友园]/, 出: /题/, 审: /[批核查计定阅]/, 批: /[准复示评次量改]/ };
/** A variant's first character and the characters before it that it makes a word with (技能考证 is not 能考, 集成电路 not 电路, 是不是学生 not 不是学生). */
const STARTS_IN_WORD: Record<string, RegExp> = { 能: /[技功智才职]/, 电: /成/, 不: /是/ };

/** The documents' wording for everyday and English words (考试机 → 考试计算机, exam date → 考试时间). */
export function canonical(text: string): string {
  const known = canonicalised.get(text);
  if (known !== undefined) return known;
  const t = canonicalAnew(text);
  if (text.length <= NORMALIZED_MAX_CHARS) {
    if (canonicalised.size >= NORMALIZED_KEPT) canonicalised.clear();
    canonicalised.set(text, t);
  }
  return t;
}

/** The last texts read through the thesaurus (the question and its clauses, read a dozen times an answer), as normalize keeps its own. */
const canonicalised = new Map<string, string>();

function canonicalAnew(text: string): string {
  return text.replace(THESAURUS.pattern, (m, at: number) => {
    // (考 bound to the character before it is another word: 统考啥时候 is not 统 + 考啥 → 工作领域.)
    if (m.startsWith('考') && BINDS_考.test(text[at - 1] ?? '')) return m;
    // (Nor is a variant whose last character makes a word with the next one: 申报考核 is 申报 + 考核,
    // not 报考 + 核; 局域网管理 is not 网管.)
    if (ENDS_IN_WORD[m[m.length - 1]!]?.test(text[at + m.length] ?? '') || STARTS_IN_WORD[m[0]!]?.test(text[at - 1] ?? '')) return m;
    // (能考 a number of people is how many a room holds, not who may register: 一次能考多少人.)
    if (m === '能考' && /^(?:多少|几个?)(?:个)?(?:人|名|学生|考生)/.test(text.slice(at + m.length))) return m;
    const word = THESAURUS.map.get(m) ?? m;
    // A variant that ends inside its word, the rest of the word typed after it (在哪报 + 名,
    // 成绩在哪查 + 询), is not spelled twice (报名名, 成绩查询询).
    for (let rest = word.length - 1; rest > 0; rest--) {
      if (m.endsWith(word[word.length - rest - 1]!) && text.startsWith(word.slice(-rest), at + m.length)) return word.slice(0, -rest);
    }
    // (A Latin word for a Chinese one stays apart from a figure after it: 处理器6核 is CPU 6核, not cpu6.)
    if (/[A-Za-z]$/.test(word) && /[A-Za-z0-9]/.test(text[at + m.length] ?? '')) return word + ' ';
    return word;
  });
}

/** Words that carry no content in a question (particles, politeness, vague quantities). */
export function isFiller(token: string): boolean {
  return THESAURUS.filler.has(token) || STOP.has(token);
}

const STOP = new Set(
  '的 了 吗 呢 吧 啊 呀 是 有 和 与 及 或 在 要 能 会 可以 可 请问 请 一下 我 我们 你 你们 他 她 它 这 那 哪 哪些 什么 多少 几 个 么 怎么 怎样 如何 是否 需要 要求 一般 现在 都 也 就 还 又 到 对 为 以 等 及其 其 之 并 但 而 被 把 让 给 从 向 于 至 上 下 中 里 后 前 吗? 呢? ? ， 。 、 ； ： ！ ？ （ ） “ ” ‘ ’ 《 》 , . ; : ! ( ) [ ] - / % · ~ 不 没 没有 得 地 着 过 来 去 说 想 下 吗? 嘛 吗！'.split(' '),
);

/** Meaningful tokens of a text (search-mode segmentation of its canonical form, stop words and filler removed). */
export function tokens(text: string): string[] {
  return segmenter()
    // (A year is no part of the word after it: 2022年报了 is 2022年 + 报了, not 年报, an annual report.)
    // (Nor is 后 or 完 after a verb one word with the modal after it: 提交后能导出 is 提交后 + 能导出, not 后能.)
    // (Nor is a particle ending a clause one word with the word before it: 干哪些活呀 is 活 + 呀, not 活呀.)
    .cutForSearch(
      canonical(normalize(text))
        .replace(/(\d)年(?=报)/g, '$1年 ')
        // (会不会, 是不是, 行不行… ask whether; their 不会, 不是, 不行 are no negation: 学校会不会统一组织.)
        .replace(/(会|行|是|用|可以|需要)不\1/g, ' ')
        .replace(/(?<=[\u4e00-\u9fff][后完])(?=[能想要可会])/g, ' ')
        .replace(/(?<=[\u4e00-\u9fff])(?=[呀啊哈哦喔啦哇嘛吧呢吗]+(?:[\s,.!?;:~，。！？、…]|$))/g, ' '),
      true,
    )
    .map((t) => t.trim())
    .filter((t) => t && !isFiller(t));
}

/**
 * Retrieval features: tokens plus the character bigrams inside longer words, so that
 * differently segmented forms still meet (几年级 / 二年级, 考试计算机 / 计算机).
 */
export function features(text: string): string[] {
  const out = tokens(text);
  for (const t of [...out]) {
    if (t.length >= 3 && /^[\u4e00-\u9fff]+$/.test(t)) {
      for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
    }
  }
  return out;
}

/** Split a passage into sentence-like pieces (sentences, list items, numbered points). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！？])|\n|(?=\s\d+[.、．](?!\d))|(?=（[一二三四五六七八九十]+）)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

const LINE_END = /[。；;：:！？!?）)\]】”]$/;
const ITEM_START = /^(\d+[.、．]|[一二三四五六七八九十]+、|（|\(|第[一二三四五六七八九十百]+[条章]|[-·•#]|序号)/;

/**
 * Join the lines a page break split in the middle of a sentence (…培训项 / 目费用管理办法): a long
 * line that does not end a sentence continues on the next, unless that one starts a list item.
 */
export function joinBrokenLines(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.length >= 40 && !LINE_END.test(prev.trimEnd()) && line.trim() && !ITEM_START.test(line.trim())) out[out.length - 1] = prev + line.trim();
    else out.push(line);
  }
  return out.join('\n');
}

/** Characters that carry nothing by themselves in a pair (particles, question words, punctuation). */
const WEAK_CHARS = /[的了吗呢吧啊呀是有和与在要能会可以我们你他她它这那哪些什么怎么多少几个么请问一下还都也就又到对为以等之其并但而被把让给从向于上下中里后前不没得地着过来去说想\s\d\p{P}a-z]/u;

/** Distinct pairs of adjacent Chinese characters of a text's canonical form, skipping weak ones. */
export function charPairs(text: string): Set<string> {
  const t = canonical(normalize(text));
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) {
    const a = t[i]!;
    const b = t[i + 1]!;
    if (WEAK_CHARS.test(a) || WEAK_CHARS.test(b)) continue;
    // (时 ending a clause is "when": 考试的时候 is 考试时, no pair of its own.)
    if (b === '时' && !/[\u4e00-\u9fff]/.test(t[i + 2] ?? '')) continue;
    out.add(a + b);
  }
  return out;
}

/** A passage heading without the citation note an FAQ heading carries (（据“4、考核颁证阶段”）): that note is for the reader, not the search. */
export function headingText(section: string): string {
  return section.replace(/（据[^）]*）/g, '');
}

/**
 * The ways of asking a heading lists: an FAQ heading (常见问题 · 证书在哪查，成绩咋查、分数在哪看（据…）)
 * is its question and the other wordings of it; a section heading (… · 2、试点院校申报流程) its own title.
 */
/** A heading's （据…） citation, with up to two levels of parentheses inside it. */
const CITATION = /（据(?:[^（）]|（(?:[^（）]|（[^（）]*）)*）)*）/;
const CITATIONS = new RegExp(CITATION.source, 'g');
/**
 * A heading without its whole citation, parentheses inside it too (headingText leaves 考前培训的组织与开展
 * of （据“四、（五）考前培训的组织与开展”）; the search's fitted weights were learned with that).
 */
export function withoutCitations(section: string): string {
  return section.replace(CITATIONS, '');
}

/** What an FAQ heading's citation names: 二、证书标准解读（二）面向专业 · 应用型本科学校. */
export function citationOf(section: string): string | undefined {
  return CITATION.exec(section)?.[0].slice(2, -1).replace(/^“|”$/g, '');
}

export function waysOfAsking(section: string): string[] {
  // (Up to the first ·: a citation may hold one of its own, （据“二、证书标准解读（一）证书标准 · 中级”）.)
  return headingText(section)
    .replace(/^[^·]*·/, '')
    .split(/[，、,；;]/)
    .map((w) => w.trim())
    .filter(Boolean);
}
