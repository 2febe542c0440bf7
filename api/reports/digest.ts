import type { Db } from '../db/index.js';
import { listExams } from '../exams/repository.js';
import type { Period } from './periods.js';

/**
 * A 区域管家's digest for a period: per province, who reported, who is missing, who was late;
 * the region's open questions; exams in the next 30 days.
 */
export interface Digest {
  regionCode: string;
  regionName: string;
  periodId: string;
  dueAt: string;
  provinces: Array<{ code: string; name: string; reported: string[]; late: string[]; missing: string[] }>;
  openQuestions: Array<{ id: number; question: string; createdAt: string }>;
  openQuestionCount: number;
  upcomingExams: Array<{ year: number; month: number; date: string | null; title: string | null }>;
  text: string;
}

export async function buildDigest(db: Db, regionCode: string, period: Period, now: Date): Promise<Digest | undefined> {
  const [region] = await db.query<{ name: string }>('select name from regions where code = $1', [regionCode]);
  if (!region) return undefined;
  const rows = await db.query<{ code: string; name: string; college: string | null; reported: boolean | null; late: boolean | null }>(
    `select p.code, p.name, c.name as college, r.id is not null as reported, r.late
       from provinces p
       left join colleges c on c.province_code = p.code
       left join reports r on r.college_id = c.id and r.period_id = $2
      where p.region_code = $1
      order by p.seq, c.name`,
    [regionCode, period.id],
  );
  const provinces = new Map<string, Digest['provinces'][number]>();
  for (const r of rows) {
    let entry = provinces.get(r.code);
    if (!entry) provinces.set(r.code, (entry = { code: r.code, name: r.name, reported: [], late: [], missing: [] }));
    if (!r.college) continue;
    if (!r.reported) entry.missing.push(r.college);
    else if (r.late) entry.late.push(r.college);
    else entry.reported.push(r.college);
  }
  const questions = await db.query<{ id: string | number; question: string; created_at: Date }>(
    `select q.id, q.question, q.created_at from questions q join provinces p on p.code = q.province_code
      where q.status = 'open' and p.region_code = $1 order by q.created_at desc`,
    [regionCode],
  );
  const horizon = new Date(now.getTime() + 30 * 86_400_000);
  const today = now.toISOString().slice(0, 10);
  const upcomingExams = (await listExams(db))
    .filter((e) => {
      if (e.date) return e.date >= today && e.date <= horizon.toISOString().slice(0, 10);
      const monthStart = `${e.year}-${String(e.month).padStart(2, '0')}`;
      return monthStart >= today.slice(0, 7) && monthStart <= horizon.toISOString().slice(0, 7);
    })
    .map((e) => ({ year: e.year, month: e.month, date: e.date, title: e.title }));

  const list = [...provinces.values()];
  const lines = [`【${region.name}进展报送提醒】${period.id}（${period.month}月${period.dueDay}日前）`];
  for (const p of list) {
    const total = p.reported.length + p.late.length + p.missing.length;
    if (!total) continue;
    lines.push(`${p.name}：已报 ${p.reported.length + p.late.length}/${total}` + (p.missing.length ? `；未报：${p.missing.join('、')}` : '') + (p.late.length ? `；迟报：${p.late.join('、')}` : ''));
  }
  if (lines.length === 1) lines.push('本区域暂无登记的院校。');
  lines.push(`待回复问题：${questions.length} 条` + (questions.length ? `（最新：${questions.slice(0, 3).map((q) => q.question.slice(0, 20)).join('；')}）` : ''));
  lines.push(upcomingExams.length ? `30天内考试：${upcomingExams.map((e) => e.date ?? `${e.year}年${e.month}月`).join('、')}` : '30天内暂无已发布的考试。');
  return {
    regionCode,
    regionName: region.name,
    periodId: period.id,
    dueAt: period.dueAt.toISOString(),
    provinces: list,
    openQuestions: questions.slice(0, 20).map((q) => ({ id: Number(q.id), question: q.question, createdAt: new Date(q.created_at).toISOString() })),
    openQuestionCount: questions.length,
    upcomingExams,
    text: lines.join('\n'),
  };
}
