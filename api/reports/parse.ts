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

export function parseReport(raw: string): ParsedReport {
  const original = raw.replace(REPORT_PREFIX, '').replace(/^[\s\u3000:：]+/, '').trim();
  const text = toHalfWidth(original);
  let stage: Stage | undefined = STAGES.find((s) => text.includes(s));
  if (!stage) for (const [alias, s] of Object.entries(STAGE_ALIASES)) if (text.includes(alias)) stage = s;
  const problemMatch = /(?:问题|困难|需求|需要支持)\s*[:：]?\s*(.+)$/s.exec(original);
  const body = problemMatch ? text.slice(0, problemMatch.index) : text;
  return {
    stage,
    progress: original,
    teachersTrained: num(body, [/(?:培训|参训)?(?:教师|老师|师资)\s*(\d+)\s*[名人位]?/, /(\d+)\s*[名位个]\s*(?:教师|老师)/]),
    studentsTrained: num(body, [/(?:已|累计)?培训(?:了)?(?:学生)?\s*(\d+)\s*[人名]/, /学生\s*(\d+)\s*[人名]/]),
    studentsRegistered: num(body, [/报名(?:考试|参考|考证)?(?:了)?\s*(\d+)\s*[人名]?/, /(\d+)\s*[人名]\s*报名/]),
    studentsPassed: num(body, [/(?:通过|取证|获证|考过)(?:了)?\s*(\d+)\s*[人名]?/, /(\d+)\s*[人名]\s*(?:通过|取证)/]),
    problems: problemMatch ? problemMatch[1]!.trim() : undefined,
  };
}
