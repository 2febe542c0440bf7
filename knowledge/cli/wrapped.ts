import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cliArgs, cliAssistant } from './bootstrap.js';
import { caseInput, judge, parseEvalFile, type EvalCase } from '../evaluation.js';

/**
 * `npm run eval:wrapped -- FILE.jsonl…`: a metamorphic check. Every case of the given tuning files
 * answered right is asked again wrapped in what people add around a question in a chat (a greeting,
 * thanks, a reason, who waits for the answer, being new to the work, the school one attends, a
 * polite opening or a closing plea) and must stay right; prints, per wrapper, how many broke (and
 * how many of those became confident wrong answers), and the broken ones with `--list`. Greetings
 * and help requests are left out (a wrapper changes what they are). Never give it a blind set.
 */
const WRAPPERS: Record<string, (q: string) => string> = {
  greeting: (q) => `老师好，${q}`,
  politeOpening: (q) => `麻烦问下${q}`,
  announced: (q) => `老师您好，我这边想确认一个事情：${q}`,
  thanks: (q) => `${bare(q)}，谢谢啦`,
  plea: (q) => `${bare(q)}，求解答`,
  english: (q) => `${bare(q)}? thx`,
  particle: (q) => `${bare(q)}呀？`,
  marks: (q) => `${bare(q)}？？？`,
  waiting: (q) => `${bare(q)}，学校那边在催`,
  newToIt: (q) => `刚接手这块工作，${q}`,
  examComing: (q) => `下个月就要考试了，${q}`,
  askedBefore: (q) => `之前问过一次没人回，${q}`,
  forClassmate: (q) => `同学问我${q}`,
  year: (q) => `我是大二学生，${q}`,
  followUp: (q) => `嗯嗯好的，那${q}`,
};
const bare = (q: string) => q.replace(/[？?。！!～~]+$/u, '');

const { flags, rest } = cliArgs(process.argv.slice(2));
if (!rest.length || rest.some((f) => f.includes('blind'))) {
  console.error('用法：npm run eval:wrapped -- knowledge/eval/tuning.jsonl … [--list] （不要用 blind 集）');
  process.exit(2);
}
const { assistant, db } = await cliAssistant({ seed: flags.has('--seed') });
const ask = (c: EvalCase) => judge(c, assistant.answerForEvaluation(caseInput(c, (name) => assistant.resolveProvince(name))));
const cases = rest.flatMap((f) => parseEvalFile(readFileSync(f, 'utf8')).map((c) => ({ ...c, id: `${path.basename(f, '.jsonl')}:${c.id}` })));
const right = cases.filter((c) => {
  const r = ask(c);
  return r.passed && !['greeting', 'help'].includes(c.family ?? '') && !['greeting', 'help'].includes(r.answer.intent);
});
console.log(`${right.length} of ${cases.length} cases answered right, each asked again ${Object.keys(WRAPPERS).length} ways`);
let total = 0;
for (const [name, wrap] of Object.entries(WRAPPERS)) {
  const broken = right.map((c) => ({ c, q: wrap(c.q) })).filter(({ q, c }) => q !== c.q).map(({ c, q }) => ({ c, q, r: ask({ ...c, q }) })).filter(({ r }) => !r.passed);
  total += broken.length;
  console.log(`${name.padEnd(14)} ${broken.length} broke (${broken.filter(({ r }) => r.confidentWrong).length} confident wrong)`);
  if (flags.has('--list')) for (const { c, q, r } of broken) console.log(`  ${c.id} ${q} — ${r.problems.join('; ')}`);
}
console.log(`${total} broke in all`);
await db.close();
process.exitCode = 0;
