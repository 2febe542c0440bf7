import { z } from 'zod';
import { MAX_COUNT, REPORT_FIELDS, REPORT_STAGES, type ReportFieldDef, type ReportFields } from './fields.js';

/** A report as the API receives it (POST /api/reports, /api/miniapp/reports). */
export type ReportBody = { [K in keyof ReportFields]?: NonNullable<ReportFields[K]> } & { progress: string; periodId?: string };

/** The API's validation of a report, from the declaration (api/reports/fields.ts). */
export function reportBodySchema(fields: readonly ReportFieldDef[] = REPORT_FIELDS) {
  const shape: Record<string, z.ZodType> = { periodId: z.string().regex(/^\d{4}-\d{2}-[a-j]$/).optional() };
  for (const f of fields) {
    if (f.kind === 'stage') shape[f.key] = z.enum(REPORT_STAGES).optional();
    else if (f.kind === 'count') shape[f.key] = z.number().int().min(0).max(MAX_COUNT).optional();
    else if (f.required) shape[f.key] = z.string().trim().min(1, `请填写${f.label}`).max(f.maxLength);
    else shape[f.key] = z.string().trim().max(f.maxLength).optional();
  }
  return z.object(shape);
}

export const reportBody = reportBodySchema();
