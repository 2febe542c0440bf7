import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../facts.js';
import type { Passage } from './snapshot.js';
import { canonical, normalize, waysOfAsking, withoutCitations } from './text.js';

/**
 * The FAQ entry a question is worded as, word for word. Each FAQ heading lists its ways of asking
 * (学生常见问题 · 在哪报名，去哪报、找谁报名…); `knowledge/data/short-questions.json` adds the
 * shortest ways for named entries (怎么报名, 在哪考试): one pair of characters for the search, and
 * written into the headings they shifted other questions' search. A way two entries list belongs to
 * the general one when the other is a college's, to neither otherwise.
 */
export class ListedWays {
  private readonly ways = new Map<string, Passage | null>();
  /** An entry answered together with another (在哪报名 with 学生怎么参加培训和考试): knowledge/data/short-questions.json's `with`. */
  private readonly companions = new Map<Passage, Passage>();
  /** The long ways by their characters, sorted (see the constructor). */
  private readonly reordered = new Map<string, Passage | null>();

  constructor(passages: Passage[], isCollegeRule: (p: Passage) => boolean, file = loadShortWays()) {
    const listing = new Map<string, Passage[]>();
    for (const p of passages) {
      if (!/常见问题/.test(p.section)) continue;
      for (const way of waysOfAsking(withoutCitations(p.section))) {
        const key = bareQuestion(way);
        if (key.length < 3) continue;
        const all = listing.get(key) ?? listing.set(key, []).get(key)!;
        if (!all.includes(p)) all.push(p);
      }
    }
    for (const [key, all] of listing) {
      const general = all.filter((p) => !isCollegeRule(p));
      this.ways.set(key, all.length === 1 ? all[0]! : general.length === 1 ? general[0]! : null);
    }
    const entryOf = (faq: string) => passages.find((p) => /常见问题/.test(p.section) && !isCollegeRule(p) && waysOfAsking(p.section)[0] === faq);
    for (const { faq, asked, with: companion } of file) {
      const entry = entryOf(faq);
      if (entry) for (const way of asked) this.ways.set(bareQuestion(way), entry);
    }
    // Each way in the documents' wording too, where that is another key (有什么用 → 用途: what's this
    // cert for reads as 用途), so a question read through the thesaurus still finds its entry.
    for (const [key, entry] of [...this.ways]) {
      const read = documentsWording(key);
      if (read !== key && !this.ways.has(read)) this.ways.set(read, entry);
    }
    // Each long way by its characters in any order too (考前培训，没有培训讲师证的老师能上吗 is the listed
    // 没有培训讲师证的老师能上考前培训吗), when no other way has the same characters.
    for (const [key, entry] of this.ways) {
      if (key.length < REORDERED_MIN) continue;
      const bag = characters(key);
      const other = this.reordered.get(bag);
      this.reordered.set(bag, other === undefined || other === entry ? entry : null);
    }
    for (const { faq, with: companion } of file) {
      const entry = entryOf(faq);
      const other = companion ? entryOf(companion) : undefined;
      if (entry && other) this.companions.set(entry, other);
    }
  }

  /**
   * A listed way, as it is or in the documents' wording (怎么抱名 → 怎么报名), or after who asks and
   * what about, said before it (这个考试怎么报名 → 怎么报名, 我们学生要考的话去哪报名 → 去哪报名): the way
   * that is left must still be a question.
   */
  private way(key: string): Passage | null | undefined {
    // (English is read in the documents' wording only as a whole question, in find.)
    for (const k of new Set(/[a-z]/.test(key) ? [key] : [key, documentsWording(key)])) {
      const found = this.ways.get(k);
      if (found !== undefined) return found;
      const rest = k.replace(ASKER_AND_SUBJECT, '');
      if (rest !== k && rest.length >= 3 && this.ways.get(rest) !== undefined) return this.ways.get(rest);
    }
    return key.length >= REORDERED_MIN ? this.reordered.get(characters(key)) : undefined;
  }

  /** The entry shown beside this one when a question is worded as one of its ways. */
  companion(entry: Passage): Passage | undefined {
    return this.companions.get(entry);
  }

  /**
   * The entry a question is worded as: the whole question, or in the documents' wording (English
   * words aside: how do I register → 怎么报名), or in a short message whose clauses all are, or say
   * nothing of their own, the first that is (考试怎么报名呀，去哪报 → 考试怎么报名).
   */
  find(question: string): Passage | undefined {
    const whole = this.way(bareQuestion(question)) ?? this.ways.get(documentsWording(question));
    if (whole || question.length > SHORT_MESSAGE) return whole ?? undefined;
    // (Every other clause a listed way too, or too short to say anything of its own: 去哪报.)
    const clauses = question.split(/[，,。？?！!；;~～\s]+/).map(bareQuestion).filter(Boolean);
    const entries = clauses.map((c) => (c.length >= 4 ? this.way(c) : undefined));
    if (!clauses.every((c, i) => entries[i] || c.length <= 3)) return undefined;
    return entries.find(Boolean) ?? undefined;
  }
}

