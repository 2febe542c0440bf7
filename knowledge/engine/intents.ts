import { readFileSync } from 'node:fs';
import path from 'node:path';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { DATA_DIR } from '../facts.js';
import type { Intent } from '../assistant/types.js';
import { features } from './text.js';

/**
 * Intent classification: natural's naive Bayes classifier over jieba tokens, trained on the
 * labelled phrasings in knowledge/data/intents.json (place names masked as <省>, topics as <题>).
 * (The classifier module is imported directly: natural's index also loads storage back ends.)
 */
export interface IntentGuess {
  intent: Intent;
  /** Share of the top label among all labels' scores, 0..1. */
  confidence: number;
}

const PLACEHOLDERS = /<省>|<题>/g;

function classifierTokens(masked: string): string[] {
  const marks = masked.match(PLACEHOLDERS) ?? [];
  return [...features(masked.replace(PLACEHOLDERS, ' ')), ...marks.map((m) => (m === '<省>' ? 'PLACE' : 'TOPIC'))];
}

export class IntentClassifier {
  private readonly classifier = new BayesClassifier();

  constructor(file = path.join(DATA_DIR, 'intents.json')) {
    const { examples } = JSON.parse(readFileSync(file, 'utf8')) as { examples: Record<string, string[]> };
    for (const [label, phrasings] of Object.entries(examples)) {
      for (const p of phrasings) this.classifier.addDocument(classifierTokens(p), label);
    }
    this.classifier.train();
  }

  classify(masked: string): IntentGuess {
    const toks = classifierTokens(masked);
    if (!toks.length) return { intent: 'out_of_scope', confidence: 0 };
    const scores = this.classifier.getClassifications(toks);
    const total = scores.reduce((s, c) => s + c.value, 0) || 1;
    const top = scores[0]!;
    return { intent: top.label as Intent, confidence: top.value / total };
  }
}
