import { readFileSync } from 'node:fs';
import { cliServices } from './bootstrap.js';
import { runEvalCases, parseEvalFile } from '../evaluation.js';

/** `npm run eval -- FILE.jsonl`: prints each failing case and `N passed, M failed`; exit 1 on failures. */
const file = process.argv[2];
if (!file) {
  console.error('用法：npm run eval -- knowledge/eval/dev.jsonl');
  process.exit(2);
}
const cases = parseEvalFile(readFileSync(file, 'utf8'));
const services = await cliServices();
const results = runEvalCases(cases, (q) => services.assistant.answerOnly({ text: q, channel: 'cli' }));
for (const r of results.filter((x) => !x.passed)) {
  console.log(`FAIL ${r.case.id}: ${r.case.q}\n  reply: ${r.answer.text.replace(/\n/g, '\n         ')}\n  ${r.problems.join('; ')}\n`);
}
const failed = results.filter((r) => !r.passed).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
await services.db.close();
process.exit(failed ? 1 : 0);
