import type { Db } from '../db/index.js';
import { REPORT_FIELDS, type ReportFieldDef, type ReportFields } from './fields.js';

/** Progress reports: one per college and period, with every submission kept as a revision. Its fields: api/reports/fields.ts. */
export type { ReportFields };

export interface Report extends ReportFields {
  id: number;
  collegeId: number;
  collegeName: string;
  provinceCode: string;
  provinceName: string;
  regionCode: string;
  periodId: string;
  channel: string | null;
  submittedBy: string | null;
  late: boolean;
  submittedAt: string;
  updatedAt: string;
  revisions?: Array<{ data: ReportFields; channel: string | null; submittedBy: string | null; submittedAt: string }>;
}

/** A row of `reports` joined with its college and province; the declared fields are read by column. */
type Row = Record<string, unknown> & {
  id: string | number;
  college_id: string | number;
  college_name: string;
  province_code: string;
  province_name: string;
  region_code: string;
  period_id: string;
  channel: string | null;
  submitted_by: string | null;
  late: boolean;
  submitted_at: Date | string;
  updated_at: Date | string;
};

const SELECT = `select r.*, c.name as college_name, c.province_code, c.province_name, c.region_code
  from reports r join college_regions c on c.id = r.college_id`;

/** The declared fields of a row (or of a report object), nulls for absent ones. */
function fieldsOf(source: Record<string, unknown>, fields: readonly ReportFieldDef[], by: 'key' | 'column'): ReportFields {
  return Object.fromEntries(fields.map((f) => [f.key, source[f[by]] ?? null])) as ReportFields;
}

