import { cliServices } from './bootstrap.js';

/** `npm run ask -- "山东考试找谁"` prints the reply; `--json` prints the structured result. */
const args = process.argv.slice(2);
const json = args.includes('--json');
const text = args.filter((a) => a !== '--json').join(' ').trim();
if (!text) {
  console.error('用法：npm run ask -- "山东考试找谁" [--json]');
  process.exit(2);
}
const services = await cliServices();
const answer = services.assistant.answerOnly({ text, channel: 'cli' });
console.log(json ? JSON.stringify(answer, null, 2) : answer.text);
await services.db.close();
