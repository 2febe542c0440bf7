import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { assistantServices } from './support/assistant.js';
import { createExam } from '../api/exams/repository.js';

// Exam answers depend on "today": never call a past session upcoming.
describe('exam dates with an injected today', () => {
  let services: Awaited<ReturnType<typeof assistantServices>>;
  const ask = (text: string, now: string) => services.assistant.answerOnly({ text, channel: 'cli', now: new Date(now) });
  beforeAll(async () => {
    services = await assistantServices(backends[0]!);
  });
  afterAll(async () => {
    await services.close();
  });

  it('with only 2022 published and today 2026-11-24: no upcoming exam, official channels given', () => {
    const a = ask('下次考试什么时候', '2026-11-24T04:00:00Z');
    expect(a.text).toContain('还没有发布新的考试安排');
    expect(a.text).toContain('vslc.ncb.edu.cn');
    expect(a.text).not.toContain('下一次考试');
  });

  it('in September 2022 the next session is October 2022', () => {
    const a = ask('下次考试什么时候', '2022-09-01T04:00:00Z');
    expect(a.text).toContain('下一次考试：2022年10月');
  });

  it('a question about 2022 lists its months and says they are over', () => {
    const a = ask('2022年全国统考安排在哪几个月', '2026-11-24T04:00:00Z');
    for (const m of ['5月', '6月', '10月', '11月', '12月']) expect(a.text).toContain(m);
    expect(a.text).toContain('均已结束');
  });

  it('a session published in the console becomes the next exam after a reload', async () => {
    await createExam(services.db, { year: 2027, month: 5, date: '2027-05-22', title: '2027年5月全国统考', source: '测试通知' });
    await services.assistant.reload();
    const a = ask('什么时候考试', '2026-11-24T04:00:00Z');
    expect(a.text).toContain('2027-05-22');
    expect(ask('什么时候考试', '2027-05-23T04:00:00Z').text).toContain('还没有发布新的考试安排');
  });
});
