import { cliArgs, cliAssistant } from './bootstrap.js';

/** `npm run ask -- "山东考试找谁"` prints the reply; `--json` the structured result; `--seed` uses only the seed knowledge. */
const { flags, rest } = cliArgs(process.argv.slice(2));
const text = rest.join(' ').trim();
if (!text) {
  console.error('用法：npm run ask -- "山东考试找谁" [--json] [--seed]');
  process.exit(2);
}
const { assistant, db } = await cliAssistant({ seed: flags.has('--seed') });
const answer = assistant.answerOnly({ text, channel: 'cli' });
console.log(flags.has('--json') ? JSON.stringify(answer, null, 2) : answer.text);
await db.close();
