import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';

/** Reads and validates the fact files in knowledge/data (written by hand from the seeds). */
export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

const source = z.object({ document: z.string(), file: z.string(), section: z.string(), quote: z.string().optional() });
const phone = z.string().regex(/^1\d{10}$/).nullable();

const provincesFile = z.object({
  source,
  provinces: z.array(
    z.object({
      seq: z.number().int(),
      name: z.string(),
      fullName: z.string(),
      code: z.string().regex(/^\d{2}$/),
      abbreviations: z.array(z.string()),
      aliases: z.array(z.string()),
      region: z.string(),
      leads: z.array(z.object({ name: z.string(), phone })).min(1),
      source: z.string(),
    }),
  ),
  uncovered: z.object({
    names: z.array(z.string()),
    aliases: z.record(z.string(), z.array(z.string())),
    /** Places outside China: not covered either. */
    abroad: z.array(z.string()).default([]),
    note: z.string(),
  }),
  /** Everyday names of several provinces at once (川渝), to province codes. */
  combined: z.record(z.string(), z.array(z.string())).default({}),
  combinedNote: z.string().optional(),
  ambiguousAbbreviations: z.object({ note: z.string(), characters: z.array(z.string()) }),
});

const regionsFile = z.object({
  source,
  regions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      manager: z.object({ name: z.string(), phone }),
      provinces: z.array(z.string()),
      source: z.string(),
      /** Everyday English names (South China), not in the source table. */
      aliases: z.array(z.string()).default([]),
    }),
  ),
  aliasesNote: z.string().optional(),
});

const routingFile = z.object({
  source,
  topics: z.array(
    z.object({
      topic: z.string(),
      routeTo: z.enum(['region_manager', 'province_lead']),
      keywords: z.array(z.string()).min(1),
    }),
  ),
  noTopic: z.literal('both'),
});

const examsFile = z.object({
  source,
  sessions: z.array(
    z.object({
      year: z.number().int(),
      month: z.number().int().min(1).max(12),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
      scope: z.string(),
      title: z.string(),
      source: z.string(),
    }),
  ),
  officialChannels: z.array(
    z.object({ name: z.string(), url: z.string().optional(), wechat: z.string().optional() }),
  ),
});

const certificateFile = z.object({
  source,
  name: z.string(),
  levels: z.array(z.object({ level: z.string(), workAreas: z.array(z.object({ area: z.string(), tasks: z.array(z.string()) })), jobs: z.string() })),
  majorsBySchoolType: z.array(z.object({ schoolType: z.string(), majors: z.array(z.string()) })),
  /** Other certificates users confuse with this one: questions about them are out of scope. */
  otherCertificates: z.object({ note: z.string(), names: z.array(z.string()) }).default({ note: '', names: [] }),
});

/** The colleges whose own documents are sources, and the short names people call them by. */
const collegesFile = z.object({
  note: z.string(),
  colleges: z.array(z.object({ name: z.string(), everyday: z.array(z.string().min(2)) })),
});

export type CertificateFile = z.infer<typeof certificateFile>;
export type CollegesFile = z.infer<typeof collegesFile>;
export type ProvincesFile = z.infer<typeof provincesFile>;
export type RegionsFile = z.infer<typeof regionsFile>;
export type RoutingFile = z.infer<typeof routingFile>;
export type ExamsFile = z.infer<typeof examsFile>;
export type RoutingTopic = RoutingFile['topics'][number];

function read<T>(file: string, schema: z.ZodType<T>, dir: string): T {
  const full = path.join(dir, file);
  const parsed = schema.safeParse(JSON.parse(readFileSync(full, 'utf8')));
  if (!parsed.success) throw new Error(`${full}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

export interface Facts {
  provinces: ProvincesFile;
  regions: RegionsFile;
  routing: RoutingFile;
  exams: ExamsFile;
  certificate: CertificateFile;
  colleges: CollegesFile;
}

/** Load every fact file; throws naming the file and field when one is malformed. */
export function loadFacts(dir = DATA_DIR): Facts {
  const facts: Facts = {
    provinces: read('provinces.json', provincesFile, dir),
    regions: read('regions.json', regionsFile, dir),
    routing: read('routing.json', routingFile, dir),
    exams: read('exams.json', examsFile, dir),
    certificate: read('certificate.json', certificateFile, dir),
    colleges: read('colleges.json', collegesFile, dir),
  };
  const regionCodes = new Set(facts.regions.regions.map((r) => r.code));
  for (const p of facts.provinces.provinces) {
    if (!regionCodes.has(p.region)) throw new Error(`provinces.json: ${p.name} names unknown region ${p.region}`);
  }
  return facts;
}
