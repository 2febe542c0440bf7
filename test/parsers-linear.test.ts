import { describe, expect, it } from 'vitest';
import { isReportMessage, parseReport } from '../api/reports/parse.js';
import { addressedText, splitReply } from '../bot/etiquette.js';
import { parseWecomXml, XmlError } from '../api/wecom/xml.js';

/**
 * M5: every text parser is linear in its input. Each gets 100,000 characters of the input that
 * made the old patterns quadratic (a report of 30,000 digits froze the service for 5 s, so 100,000
 * would take about a minute and this file would time out). The time itself is measured by
 * `npm run bench` (parsers), not asserted here.
 */
const HUGE = 100_000;
const hostile = [
  '1'.repeat(HUGE),
  '１'.repeat(HUGE),
  '教师 1'.repeat(HUGE / 4),
  '1 名'.repeat(HUGE / 3),
  '报名'.repeat(HUGE / 2),
  ' '.repeat(HUGE) + '1',
  '问题'.repeat(HUGE / 2),
  '@'.repeat(HUGE),
  '。'.repeat(HUGE),
];

describe('every text parser on 100,000 hostile characters', () => {
  it('the report parser', () => {
    for (const body of hostile) {
      const text = `进展：${body}`;
      expect(isReportMessage(text)).toBe(true);
      const parsed = parseReport(text);
      expect(parsed.progress.length).toBeLessThanOrEqual(4000);
      expect(parsed.studentsTrained === undefined || parsed.studentsTrained <= 1_000_000).toBe(true);
    }
    // A long run of digits is not a count.
    expect(parseReport(`进展：培训学生${'9'.repeat(30_000)}人`).studentsTrained).toBeUndefined();
    // Ordinary reports still parse.
    expect(parseReport('进展：培训实施阶段，已培训120人，报名考试80人，通过60人，培训教师5名，问题：机房不够')).toMatchObject({
      stage: '培训实施', studentsTrained: 120, studentsRegistered: 80, studentsPassed: 60, teachersTrained: 5, problems: '机房不够',
    });
  });

  it('the chat etiquette (addressing and splitting)', () => {
    for (const body of hostile) {
      expect(addressedText({ text: `小助手 ${body}`, inRoom: true, mentioned: false, keywords: ['小助手'] })).toBeDefined();
      addressedText({ text: body, inRoom: true, mentioned: true, keywords: [] });
      expect(splitReply(body).join('').length).toBeGreaterThan(0);
    }
  });

  it('the WeCom XML parser', () => {
    for (const body of hostile) {
      expect(parseWecomXml(`<xml><Content><![CDATA[${body}]]></Content></xml>`).Content!.length).toBeGreaterThan(0);
    }
    // Deeply nested outer XML is malformed input (400), not a crash.
    expect(() => parseWecomXml(`<xml>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}</xml>`)).toThrow(XmlError);
  });
});
