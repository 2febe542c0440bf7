import type { RoutingFile, ExamsFile, ProvincesFile } from '../facts.js';

/**
 * Everything the assistant knows, as plain data: built from the database by the service (so
 * console edits count) or from the data files by the CLI. The engine never reads storage itself.
 */
export interface SnapshotProvince {
  code: string;
  name: string;
  fullName: string;
  aliases: string[];
  regionCode: string;
  source: string;
}

export interface SnapshotRegion {
  code: string;
  name: string;
  source: string;
}

export interface SnapshotContact {
  name: string;
  phone: string | null;
  role: 'province_lead' | 'region_manager';
  provinceCode: string | null;
  regionCode: string | null;
  source: string;
}

export interface SnapshotCollege {
  id: number;
  name: string;
  aliases: string[];
  provinceCode: string;
}

export interface SnapshotExam {
  year: number;
  month: number;
  date: string | null;
  title: string | null;
  source: string;
}

/** The document name of answers written by staff in the console (api/routes/admin-questions.ts). */
export const STAFF_ANSWERS = '工作人员答复';

export interface Passage {
  id: string;
  document: string;
  section: string;
  file?: string;
  body: string;
  /** Uploaded or written in the console: the operators' newer, more specific word. */
  fromConsole?: boolean;
}

export interface KnowledgeSnapshot {
  regions: SnapshotRegion[];
  provinces: SnapshotProvince[];
  contacts: SnapshotContact[];
  colleges: SnapshotCollege[];
  exams: SnapshotExam[];
  passages: Passage[];
  routing: RoutingFile;
  officialChannels: ExamsFile['officialChannels'];
  uncovered: ProvincesFile['uncovered'];
  /** 川渝 → the codes of 四川 and 重庆. */
  combined: ProvincesFile['combined'];
  /** Single-character province abbreviations (鲁, 粤…) by province code. */
  abbreviations: Record<string, string[]>;
  /** Those that are everyday characters too (川, 苏, 新…): a province only when a message opens with one standing alone (川 签协议找谁). */
  openingAbbreviations?: Record<string, string[]>;
  /** Source of the province and region tables, for citations. */
  directorySource: { document: string; file: string };
  examsSource: { document: string; section: string; file: string; url?: string };
  /** The certificate's levels (seed 000): work areas and jobs, for level questions. */
  certificate: {
    /** The certificate's full name (knowledge/data/certificate.json). */
    name?: string;
    levels: Array<{ level: string; workAreas: Array<{ area: string; tasks: string[] }>; jobs: string }>;
    /** The majors each type of school may enter for the certificate (seed 000 二（二）面向专业). */
    majors: Array<{ schoolType: string; majors: string[] }>;
    source: { document: string; section: string; file: string };
    others: string[];
  };
  /** Report due days of each month (config REPORT_DUE_DAYS). */
  /** Everyday short names of the colleges whose own documents are sources (knowledge/data/colleges.json), by full name. */
  collegeNames?: Record<string, string[]>;
  reportDueDays: number[];
  /** How a report is written in chat, from the report's field declaration (api/reports/fields.ts). */
  reportTemplate?: string;
}
