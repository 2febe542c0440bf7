import { readFileSync } from 'node:fs';
import { cliArgs, cliAssistant } from './bootstrap.js';
import { caseInput, parseEvalFile, runEvalCases, summaryLine } from '../evaluation.js';

/**
 * `npm run eval -- FILE.jsonl [--json] [--seed]`: prints each failing case (or, with --json, one
 * JSON line per case) and the closing `N passed, M failed` line; exit 1 on failures.
 */
const { flags, rest } = cliArgs(process.argv.slice(2));
const file = rest[0];
if (!file) {
  console.error('用法：npm run eval -- knowledge/eval/tuning.jsonl [--json] [--seed]');
  process.exit(2);
}
const cases = parseEvalFile(readFileSync(file, 'utf8'));
const { assistant, db } = await cliAssistant({ seed: flags.has('--seed') });
const results = runEvalCases(cases, (c) => assistant.answerForEvaluation(caseInput(c, (name) => assistant.resolveProvince(name))));
for (const r of flags.has('--json') ? results : results.filter((x) => !x.passed)) {
  const a = r.answer;
  if (flags.has('--json')) {
    const sources = a.sources.map((s) => s.document + (s.section ? ' ' + s.section : ''));
    console.log(JSON.stringify({ id: r.case.id, q: r.case.q, reply: a.text, intent: a.intent, abstained: a.abstained, confidence: a.confidence, sources, passed: r.passed, problems: r.problems }));
  } else {
    console.log(`FAIL ${r.case.id}${r.confidentWrong ? ' (confident wrong)' : ''}: ${r.case.q}\n  reply: ${a.text.replace(/\n/g, '\n         ')}\n  ${r.problems.join('; ')}\n`);
  }
}
console.log(summaryLine(results));
await db.close();
// exitCode, not exit(): a piped --json listing must be written out in full first.
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
