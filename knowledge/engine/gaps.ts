import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../facts.js';
import type { Passage } from './snapshot.js';

/**
 * Topics the documents do not cover (knowledge/data/gaps.json: 补考, 成绩复核, 证书有效期…). A
 * question about one is declined and recorded rather than answered by a passage that shares its
 * other words (没考过可以补考吗 is not answered with who pays the exam fee). A word counts only
 * while no passage holds it: an uploaded document or a staff answer on the topic closes the gap.
 */
export class Gaps {
  private readonly open: Array<{ topic: string; word: string | RegExp }> = [];

  constructor(passages: Passage[], file = loadGaps()) {
    const texts = passages.map((p) => `${p.section}\n${p.body}`);
    for (const { topic, words } of file.topics) {
      for (const w of words) {
        const word = pattern(w);
        if (!texts.some((t) => holds(t, word))) this.open.push({ topic, word });
      }
    }
  }

  /** The uncovered topic a question asks about, if any. */
  find(question: string): string | undefined {
    return this.open.find((g) => holds(question, g.word))?.topic;
  }
}

/** A word as written, or, with … in it, a pattern: any few characters of one clause there (去年…获证率). */
function pattern(word: string): string | RegExp {
  if (!word.includes('…')) return word;
  return new RegExp(word.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^，,。？?！!；;\\n]{0,12}?'));
}

function holds(text: string, word: string | RegExp): boolean {
  return typeof word === 'string' ? text.includes(word) : word.test(text);
}

interface GapsFile {
  topics: Array<{ topic: string; words: string[] }>;
}

let shared: GapsFile | undefined;
function loadGaps(): GapsFile {
  return (shared ??= JSON.parse(readFileSync(path.join(DATA_DIR, 'gaps.json'), 'utf8')) as GapsFile);
}
