import type { Hit, PassageIndex, Unit } from './retrieval.js';
import { normalize, sentences, tokens } from './text.js';
import { askedType, askedUnit, holdsType } from './answer-types.js';

/**
 * What to show of a passage: the unit that answers, made whole. Answer-type aware — a 几/多少
 * question gets the sentence with the number, a 网址/在哪查 question the one with the address,
 * a list's introduction its items, a list item its heading. Sentences are never cut.
 */

const MAX = 260;
const ITEM = /^\d+[.、．]/;

export function extract(index: PassageIndex, hit: Hit, question: string): string {
  const units = index.units;
  const unit = rowNamed(units, hit.unit, question) ?? hit.unit;
  const same = (u: Unit | undefined) => u !== undefined && u.passage === unit.passage;
  // The whole line the sentence stands in (a table row, a list item), when it is not long.
  let first = unit.position;
  let last = unit.position;
  while (units[first - 1]?.line === unit.line) first--;
  while (units[last + 1]?.line === unit.line) last++;
  const line = joinUnits(units.slice(first, last + 1).map((u) => u.text));
  let body = line.length <= MAX * 1.5 ? line : whole(unit.text, question);

  // A list's introduction brings its items along (“提交如下材料：” → the materials).
  if (/[：:]$/.test(body)) {
    for (let i = last + 1; i < units.length && same(units[i]) && body.length < MAX; i++) body += '\n' + units[i]!.text;
  }
  // A list item brings its heading (“考生计算机配置：” + “4.硬盘：500G 或以上”).
  const prev = units[first - 1];
  if (ITEM.test(body) && same(prev) && /[：:]$/.test(prev!.text) && prev!.text.length + body.length <= MAX) body = prev!.text + ' ' + body;

  // A caption with no sentence of its own (“已经参加证书试点的院校申报入口” under “审批流程：”) is
  // read with the introduction above it and the lines after it, up to the first whole sentence.
  if (body.length < 40 && !/[。！？；;!?：:]/.test(body)) {
    const intro = units[first - 1];
    if (same(intro) && /[：:]$/.test(intro!.text)) body = `${intro!.text}\n${body}`;
    for (let i = last + 1; i < units.length && same(units[i]) && body.length < MAX; i++) {
      body += `\n${units[i]!.text}`;
      last = i;
      if (/[。！？!?]$/.test(units[i]!.text.trim())) break;
    }
  }

  body = itemsAsked(body, question);

  // The answer's type: pull in the neighbour that holds the number, time or address asked for.
  const want = askedType(question);
  const measure = askedUnit(question);
  if (want && want !== 'rule' && !holdsType(want, body, measure)) {
    for (const d of [1, -1, 2, -2]) {
      const u = units[(d > 0 ? last : first) + d];
      if (same(u) && holdsType(want, u!.text, measure) && body.length + u!.text.length <= MAX * 1.5) {
        body = d > 0 ? body + u!.text : u!.text + body;
        break;
      }
    }
  } else if (body.length < 30) {
    // A very short unit continues in the next one of the same item.
    const next = units[last + 1];
    if (same(next) && !ITEM.test(next!.text) && !/[：:]$/.test(body)) body += next!.text;
  }
  return body;
}