const toReport = (r: Row, fields: readonly ReportFieldDef[] = REPORT_FIELDS): Report => ({
  id: Number(r.id),
  collegeId: Number(r.college_id),
  collegeName: r.college_name,
  provinceCode: r.province_code,
  provinceName: r.province_name,
  regionCode: r.region_code,
  periodId: r.period_id,
  ...fieldsOf(r, fields, 'column'),
  channel: r.channel,
  submittedBy: r.submitted_by,
  late: r.late,
  submittedAt: new Date(r.submitted_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * The upsert of a submission, from the declaration: a resubmission replaces the required text
 * (progress) and keeps every other field that it leaves out.
 */
function upsertSql(fields: readonly ReportFieldDef[]): string {
  const columns = ['college_id', 'period_id', ...fields.map((f) => f.column), 'channel', 'submitted_by', 'late', 'submitted_at', 'updated_at'];
  const at = `$${columns.length - 1}`;
  const values = columns.map((_c, i) => (i === columns.length - 1 ? at : `$${i + 1}`));
  const merge = fields.map((f) => (f.kind === 'text' && f.required ? `${f.column} = excluded.${f.column}` : `${f.column} = coalesce(excluded.${f.column}, reports.${f.column})`));
  return `insert into reports (${columns.join(', ')})
     values (${values.join(', ')})
     on conflict (college_id, period_id) do update set
       ${[...merge, 'channel = excluded.channel', 'submitted_by = excluded.submitted_by', 'updated_at = excluded.updated_at'].join(',\n       ')}
     returning id, (xmax = 0) as inserted`;
}
const UPSERT = upsertSql(REPORT_FIELDS);

/** Insert or update the college's report for the period, and keep this submission as a revision. */
export async function upsertReport(
  db: Db,
  r: ReportFields & { collegeId: number; periodId: string; channel: string; submittedBy: string; late: boolean; at: Date },
  fields: readonly ReportFieldDef[] = REPORT_FIELDS,
): Promise<{ report: Report; updated: boolean }> {
  return db.transaction(async (tx) => {
    const values = fieldsOf(r, fields, 'key');
    const [row] = await tx.query<{ id: string | number; inserted: boolean }>(fields === REPORT_FIELDS ? UPSERT : upsertSql(fields), [
      r.collegeId, r.periodId, ...fields.map((f) => values[f.key as keyof ReportFields]), r.channel, r.submittedBy, r.late, r.at,
    ]);
    await tx.query('insert into report_revisions (report_id, data, channel, submitted_by, submitted_at) values ($1, $2, $3, $4, $5)', [
      row!.id, JSON.stringify(values), r.channel, r.submittedBy, r.at,
    ]);
    const [full] = await tx.query<Row>(`${SELECT} where r.id = $1`, [row!.id]);
    return { report: toReport(full!, fields), updated: !row!.inserted };
  });
}

export async function getReport(db: Db, id: number, fields: readonly ReportFieldDef[] = REPORT_FIELDS): Promise<Report | undefined> {
  const [row] = await db.query<Row>(`${SELECT} where r.id = $1`, [id]);
  if (!row) return undefined;
  const revisions = await db.query<{ data: ReportFields | string; channel: string | null; submitted_by: string | null; submitted_at: Date }>(
    'select data, channel, submitted_by, submitted_at from report_revisions where report_id = $1 order by id',
    [id],
  );
  return {
    ...toReport(row, fields),
    revisions: revisions.map((v) => ({
      data: typeof v.data === 'string' ? (JSON.parse(v.data) as ReportFields) : v.data,
      channel: v.channel,
      submittedBy: v.submitted_by,
      submittedAt: new Date(v.submitted_at).toISOString(),
    })),
  };
}

export async function findReport(db: Db, collegeId: number, periodId: string): Promise<Report | undefined> {
  const [row] = await db.query<Row>(`${SELECT} where r.college_id = $1 and r.period_id = $2`, [collegeId, periodId]);
  return row ? toReport(row) : undefined;
}

export async function listReports(db: Db, filter: { periodId?: string; regionCode?: string; provinceCode?: string }): Promise<Report[]> {
  const rows = await db.query<Row>(
    `${SELECT} where ($1::text is null or r.period_id = $1) and ($2::text is null or c.region_code = $2) and ($3::text is null or c.province_code = $3)
      order by r.period_id desc, c.province_seq, c.name`,
    [filter.periodId ?? null, filter.regionCode ?? null, filter.provinceCode ?? null],
  );
  return rows.map((r) => toReport(r));
}

/** Each province of a region with each of its colleges and whether (and how) it reported for the period. */
export async function regionReportStatus(
  db: Db,
  regionCode: string,
  periodId: string,
): Promise<Array<{ code: string; name: string; college: string | null; reported: boolean | null; late: boolean | null }>> {
  return db.query(
    `select p.code, p.name, c.name as college, r.id is not null as reported, r.late
       from provinces p
       left join colleges c on c.province_code = p.code
       left join reports r on r.college_id = c.id and r.period_id = $2
      where p.region_code = $1
      order by p.seq, c.name`,
    [regionCode, periodId],
  );
}

/** Colleges (in a region, or all) with no report for the period: what an export and the console list as 未报. */
export async function missingColleges(
  db: Db,
  periodId: string,
  regionCode?: string,
): Promise<Array<{ collegeId: number; collegeName: string; provinceCode: string; provinceName: string; regionCode: string }>> {
  const rows = await db.query<{ id: string | number; name: string; province_code: string; province_name: string; region_code: string }>(
    `select c.id, c.name, c.province_code, c.province_name, c.region_code
       from college_regions c
      where ($2::text is null or c.region_code = $2)
        and not exists (select 1 from reports r where r.college_id = c.id and r.period_id = $1)
      order by c.province_seq, c.name`,
    [periodId, regionCode ?? null],
  );
  return rows.map((r) => ({ collegeId: Number(r.id), collegeName: r.name, provinceCode: r.province_code, provinceName: r.province_name, regionCode: r.region_code }));
}

/** How many reports (and late ones) each period has, in a region or all. */
export async function periodCounts(db: Db, periodIds: string[], regionCode?: string): Promise<Map<string, { reported: number; late: number }>> {
  const rows = await db.query<{ period_id: string; n: string | number; late: string | number }>(
    `select r.period_id, count(*) as n, count(*) filter (where r.late) as late
       from reports r join college_regions c on c.id = r.college_id
      where r.period_id = any($1::text[]) and ($2::text is null or c.region_code = $2)
      group by r.period_id`,
    [periodIds, regionCode ?? null],
  );
  return new Map(rows.map((r) => [r.period_id, { reported: Number(r.n), late: Number(r.late) }]));
}
