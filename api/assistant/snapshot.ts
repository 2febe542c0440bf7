import type { Db } from '../db/index.js';
import { listContacts, listProvinces, listRegions } from '../contacts/repository.js';
import { listColleges } from '../colleges/repository.js';
import { listExams } from '../exams/repository.js';
import { listPassages } from '../knowledge/repository.js';
import type { Facts } from '../../knowledge/facts.js';
import { reportTemplate } from '../reports/fields.js';
import type { KnowledgeSnapshot } from '../../knowledge/engine/snapshot.js';

/** Read what the assistant knows from the database, so console edits take effect on reload. */
export async function loadSnapshot(db: Db, facts: Facts, reportDueDays: number[]): Promise<KnowledgeSnapshot> {
  const [regions, provinces, contacts, colleges, exams, entries] = await Promise.all([
    listRegions(db),
    listProvinces(db),
    listContacts(db),
    listColleges(db),
    listExams(db),
    listPassages(db),
  ]);
  const ambiguous = new Set(facts.provinces.ambiguousAbbreviations.characters);
  const abbreviations = Object.fromEntries(facts.provinces.provinces.map((p) => [p.code, p.abbreviations.filter((a) => !ambiguous.has(a))]));
  const openingAbbreviations = Object.fromEntries(facts.provinces.provinces.map((p) => [p.code, p.abbreviations.filter((a) => ambiguous.has(a))]));
  return {
    regions: regions.map((r) => ({ code: r.code, name: r.name, source: r.source })),
    provinces: provinces.map((p) => ({ code: p.code, name: p.name, fullName: p.fullName, aliases: p.aliases.filter((a) => a.length > 1), regionCode: p.regionCode, source: p.source })),
    contacts: contacts.map((c) => ({ name: c.name, phone: c.phone, role: c.role, provinceCode: c.provinceCode, regionCode: c.regionCode, source: c.source })),
    colleges: colleges.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, provinceCode: c.provinceCode })),
    exams: exams.map((e) => ({ year: e.year, month: e.month, date: e.date, title: e.title, source: e.source })),
    passages: entries,
    routing: facts.routing,
    officialChannels: facts.exams.officialChannels,
    uncovered: facts.provinces.uncovered,
    combined: facts.provinces.combined,
    abbreviations,
    openingAbbreviations,
    directorySource: { document: facts.provinces.source.document, file: facts.provinces.source.file },
    examsSource: { document: facts.exams.source.document, section: facts.exams.source.section, file: facts.exams.source.file, url: /https?:\/\/[\w./?=&%-]+/.exec(facts.exams.source.quote ?? '')?.[0] },
    certificate: { name: facts.certificate.name, levels: facts.certificate.levels.map((l) => ({ level: l.level, workAreas: l.workAreas.map((w) => ({ area: w.area, tasks: w.tasks })), jobs: l.jobs })), majors: facts.certificate.majorsBySchoolType, source: facts.certificate.source, others: facts.certificate.otherCertificates.names },
    collegeNames: Object.fromEntries(facts.colleges.colleges.map((c) => [c.name, c.everyday])),
    reportDueDays,
    reportTemplate: reportTemplate(),
  };
}
