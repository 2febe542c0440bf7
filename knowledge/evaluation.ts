import { z } from 'zod';
import type { Answer, AskInput } from './assistant/types.js';

/** The evaluation format of knowledge/eval/README.md and how a case is judged. */
const evalCase = z.object({
  id: z.string(),
  q: z.string(),
  must: z.array(z.string()).default([]),
  must_any: z.array(z.string()).default([]),
  must_not: z.array(z.string()).default([]),
  abstain: z.boolean().default(false),
  /** The group the question comes from: bound to a province (by name) and optionally a college. */
  context: z.object({ province: z.string().optional(), college: z.string().optional() }).optional(),
  family: z.string().optional(),
});
export type EvalCase = z.infer<typeof evalCase>;

export interface EvalResult {
  case: EvalCase;
  answer: Answer;
  passed: boolean;
  /** A reply that is not a decline but fails the case: the worst outcome. */
  confidentWrong: boolean;
  problems: string[];
}

export function parseEvalFile(text: string): EvalCase[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      let json: unknown;
      try {
        json = JSON.parse(l);
      } catch {
        throw new Error(`line ${i + 1}: not JSON`);
      }
      const parsed = evalCase.safeParse(json);
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
  const forbidden = c.must_not.filter((m) => answer.text.includes(m));
  if (forbidden.length) problems.push(`must not say: ${forbidden.join(', ')}`);
  const passed = problems.length === 0;
  return { case: c, answer, passed, confidentWrong: !passed && !answer.abstained, problems };
}

/** The AskInput of a case: its question, from a group bound as its context says. */
export function caseInput(c: EvalCase, resolveProvince: (name: string) => string | undefined): AskInput {
  const input: AskInput = { text: c.q, channel: 'cli' };
  if (c.context?.province || c.context?.college) {
    input.group = {
      id: `eval-${c.id}`,
      provinceCode: c.context.province ? (resolveProvince(c.context.province) ?? null) : null,
      collegeName: c.context.college ?? null,
    };
  }
  return input;
}

export function runEvalCases(cases: EvalCase[], ask: (c: EvalCase) => Answer): EvalResult[] {
  return cases.map((c) => judge(c, ask(c)));
}

/** "N passed, M failed" plus the confident wrong answers, the closing line of every run. */
export function summaryLine(results: EvalResult[]): string {
  const failed = results.filter((r) => !r.passed).length;
  const wrong = results.filter((r) => r.confidentWrong).length;
  return `${results.length - failed} passed, ${failed} failed (${wrong} confident wrong)`;
}
