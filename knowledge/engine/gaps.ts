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
  private readonly open: Array<{ topic: string; word: string }> = [];

  constructor(passages: Passage[], file = loadGaps()) {
    const texts = passages.map((p) => `${p.section}\n${p.body}`);
    for (const { topic, words } of file.topics) {
      for (const word of words) if (!texts.some((t) => t.includes(word))) this.open.push({ topic, word });
    }
  }

  /** The uncovered topic a question asks about, if any. */
  find(question: string): string | undefined {
    return this.open.find((g) => question.includes(g.word))?.topic;
  }
}

interface GapsFile {
  topics: Array<{ topic: string; words: string[] }>;
}

let shared: GapsFile | undefined;
function loadGaps(): GapsFile {
  return (shared ??= JSON.parse(readFileSync(path.join(DATA_DIR, 'gaps.json'), 'utf8')) as GapsFile);
}