/** A question read through the thesaurus, English words aside (how do I register → 怎么报名). */
function documentsWording(question: string): string {
  const known = worded.get(question);
  if (known !== undefined) return known;
  const w = bareQuestion(canonical(normalize(question)).replace(/[a-z']+/gi, ' '));
  // (A pure function of the text, asked of the same clauses several times a question: remembered.)
  if (worded.size >= WORDED_KEPT) worded.clear();
  if (question.length <= 200) worded.set(question, w);
  return w;
}
const worded = new Map<string, string>();
const WORDED_KEPT = 1024;

/** Who asks and what about, and when, before a question (我们学生要考的话, 这个考试, 到了考场, 成绩出来后): no part of what is asked. */
const ASKER_AND_SUBJECT = /^(?:那|那么|所以|我们|咱们|咱|我|学生|同学们?|学校|我校|这个|这次|考试|考证|考|的话|要|想|如果|(?:到了?|进了?)考场(?:以后|之后|后)?|(?:成绩出来|考完试?|考过|考试结束|拿到证书?)了?(?:以后|之后|后)?)+(?=怎么|如何|在哪|去哪|有|能|可以|是不是|要不要|需不需要|报名|证书)/;

/** A way this long is also found with its words in another order (shorter ones are too easily the same characters). */
const REORDERED_MIN = 10;
function characters(key: string): string {
  return [...key].sort().join('');
}

/** A message this short may be read clause by clause. */
const SHORT_MESSAGE = 20;

/**
 * A question as an FAQ entry lists it, without what does not change it: punctuation, emoji, spaces,
 * particles, a greeting before it and a plea after it (在哪报名呀？？ → 在哪报名).
 */
export function bareQuestion(text: string): string {
  return normalize(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    // (Particles at the end first too, so the rules below see the question's last word: X又是啥呀 → X又是什么.)
    .replace(/[呀啊呢嘛吧哈哦喔啦哇]+$/, '')
    .replace(/哪里|哪儿/g, '哪')
    .replace(/[1一]加x/g, '1x')
    // (Words that only stress, and the colloquial forms of the question words: 到底是个啥证 → 是什么证.)
    .replace(/到底|究竟|都(?=要|有|是|需要|得)/g, '')
    .replace(/是个(?=啥|什么)/g, '是')
    // (这个 before 是 says no more than 这: 这个到底是个啥证 → 这是什么证.)
    .replace(/^这个(?=是)/, '这')
    .replace(/啥/g, '什么')
    // (是指 and 指的是 before a question word are 是: X证书是指啥 → X证书是什么.)
    .replace(/(?:是指|指的是)(?=什么|哪)/g, '是')
    // (The 1 or the X of 1+X asked about is what 1+X means: 1+X里面那个X是啥 → 1x是什么意思.)
    .replace(/^1x(?:里面?|当中|中)?(?:的|那个)*[x1]是什么(?:意思)?(?:[x1]又?是什么(?:意思)?)?$/, '1x是什么意思')
    .replace(/咋(?!样)/g, '怎么')
    // (The certificate named in full is "this certificate": 1+X电子商务数据分析证书是个啥证.)
    .replace(/(?:1\+?x)?(?:电子商务|电商)数据分析(?=这个?证)/g, '')
    .replace(/(?:这个)?(?:1\+?x)?(?:电子商务|电商)数据分析(?:职业技能等级)?证书?/g, '这个证书')
    .replace(/这个证(?!书)|这证书|这证/g, '这个证书')
    .replace(/(?:这个证书)+/g, '这个证书')
    // (The 1 of 1+X named by where it stands: 这个证跟1+X里的1 → 这个证书和1.)
    .replace(/(?<=证书)(?:跟|和|与)(?:1x(?:里面?|当中|中)?(?:的|那个)*)?(?=1)/g, '和')
    // (有什么关系 asks as 是什么关系.)
    .replace(/有什么关系$/, '是什么关系')
    // (Having it is having passed it: 这个证考出来有啥用 → 这个证书有什么用.)
    .replace(/(?<=证书)(?:考出来了?|考下来了?|考到了?|拿到了?)(?=有|能|可以)/g, '')
    // (Nor does having sat the exam, before where it is fetched: 这个证考完了去哪领 → 这个证书去哪领.)
    .replace(/(?<=证书)考完了?(?:以后|之后)?(?=去哪|在哪|怎么)/g, '')
    .replace(/^(?:老师们?好|大家好|你好|您好|请问一下|请问|问一下|问下|想问一下|想问下|老师)+/, '')
    .replace(/(?:小白求科普|求科普|求个链接|求链接|求网址|求告知|求解答|求回复|求助|谢谢老师|谢谢|谢啦|感谢|急急急|在线等|拜托了|麻烦了|麻烦老师|老师)+$/, '')
    .replace(/[呀啊呢吗嘛吧哈哦喔啦哇么]+$/, '')
    // (是…的 around a question word says no more: 证书是哪个部门认可的 → 证书哪个部门认可.)
    .replace(/(?<=.)是(?=哪|谁|在哪)/g, '')
    .replace(/(?<=.{3})的$/, '')
    // (A verb then 不 or 没 asks yes or no like 吗: 能换学分不 → 能换学分.)
    .replace(/(?<=(?:能|可以|会|要|有|用)[^不没]{1,8})(?:不|没有?)$/, '')
    // (Where, asked after its subject, is the same question: 报名在哪 → 在哪报名.)
    .replace(/^(.{2,8}?)(在哪|去哪)$/, '$2$1');
}

type ShortWays = Array<{ faq: string; asked: string[]; with?: string }>;
let shared: ShortWays | undefined;
function loadShortWays(): ShortWays {
  return (shared ??= (JSON.parse(readFileSync(path.join(DATA_DIR, 'short-questions.json'), 'utf8')) as { ways: ShortWays }).ways);
}