/** A table row's name (“11. 电子商务数据分析（中级，高职）：…” → 电子商务数据分析). */
const ROW_NAME = /^\s*\d+[.、．]\s*([^（(：:，,。]{4,24})[（(]/;

/**
 * The row of a numbered table the question names (上电信22年电子商务数据分析报了多少人 → row 11,
 * whichever row shared more of its words): the longest name, full or with 电商 for 电子商务, found in the question.
 */
function rowNamed(units: Unit[], unit: Unit, question: string): Unit | undefined {
  if (!ROW_NAME.test(unit.text)) return undefined;
  const asked = normalize(question).toLowerCase();
  let best: Unit | undefined;
  let length = 0;
  const consider = (u: Unit) => {
    const name = ROW_NAME.exec(u.text)?.[1]?.trim().toLowerCase();
    if (name && name.length > length && (asked.includes(name) || asked.includes(name.replace(/电子商务/g, '电商')))) {
      best = u;
      length = name.length;
    }
  };
  for (let i = unit.position; i >= 0 && units[i]!.passage === unit.passage; i--) consider(units[i]!);
  for (let i = unit.position + 1; i < units.length && units[i]!.passage === unit.passage; i++) consider(units[i]!);
  return best;
}

/**
 * A line's units as one text: a numbered item keeps a space after the text before it
 * (Windows Server 2008 R2 2.CPU, not R22.CPU; 或以上 3.内存, not 或以上3.内存).
 */
function joinUnits(texts: string[]): string {
  return texts.reduce((all, t) => (all && !/[\s，。；;：:、（(]$/.test(all) && ITEM.test(t) ? `${all} ${t}` : all + t), '');
}

/** The start of an inline list item (“ 5.浏览器：”, “；5.浏览器：”), not a decimal (74.0). */
const INLINE_ITEM = /(?:^|\s|(?<=[；;：:]))(?=\d{1,2}[.．、](?!\d))/;

/**
 * An inline list (“服务器配置： 1.操作系统：… 3.内存：16G… 5.网卡：…”) narrows to the items whose
 * labels the question names (内存多大 → its heading and “3.内存：16G或以上”); a question naming none of them,
 * or all of them, gets the whole list.
 */
function itemsAsked(body: string, question: string): string {
  const parts = body.split(INLINE_ITEM);
  if (parts.length < 3) return body;
  const [head, ...items] = parts;
  // By the item's label (“3.内存：”, “3.数据监控与报告撰写（工作任务：…”): words of its text (考试 in
  // 其他要求's “考试开始前”) name nothing, nor does a word most labels share (数据 in every 工作领域).
  // (a label's words as the question's are read: 硬盘 and 磁盘 are one word)
  const labels = items.map((item) => {
    const label = (/^[^：:（(]{1,24}(?=[：:（(])/.exec(item)?.[0] ?? '').toLowerCase();
    return `${label}\u0000${tokens(label).join('\u0000')}`;
  });
  // (A processor's model or cores beside an item named, i3、4G内存, names the CPU item too.)
  const words = tokens(question).filter((t) => t.length >= 2 && !head!.toLowerCase().includes(t) && labels.filter((l) => l.includes(t)).length * 2 <= labels.length);
  // (Or by a product the item's text names, office in “6.预装软件：office2016…”.)
  const products = words.filter((w) => /^[a-z]{3,}$/.test(w));
  const cpu = CPU_MODEL.test(question);
  const byWord = (i: number) => words.some((w) => labels[i]!.includes(w));
  const named = items.filter((item, i) => byWord(i) || products.some((w) => item.toLowerCase().includes(w)));
  if (cpu && named.length) named.push(...items.filter((item, i) => labels[i]!.includes('cpu') && !named.includes(item)));
  named.sort((a, b) => items.indexOf(a) - items.indexOf(b));
  if (!named.length || named.length === items.length) return body;
  return `${head!.trim()} ${named.map((i) => i.trim()).join(' ')}`;
}

/** A processor named by its model or cores (i3, i5, E5, 6核, 酷睿). */
const CPU_MODEL = /(?<![a-z])(?:i[3579]|e5)(?![a-z\d])|[\d一二两三四五六七八]\s*核|酷睿|至强/i;

/** A long unit shrinks to the sentences that hold the question's words — whole sentences only. */
function whole(text: string, question: string): string {
  if (text.length <= MAX * 1.5) return text;
  const words = tokens(question).filter((t) => t.length >= 2);
  const label = /^[^：:]{2,40}[：:]/.exec(text)?.[0] ?? '';
  const parts = sentences(text.slice(label.length));
  const scored = parts.map((p, i) => ({ p, i, n: words.filter((w) => p.includes(w)).length })).filter((x) => x.n > 0);
  scored.sort((a, b) => b.n - a.n || a.i - b.i);
  let out = '';
  for (const x of scored.slice(0, 3).sort((a, b) => a.i - b.i)) if ((label + out + x.p).length <= MAX * 1.5 || !out) out += (out ? ' ' : '') + x.p;
  return out ? label + out : parts.slice(0, 2).join('');
}
