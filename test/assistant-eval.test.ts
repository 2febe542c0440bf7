import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput, parseEvalFile, judge } from '../knowledge/evaluation.js';
import { backends } from './support/db.js';
import { assistantServices } from './support/assistant.js';

// The shared question set, through the same code as `npm run eval`.
const DEV = path.resolve('knowledge/eval/dev.jsonl');
const cases = parseEvalFile(readFileSync(DEV, 'utf8'));

describe('the shared dev question set', () => {
  let services: Awaited<ReturnType<typeof assistantServices>>;
  beforeAll(async () => {
    services = await assistantServices(backends[0]!);
  });
  afterAll(async () => {
    await services.close();
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = judge(c, services.assistant.answerOnly(caseInput(c, (n) => services.assistant.resolveProvince(n))));
    expect(result.problems, result.answer.text).toEqual([]);
  });

  it('answers questions phrased differently from the set (no lookup on whole questions)', () => {
    const ask = (q: string) => services.assistant.answerOnly({ text: q, channel: 'cli' });
    expect(ask('鲁的学校证书发放问谁').text).toContain('王鹤璇 13936352355');
    const guangzhou = ask('广州的学校做校企合作找谁').text;
    expect(guangzhou).toContain('邓启伟 13991911640');
    expect(guangzhou).not.toContain('苏亚楠');
    expect(ask('济南考务联系人').text).toContain('王鹤璇');
    expect(ask('监考老师可以是任课老师吗').text).toContain('不能');
    expect(ask('上海电子信息申报电子商务数据分析多少人').text).toContain('71');
    expect(ask('安徽商贸培训课时不超过多少').text).toContain('40课时');
    expect(ask('北京工业的学生考试报名费谁出').text).toContain('学校统一支付');
  });

  it('declines what is out of scope without inventing facts, and cites what it answers', () => {
    for (const q of ['今天股票怎么样', '帮我订一张去上海的机票', '怎么做红烧肉']) {
      const a = services.assistant.answerOnly({ text: q, channel: 'cli' });
      expect(a.abstained, q).toBe(true);
      expect(a.text).not.toMatch(/1\d{10}/);
    }
    const cited = services.assistant.answerOnly({ text: '考点服务器操作系统有什么要求', channel: 'cli' });
    expect(cited.sources.length).toBeGreaterThan(0);
    expect(cited.text).toContain('来源：');
  });
});
