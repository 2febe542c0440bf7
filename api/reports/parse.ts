/**
 * Lenient parsing of a progress report typed in chat, e.g.
 *   进展：培训实施阶段，已培训120人，报名考试80人，通过60人，培训教师5名，问题：机房不够
 * Full-width digits and punctuation are accepted; anything not recognised stays in the text.
 */
export const STAGES = ['试点申报', '培训筹备', '培训实施', '考核颁证', '复盘总结', '推广提升'] as const;
export type Stage = (typeof STAGES)[number];

const STAGE_ALIASES: Record<string, Stage> = { 总结复盘: '复盘总结', 筹备规划: '培训筹备', 申报: '试点申报' };

export interface ParsedReport {
  stage?: Stage;
  progress: string;
  studentsTrained?: number;
  studentsRegistered?: number;
  studentsPassed?: number;
  teachersTrained?: number;
  problems?: string;
}

const REPORT_PREFIX = /^\s*(?:报送进展|进展报送|进展|进度)\s*[:：]?\s*/;

export function isReportMessage(text: string): boolean {
  return /^\s*(?:报送进展|进展报送|进展|进度)\s*[:：]/.test(toHalfWidth(text)) || /^\s*报送进展\s/.test(text);
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Larger counts are typos, not reports; they are left in the text and not stored as numbers. */
const MAX_COUNT = 1_000_000;

/**
 * Every pattern below runs in time linear in the text: a count is `(?<!\d)\d{1,7}(?!\d)` — at
 * most seven digits tried from each position and never inside a longer run of digits — where an
 * open `\d+` made a message of 30,000 digits take seconds (each start re-scanned the whole run).
 * A longer number is not a count (over MAX_COUNT) and stays in the text only.
 */
const N = '(?<!\\d)(\\d{1,7})(?!\\d)';
const re = (source: string) => new RegExp(source.replace('N', N));

/** The longest report text parsed; the chat boundary refuses longer messages before this. */
export const MAX_REPORT_CHARS = 4000;

function num(text: string, patterns: RegExp[]): number | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) {
      const n = Number(m[1]);
      return n <= MAX_COUNT ? n : undefined;
    }
  }
  return undefined;
}

const TEACHERS = [re('(?:培训|参训)?(?:教师|老师|师资)\\s{0,3}N'), re('N\\s{0,3}[名位个]\\s{0,3}(?:教师|老师)')];
const TRAINED = [re('(?:已|累计)?培训(?:了)?(?:学生)?\\s{0,3}N\\s{0,3}[人名]'), re('学生\\s{0,3}N\\s{0,3}[人名]')];
const REGISTERED = [re('报名(?:考试|参考|考证)?(?:了)?\\s{0,3}N'), re('N\\s{0,3}[人名]\\s{0,3}报名')];
const PASSED = [re('(?:通过|取证|获证|考过)(?:了)?\\s{0,3}N'), re('N\\s{0,3}[人名]\\s{0,3}(?:通过|取证)')];

export function parseReport(raw: string): ParsedReport {
  const original = raw.slice(0, MAX_REPORT_CHARS).replace(REPORT_PREFIX, '').replace(/^[\s\u3000:：]+/, '').trim();
  const text = toHalfWidth(original);
  let stage: Stage | undefined = STAGES.find((s) => text.includes(s));
  if (!stage) for (const [alias, s] of Object.entries(STAGE_ALIASES)) if (text.includes(alias)) stage = s;
  const problemMatch = /(?:问题|困难|需求|需要支持)\s*[:：]?\s*(.+)$/s.exec(original);
  const body = problemMatch ? text.slice(0, problemMatch.index) : text;
  return {
    stage,
    progress: original,
    teachersTrained: num(body, TEACHERS),
    studentsTrained: num(body, TRAINED),
    studentsRegistered: num(body, REGISTERED),
    studentsPassed: num(body, PASSED),
    problems: problemMatch ? problemMatch[1]!.trim() : undefined,
  };
}
