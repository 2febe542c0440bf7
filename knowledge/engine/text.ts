import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DATA_DIR } from '../facts.js';

/** Chinese text handling: normalisation, segmentation with the domain dictionary, features. */

let jieba: Jieba | undefined;

/** One jieba instance with the default dictionary plus knowledge/data/dictionary.txt and extra words. */
export function segmenter(extraWords: string[] = []): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(path.join(DATA_DIR, 'dictionary.txt')));
  }
  if (extraWords.length) {
    jieba.loadDict(Buffer.from(extraWords.map((w) => `${w.replace(/\s+/g, '')} 30000 n`).join('\n')));
  }
  return jieba;
}

/** Full-width ASCII to half-width, lower-case Latin, collapse spaces, drop @mentions. */
export function normalize(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/@\S+\s?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const STOP = new Set(
  '的 了 吗 呢 吧 啊 呀 是 有 和 与 及 或 在 要 能 会 可以 可 请问 请 一下 我 我们 你 你们 他 她 它 这 那 哪 哪些 什么 多少 几 个 么 怎么 怎样 如何 是否 需要 要求 一般 现在 都 也 就 还 又 到 对 为 以 等 及其 其 之 并 但 而 被 把 让 给 从 向 于 至 上 下 中 里 后 前 吗? 呢? ? ， 。 、 ； ： ！ ？ （ ） “ ” ‘ ’ 《 》 , . ; : ! ( ) [ ] - / % · ~'.split(' '),
);

/** Meaningful tokens of a text (search-mode segmentation, stop words removed). */
export function tokens(text: string): string[] {
  return segmenter()
    .cutForSearch(normalize(text), true)
    .map((t) => t.trim())
    .filter((t) => t && !STOP.has(t));
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
