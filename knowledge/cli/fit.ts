import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliArgs, cliAssistant } from './bootstrap.js';
import { caseInput, judge, parseEvalFile } from '../evaluation.js';
import { DECIDE_AT, type Trace } from '../engine/assistant.js';
import { DOCUMENT_FEATURES, fitLogistic, vector } from '../engine/evidence.js';
import { DATA_DIR } from '../facts.js';

/**
 * `npm run fit -- FILE.jsonl…`: fits the document answer's model (knowledge/engine/evidence.ts)
 * on the given tuning files and writes knowledge/data/document-model.json. A row is one of the
 * passages that competed for a case no other candidate answers (none reaches DECIDE_AT); its label
 * is whether that passage's answer passes the case. Never give it the blind set.
 */
const { flags, rest } = cliArgs(process.argv.slice(2));
if (!rest.length || rest.some((f) => f.includes('blind'))) {
  console.error('用法：npm run fit -- knowledge/eval/tuning.jsonl … （不要用 blind 集）');
  process.exit(2);
}
const { assistant, db } = await cliAssistant({ seed: true });
// FIT_DROP=a,b leaves features out (to measure what each adds).
const features = DOCUMENT_FEATURES.filter((f) => !(process.env.FIT_DROP ?? '').split(',').includes(f));
const rows: Array<{ x: number[]; y: number; id: string }> = [];
for (const file of rest) {
  for (const c of parseEvalFile(readFileSync(file, 'utf8'))) {
    const trace: Trace = { otherBest: 0, documents: [] };
    assistant.trace(caseInput(c, (name) => assistant.resolveProvince(name)), trace);
    if (trace.otherBest >= DECIDE_AT) continue;
    for (const d of trace.documents) rows.push({ x: vector(d.evidence, features), y: judge(c, d.answer).passed ? 1 : 0, id: c.id });
  }
}
const l2 = Number(process.env.FIT_L2 ?? 0.01);
const model = fitLogistic(rows, { l2 });
const positives = rows.filter((r) => r.y).length;
const out = {
  about: `Document answer model, fitted by npm run fit on ${rest.map((f) => path.basename(f)).join(', ')}: ${rows.length} competing passages (${positives} answered right by it), L2 ${l2}.`,
  features,
  weights: model.weights,
  bias: model.bias,
};
console.log(features.map((f, i) => `${f}=${model.weights[i]}`).join(' '), `bias=${model.bias}`);
console.log(out.about);
if (!flags.has('--dry')) writeFileSync(path.join(DATA_DIR, 'document-model.json'), JSON.stringify(out, null, 2) + '\n');
await db.close();
