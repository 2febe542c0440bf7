import type { Db } from '../db/index.js';

/** Progress reports: one per college and period, with every submission kept as a revision. */
export interface ReportFields {
  stage: string | null;
  progress: string | null;
  studentsTrained: number | null;
  studentsRegistered: number | null;
  studentsPassed: number | null;
  teachersTrained: number | null;
  problems: string | null;
}

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

interface Row {
  id: string | number;
  college_id: string | number;
  college_name: string;
  province_code: string;
  province_name: string;
  region_code: string;
  period_id: string;
  stage: string | null;
  progress: string | null;
  students_trained: number | null;
  students_registered: number | null;
  students_passed: number | null;
  teachers_trained: number | null;
  problems: string | null;
  channel: string | null;
  submitted_by: string | null;
  late: boolean;
  submitted_at: Date | string;
  updated_at: Date | string;
}

const SELECT = `select r.*, c.name as college_name, c.province_code, p.name as province_name, p.region_code
  from reports r join colleges c on c.id = r.college_id join provinces p on p.code = c.province_code`;

const toReport = (r: Row): Report => ({
  id: Number(r.id),
  collegeId: Number(r.college_id),
  collegeName: r.college_name,
  provinceCode: r.province_code,
  provinceName: r.province_name,
  regionCode: r.region_code,
  periodId: r.period_id,
  stage: r.stage,
  progress: r.progress,
  studentsTrained: r.students_trained,
  studentsRegistered: r.students_registered,
  studentsPassed: r.students_passed,
  teachersTrained: r.teachers_trained,
  problems: r.problems,
  channel: r.channel,
  submittedBy: r.submitted_by,
  late: r.late,
  submittedAt: new Date(r.submitted_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Insert or update the college's report for the period, and keep this submission as a revision. */
export async function upsertReport(
  db: Db,
  r: ReportFields & { collegeId: number; periodId: string; channel: string; submittedBy: string; late: boolean; at: Date },
): Promise<{ report: Report; updated: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string | number; inserted: boolean }>(
      `insert into reports (college_id, period_id, stage, progress, students_trained, students_registered, students_passed,
                            teachers_trained, problems, channel, submitted_by, late, submitted_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
       on conflict (college_id, period_id) do update set
         stage = coalesce(excluded.stage, reports.stage),
         progress = excluded.progress,
         students_trained = coalesce(excluded.students_trained, reports.students_trained),
         students_registered = coalesce(excluded.students_registered, reports.students_registered),
         students_passed = coalesce(excluded.students_passed, reports.students_passed),
         teachers_trained = coalesce(excluded.teachers_trained, reports.teachers_trained),
         problems = coalesce(excluded.problems, reports.problems),
         channel = excluded.channel, submitted_by = excluded.submitted_by, updated_at = excluded.updated_at
       returning id, (xmax = 0) as inserted`,
      [r.collegeId, r.periodId, r.stage, r.progress, r.studentsTrained, r.studentsRegistered, r.studentsPassed, r.teachersTrained, r.problems, r.channel, r.submittedBy, r.late, r.at],
    );
    const fields: ReportFields = {
      stage: r.stage, progress: r.progress, studentsTrained: r.studentsTrained, studentsRegistered: r.studentsRegistered,
      studentsPassed: r.studentsPassed, teachersTrained: r.teachersTrained, problems: r.problems,
    };
    await tx.query('insert into report_revisions (report_id, data, channel, submitted_by, submitted_at) values ($1, $2, $3, $4, $5)', [
      row!.id, JSON.stringify(fields), r.channel, r.submittedBy, r.at,
    ]);
    const [full] = await tx.query<Row>(`${SELECT} where r.id = $1`, [row!.id]);
    return { report: toReport(full!), updated: !row!.inserted };
  });
}

export async function getReport(db: Db, id: number): Promise<Report | undefined> {
  const [row] = await db.query<Row>(`${SELECT} where r.id = $1`, [id]);
  if (!row) return undefined;
  const revisions = await db.query<{ data: ReportFields | string; channel: string | null; submitted_by: string | null; submitted_at: Date }>(
    'select data, channel, submitted_by, submitted_at from report_revisions where report_id = $1 order by id',
    [id],
  );
  return {
    ...toReport(row),
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
    `${SELECT} where ($1::text is null or r.period_id = $1) and ($2::text is null or p.region_code = $2) and ($3::text is null or p.code = $3)
      order by r.period_id desc, p.seq, c.name`,
    [filter.periodId ?? null, filter.regionCode ?? null, filter.provinceCode ?? null],
  );
  return rows.map(toReport);
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
