import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../facts.js';

/**
 * How sure a document answer is: a logistic model over the evidence of its passage, fitted on
 * the project's tuning cases (`npm run fit`, knowledge/cli/fit.ts) and stored with its weights in
 * knowledge/data/document-model.json. Its output is the probability that the passage answers the
 * question, so it competes with the other candidates on the same 0..1 scale.
 */
export const DOCUMENT_FEATURES = [
  /** Share of the question's term weight the passage holds. */
  'coverage',
  /** That weight itself, saturating: several rare words matched is strong evidence. */
  'strength',
  /** Share of the question's character pairs the passage holds (the segmentation-free channel). */
  'chars',
  /** BM25 score, saturating. */
  'bm25',
  /** Whole terms matched, of at most four. */
  'terms',
  /** Terms only half matched (a shorter word inside them). */
  'partial',
  /** Its only evidence is one word that at most two passages use (股票 → 股票代码). */
  'rareOnly',
  /** Share of the question's weight in words no passage uses. */
  'unknown',
  /** The intent classifier says out of scope. */
  'offTopic',
  /** The answer lacks the type asked for: no amount for 多少钱, no number for 几个, no date for 什么时候… */
  'typeMissing',
  /** The answer is of the type asked: a number for 几/多少, an address for 网址/在哪, a rule for 能不能. */
  'typeMatch',
  /** Share of the question's words that the passage's section title holds. */
  'section',
  /** How alike the question and the passage's heading are, in character pairs (an FAQ heading is a question). */
  'heading',
  /** How alike the question and the closest of the heading's listed ways of asking are. */
  'phrasing',
  /** The passage is written as an answer to a question (an FAQ entry or a staff answer). */
  'faq',
  /** The passage is one college's own rule and the question is not about that college. */
  'otherCollege',
  /** The passage is the asked college's own rule. */
  'ownCollege',
  /** How far the passage is ahead of the best passage that says something else, -1..1. */
  'margin',
  /** How many of the other good passages say the same thing (of at most three). */
  'support',
  /** Of the question's words that tell the competing passages apart, the share (by weight) it holds. */
  'contrast',
  /** Whether it is about the same of two look-alike sets of conditions as the question (training room or exam site): 1, the other: -1, unknown: 0. */
  'frame',
  /** Its place in the search ranking, 0 (first) .. <1. */
  'rank',
  /** The question names a topic of the routing rule (考试组织, 证书核发…). */
  'topic',
  /** The question names a province, region or place not covered. */
  'place',
  /** The question asks for a person. */
  'wantsPerson',
  /** The question is a single short term (two terms or fewer). */
  'short',
  /** The probability the passage-by-example classifier (asked.ts) gives it. */
  'asked',
  /** It is that classifier's likeliest passage. */
  'askedTop',
] as const;

export type DocumentFeature = (typeof DOCUMENT_FEATURES)[number];
export type DocumentEvidence = Record<DocumentFeature, number>;

export interface DocumentModel {
  about: string;
  features: DocumentFeature[];
  weights: number[];
  bias: number;
  /**
   * The probability a passage needs to answer on its own, calibrated by npm run fit on the
   * tuning sets (the threshold with the most right answers less CONFIDENT_WRONG_COST per
   * confident wrong one); DECIDE_AT when absent.
   */
  decideAt?: number;
  /** The same where the best passage is the asked college's own rule (calibrated apart). */
  decideAtOwnCollege?: number;
}

/** How many right answers one confident wrong answer costs when the threshold is calibrated. */
export const CONFIDENT_WRONG_COST = 3;

/**
 * The threshold, among the given ones, that does best on the given cases: each case is its best
 * passage's probability and whether that passage answers it right (false for a case that must be
 * declined); a case below the threshold is declined, which is right only when it must be.
 */
export function calibrateThreshold(cases: Array<{ top: number; right: boolean; mustDecline: boolean }>, thresholds: number[]): { at: number; right: number; wrong: number } {
  let best = { at: thresholds[0]!, right: 0, wrong: 0, value: -Infinity };
  for (const at of thresholds) {
    let right = 0;
    let wrong = 0;
    for (const c of cases) {
      if (c.top < at) right += c.mustDecline ? 1 : 0;
      else if (c.right) right++;
      else wrong++;
    }
    const value = right - CONFIDENT_WRONG_COST * wrong;
    if (value > best.value) best = { at, right, wrong, value };
  }
  return { at: best.at, right: best.right, wrong: best.wrong };
}

export function loadDocumentModel(file = path.join(DATA_DIR, 'document-model.json')): DocumentModel {
  const model = JSON.parse(readFileSync(file, 'utf8')) as DocumentModel;
  if (model.features.length !== model.weights.length) throw new Error(`${file}: ${model.features.length} features but ${model.weights.length} weights`);
  return model;
}

export function vector(evidence: DocumentEvidence, features: readonly DocumentFeature[] = DOCUMENT_FEATURES): number[] {
  return features.map((f) => evidence[f]);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function documentProbability(model: DocumentModel, evidence: DocumentEvidence): number {
  let z = model.bias;
  model.features.forEach((f, i) => (z += model.weights[i]! * evidence[f]));
  return sigmoid(z);
}

/**
 * L2-regularised logistic regression by batch gradient descent (a few hundred rows, a dozen
 * features: exact enough, deterministic, no dependency).
 */
export function fitLogistic(rows: Array<{ x: number[]; y: number }>, options: { l2?: number; iterations?: number; rate?: number } = {}): { weights: number[]; bias: number } {
  const { l2 = 0.01, iterations = 20000, rate = 0.5 } = options;
  const n = rows[0]?.x.length ?? 0;
  const w = new Array<number>(n).fill(0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(n).fill(0);
    let gb = 0;
    for (const r of rows) {
      let z = b;
      for (let j = 0; j < n; j++) z += w[j]! * r.x[j]!;
      const err = sigmoid(z) - r.y;
      for (let j = 0; j < n; j++) gw[j]! += err * r.x[j]!;
      gb += err;
    }
    for (let j = 0; j < n; j++) w[j]! -= rate * (gw[j]! / rows.length + l2 * w[j]!);
    b -= rate * (gb / rows.length);
  }
  return { weights: w.map((x) => Math.round(x * 1000) / 1000), bias: Math.round(b * 1000) / 1000 };
}
