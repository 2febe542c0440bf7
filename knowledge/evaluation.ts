import { z } from 'zod';
import type { Answer } from './assistant/types.js';

/** The evaluation format of knowledge/eval/README.md and how a case is judged. */
const evalCase = z.object({
  id: z.string(),
  q: z.string(),
  must: z.array(z.string()).default([]),
  must_any: z.array(z.string()).default([]),
  abstain: z.boolean().default(false),
});
export type EvalCase = z.infer<typeof evalCase>;

export interface EvalResult {
  case: EvalCase;
  answer: Answer;
  passed: boolean;
  problems: string[];
}

export function parseEvalFile(text: string): EvalCase[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const parsed = evalCase.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

const PHONE = /1\d{10}/;

export function judge(c: EvalCase, answer: Answer): EvalResult {
  const problems: string[] = [];
  if (c.abstain) {
    if (!answer.abstained) problems.push('should have declined');
    if (PHONE.test(answer.text)) problems.push('declined but named a phone number');
  } else {
    if (answer.abstained) problems.push('declined instead of answering');
    const missing = c.must.filter((m) => !answer.text.includes(m));
    if (missing.length) problems.push(`missing: ${missing.join(', ')}`);
    if (c.must_any.length && !c.must_any.some((m) => answer.text.includes(m))) problems.push(`missing any of: ${c.must_any.join(', ')}`);
  }
  return { case: c, answer, passed: problems.length === 0, problems };
}

export function runEvalCases(cases: EvalCase[], ask: (q: string) => Answer): EvalResult[] {
  return cases.map((c) => judge(c, ask(c.q)));
}
