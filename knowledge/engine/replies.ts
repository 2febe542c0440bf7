import { localDate, localParts } from '../../api/clock.js';
import type { Source } from '../assistant/types.js';
import type { KnowledgeSnapshot, SnapshotContact, SnapshotExam, SnapshotProvince, SnapshotRegion } from './snapshot.js';

/** Short Chinese replies built from the snapshot's data; every fact carries its source. */

export function person(c: SnapshotContact): string {
  return c.phone ? `${c.name} ${c.phone}` : `${c.name}（来源未提供电话）`;
}

export function citation(sources: Source[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const s of sources) {
    const text = s.section ? `《${s.document.replace(/^.*《|》.*$/g, '')}》${s.section}` : `《${s.document.replace(/^.*《|》.*$/g, '')}》`;
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  return parts.length ? `\n来源：${parts.join('；')}` : '';
}

export const MANAGER_DUTIES = '师资培训、教学资源、考试组织、证书核发、协议签订及考核费用';
export const LEAD_DUTIES = '1+X延伸的校企合作项目';

export function leadsOf(s: KnowledgeSnapshot, p: SnapshotProvince): SnapshotContact[] {
  return s.contacts.filter((c) => c.role === 'province_lead' && c.provinceCode === p.code);
}

export function managersOf(s: KnowledgeSnapshot, regionCode: string): SnapshotContact[] {
  return s.contacts.filter((c) => c.role === 'region_manager' && c.regionCode === regionCode);
}

export function regionOf(s: KnowledgeSnapshot, p: SnapshotProvince): SnapshotRegion | undefined {
  return s.regions.find((r) => r.code === p.regionCode);
}

export function directorySources(s: KnowledgeSnapshot, sections: string[]): Source[] {
  return sections.map((section) => ({ document: s.directorySource.document, section, file: s.directorySource.file }));
}

export function examLabel(e: SnapshotExam): string {
  return e.date ? `${e.date}` : `${e.year}年${e.month}月`;
}

/** A session is upcoming when its date (or, with only a month, its month) is not before today. */
export function isUpcoming(e: SnapshotExam, today: { year: number; month: number; iso: string }): boolean {
  if (e.date) return e.date >= today.iso;
  return e.year > today.year || (e.year === today.year && e.month >= today.month);
}

/** Today in the configured time zone: the project's one "today" (api/clock.ts). */
export function todayIn(timeZone: string, now: Date): { year: number; month: number; iso: string } {
  const { year, month } = localParts(timeZone, now);
  return { year, month, iso: localDate(timeZone, now) };
}

export function officialChannelsLine(s: KnowledgeSnapshot): string {
  return s.officialChannels.map((c) => `${c.name}${c.url ? ' ' + c.url : ''}${c.wechat ? '（微信号 ' + c.wechat + '）' : ''}`).join('；');
}
