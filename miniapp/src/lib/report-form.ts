/** Validation of the 进展 form: numbers are whole, not negative, and consistent. */
export interface ReportForm {
  stage: string;
  progress: string;
  studentsTrained: string;
  studentsRegistered: string;
  studentsPassed: string;
  teachersTrained: string;
  problems: string;
}

export const STAGES = ['试点申报', '培训筹备', '培训实施', '考核颁证', '复盘总结', '推广提升'];

export interface Validated {
  errors: Record<string, string>;
  body?: Record<string, unknown>;
}

const NUMBER_FIELDS: Array<[keyof ReportForm, string]> = [
  ['studentsTrained', '培训学生数'],
  ['studentsRegistered', '报名人数'],
  ['studentsPassed', '通过人数'],
  ['teachersTrained', '培训教师数'],
];

export function validateReport(form: ReportForm): Validated {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = { progress: form.progress.trim() };
  if (!form.progress.trim()) errors.progress = '请填写本期进展';
  if (form.stage) {
    if (!STAGES.includes(form.stage)) errors.stage = '请选择试点阶段';
    else body.stage = form.stage;
  }
  for (const [key, name] of NUMBER_FIELDS) {
    const raw = String(form[key] ?? '').trim();
    if (!raw) continue;
    if (!/^\d+$/.test(raw)) errors[key] = `${name}请填写0或正整数`;
    else body[key] = Number(raw);
  }
  if (typeof body.studentsPassed === 'number' && typeof body.studentsRegistered === 'number' && body.studentsPassed > body.studentsRegistered) {
    errors.studentsPassed = '通过人数不能多于报名人数';
  }
  if (form.problems.trim()) body.problems = form.problems.trim();
  return Object.keys(errors).length ? { errors } : { errors, body };
}
