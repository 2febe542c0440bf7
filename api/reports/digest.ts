import type { Db } from '../db/index.js';
import { addDays } from '../clock.js';
import { listRegions } from '../contacts/repository.js';
import { listExams } from '../exams/repository.js';
import { unreachableColleges } from '../groups/repository.js';
import { openQuestionsOfRegion } from '../questions/repository.js';
import { regionReportStatus } from './repository.js';
import { countFeedback } from '../questions/repository.js';
import type { Period } from './periods.js';

/**
 * A 区域管家's digest for a period: per province, who reported, who is missing, who was late;
 * the region's open questions; colleges reminders cannot reach; exams in the next 30 days
 * counted from `today` (the local date, from api/clock.ts).
 */
export interface Digest {
  regionCode: string;
  regionName: string;
  periodId: string;
  dueAt: string;
  provinces: Array<{ code: string; name: string; reported: string[]; late: string[]; missing: string[] }>;
  openQuestions: Array<{ id: number; question: string; createdAt: string }>;
  openQuestionCount: number;
  /** Users' verdicts on the assistant's answers in this region over the last 30 days. */
  feedback: { accurate: number; inaccurate: number };
  upcomingExams: Array<{ year: number; month: number; date: string | null; title: string | null }>;
  /** Colleges with no bound group or WeCom user: reminders cannot reach them. */
  unreachableColleges: string[];
  text: string;
}

export async function buildDigest(db: Db, regionCode: string, period: Period, today: string): Promise<Digest | undefined> {
  const region = (await listRegions(db)).find((r) => r.code === regionCode);
  if (!region) return undefined;
  const provinces = new Map<string, Digest['provinces'][number]>();
  for (const r of await regionReportStatus(db, regionCode, period.id)) {
    let entry = provinces.get(r.code);
    if (!entry) provinces.set(r.code, (entry = { code: r.code, name: r.name, reported: [], late: [], missing: [] }));
    if (!r.college) continue;
    if (!r.reported) entry.missing.push(r.college);
    else if (r.late) entry.late.push(r.college);
    else entry.reported.push(r.college);
  }
  const questions = await openQuestionsOfRegion(db, regionCode);
  const unreachable = (await unreachableColleges(db, regionCode)).map((c) => c.name);
  const horizon = addDays(today, 30);
  const feedback = await countFeedback(db, regionCode, addDays(today, -30));
  const upcomingExams = (await listExams(db))
    .filter((e) => {
      if (e.date) return e.date >= today && e.date <= horizon;
      const month = `${e.year}-${String(e.month).padStart(2, '0')}`;
      return month >= today.slice(0, 7) && month <= horizon.slice(0, 7);
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
  if (unreachable.length) lines.push(`${unreachable.length} 所学校无法提醒（未绑定群或企业微信）：${unreachable.slice(0, 10).join('、')}${unreachable.length > 10 ? '等' : ''}`);
  // Anyone can ask, so the pushed text never quotes a question (it could be spam or abuse sent
  // through a chat channel); the questions themselves are in the console (待答问题) and the API.
  lines.push(`待回复问题：${questions.length} 条` + (questions.length ? '，请在管理后台“待答问题”中查看' : ''));
  if (feedback.accurate + feedback.inaccurate) lines.push(`近30天答复反馈：准确 ${feedback.accurate} 条，不准确 ${feedback.inaccurate} 条（不准确的已转入待回复）`);
  lines.push(upcomingExams.length ? `30天内考试：${upcomingExams.map((e) => e.date ?? `${e.year}年${e.month}月`).join('、')}` : '30天内暂无已发布的考试。');
  return {
    regionCode,
    regionName: region.name,
    periodId: period.id,
    dueAt: period.dueAt.toISOString(),
    provinces: list,
    openQuestions: questions.slice(0, 20),
    openQuestionCount: questions.length,
    feedback,
    upcomingExams,
    unreachableColleges: unreachable,
    text: lines.join('\n'),
  };
}
