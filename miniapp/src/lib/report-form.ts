import { COUNT_FIELDS, REPORT_FIELDS, REPORT_STAGES, TEXT_FIELDS, type ReportFieldKey } from '../../../api/reports/fields';

/**
 * The 进展 form and its validation, from the API's declaration of a report's fields
 * (api/reports/fields.ts, bundled in at build time): numbers are whole, not negative, and
 * consistent; the required text is there.
 */
export type ReportForm = Record<ReportFieldKey, string>;

export const STAGES: string[] = [...REPORT_STAGES];

/** The form's inputs, in the declaration's order (the page renders them with wx:for). */
export const COUNT_INPUTS = COUNT_FIELDS.map((f) => ({ key: f.key, label: f.formLabel }));
export const TEXT_INPUTS = TEXT_FIELDS.map((f) => ({ key: f.key, label: f.formLabel }));

export function emptyForm(): ReportForm {
  const form = {} as ReportForm;
  for (const f of REPORT_FIELDS) form[f.key] = '';
  return form;
}

export interface Validated {
  errors: Record<string, string>;
  body?: Record<string, unknown>;
}

export function validateReport(form: ReportForm): Validated {
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) {
    const value = String(form[f.key] ?? '').trim();
    if ('required' in f && f.required) {
      body[f.key] = value;
      if (!value) errors[f.key] = `请填写${f.formLabel}`;
    } else if (value) body[f.key] = value;
  }
  if (form.stage) {
    if (!STAGES.includes(form.stage)) errors.stage = '请选择试点阶段';
    else body.stage = form.stage;
  }
  for (const f of COUNT_FIELDS) {
    const raw = String(form[f.key] ?? '').trim();
    if (!raw) continue;
    if (!/^\d+$/.test(raw)) errors[f.key] = `${f.formLabel}请填写0或正整数`;
    else body[f.key] = Number(raw);
  }
  if (typeof body.studentsPassed === 'number' && typeof body.studentsRegistered === 'number' && body.studentsPassed > body.studentsRegistered) {
    errors.studentsPassed = '通过人数不能多于报名人数';
  }
  return Object.keys(errors).length ? { errors } : { errors, body };
}
