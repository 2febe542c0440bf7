import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../facts.js';
import { NaiveBayes } from './naive-bayes.js';
import { STAFF_ANSWERS, type Passage } from './snapshot.js';
import { charPairs, features, normalize, waysOfAsking } from './text.js';

/**
 * Which passage a question is asked about, learned from examples: a naive Bayes classifier whose
 * labels are passages and whose examples are the ways of asking the FAQ headings list plus the
 * tuning questions each passage answered right (knowledge/data/asked.json, written by npm run fit).
 * It learns the everyday words people use for a passage that its text never uses (拿到证以后网上
 * 查得到吗 → 证书在哪查), and its opinion is one piece of a passage's evidence: a second, differently
 * built judge that agrees with the search makes an answer surer. Measured with each tuning question
 * left out of its own examples (npm run fit): of the 630 tuning cases the documents decide, 540
 * right and 14 confident wrong, against 530 and 16 without it.
 */
export interface AskedFile {
  about: string;
  passages: Array<{ document: string; section: string; questions: string[] }>;
}

export const ASKED_FILE = path.join(DATA_DIR, 'asked.json');

const key = (document: string, section: string) => `${document}\u0000${section}`;
const questionFeatures = (text: string) => [...features(text), ...charPairs(text)];

export function loadAsked(file = ASKED_FILE): AskedFile {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AskedFile) : { about: '', passages: [] };
}

export interface AskedOpinion {
  /** The passage's posterior probability, 0..1. */
  share: number;
  /** Whether it is the likeliest passage. */
  top: boolean;
}

export class AskedPassages {
  private readonly bayes = new NaiveBayes<string>();
  /** The learned examples by their normalised text, to leave one out when it is asked itself (npm run fit); their features are read again then. */
  private readonly examples = new Map<string, { label: string; text: string }>();

  constructor(passages: readonly Passage[], file: AskedFile) {
    const present = new Set(passages.map((p) => key(p.document, p.section)));
    for (const p of passages) {
      // An FAQ entry's heading and a staff answer's question are its own ways of asking.
      if (/常见问题/.test(p.section) || p.document === STAFF_ANSWERS) for (const w of waysOfAsking(p.section)) this.bayes.add(key(p.document, p.section), questionFeatures(w));
    }
    for (const p of file.passages) {
      const label = key(p.document, p.section);
      if (!present.has(label)) continue;
      for (const q of p.questions) {
        this.bayes.add(label, questionFeatures(q));
        this.examples.set(normalize(q), { label, text: q });
      }
    }
    this.bayes.compact();
  }

  /**
   * The classifier's opinion of each passage for a question; `asked`, when given, is the whole
   * message as typed: if it is one of the learned examples, that example is left out first.
   */
  opinion(question: string, asked?: string): (passage: Passage) => AskedOpinion {
    const example = asked === undefined ? undefined : this.examples.get(normalize(asked));
    const leaveOut = example && { label: example.label, features: questionFeatures(example.text) };
    const posterior = this.bayes.posterior(questionFeatures(question), leaveOut);
    let best = -1;
    for (let i = 0; i < posterior.length; i++) if (best < 0 || posterior[i]! > posterior[best]!) best = i;
    return (passage) => {
      const i = this.bayes.index(key(passage.document, passage.section));
      return i === undefined ? { share: 0, top: false } : { share: posterior[i]!, top: i === best };
    };
  }
}
