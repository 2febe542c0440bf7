import { MAX_COUNT, REPORT_FIELDS, REPORT_STAGES, type ReportFieldDef, type ReportFields, type ReportStage } from './fields.js';

/**
 * Lenient parsing of a progress report typed in chat, e.g.
 *   进展：培训实施阶段，已培训120人，报名考试80人，通过60人，培训教师5名，问题：机房不够
 * Full-width digits and punctuation are accepted; anything not recognised stays in the text.
 */
export const STAGES = REPORT_STAGES;
export type Stage = ReportStage;

const STAGE_ALIASES: Record<string, Stage> = { 总结复盘: '复盘总结', 筹备规划: '培训筹备', 申报: '试点申报' };

/** What a chat message gives: the declared fields it mentions (api/reports/fields.ts), and always the text. */
export type ParsedReport = { [K in keyof ReportFields]?: NonNullable<ReportFields[K]> } & { progress: string };

const REPORT_PREFIX = /^\s*(?:报送进展|进展报送|进展|进度)\s*[:：]?\s*/;

export function isReportMessage(text: string): boolean {
  return /^\s*(?:报送进展|进展报送|进展|进度)\s*[:：]/.test(toHalfWidth(text)) || /^\s*报送进展\s/.test(text);
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Every count pattern runs in time linear in the text: the declaration's `N` becomes
 * `(?<!\d)\d{1,7}(?!\d)` — at most seven digits tried from each position and never inside a
 * longer run of digits — where an open `\d+` made a message of 30,000 digits take seconds (each
 * start re-scanned the whole run). A longer number is not a count (over MAX_COUNT) and stays in
 * the text only.
 */
const N = '(?<!\\d)(\\d{1,7})(?!\\d)';

interface Compiled {
  counts: Array<{ key: string; patterns: RegExp[] }>;
  labelled: Array<{ key: string; start: RegExp }>;
}
const compiled = new WeakMap<readonly ReportFieldDef[], Compiled>();

function compile(fields: readonly ReportFieldDef[]): Compiled {
  let c = compiled.get(fields);
  if (!c) {
    c = {
      counts: fields.flatMap((f) => (f.kind === 'count' ? [{ key: f.key, patterns: f.chat.map((source) => new RegExp(source.replace('N', N))) }] : [])),
      labelled: fields.flatMap((f) => (f.kind === 'text' && f.chatLabels ? [{ key: f.key, start: new RegExp(`(?:${f.chatLabels})\\s*[:：]?\\s*(?=.)`, 's') }] : [])),
    };
    compiled.set(fields, c);
  }
  return c;
}

/** The longest report text parsed; the chat boundary refuses longer messages before this. */
export const MAX_REPORT_CHARS = 4000;

function num(text: string, patterns: RegExp[]): number | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) {
      const n = Number(m[1]);
      return n <= MAX_COUNT ? n : undefined;
    }
  }
  return undefined;
}

/**
 * The declared fields (api/reports/fields.ts) in a `进展：…` message: the stage named, each count
 * by its chat patterns, each labelled text field (问题：…) from its label to the next one or the
 * end; counts are read only before the first label. `progress` is the whole message.
 */
export function parseReport(raw: string, fields: readonly ReportFieldDef[] = REPORT_FIELDS): ParsedReport {
  const original = raw.slice(0, MAX_REPORT_CHARS).replace(REPORT_PREFIX, '').replace(/^[\s\u3000:：]+/, '').trim();
  const text = toHalfWidth(original);
  const { counts, labelled } = compile(fields);
  const out: Record<string, unknown> = {};
  if (fields.some((f) => f.kind === 'stage')) {
    let stage: Stage | undefined = STAGES.find((s) => text.includes(s));
    if (!stage) for (const [alias, s] of Object.entries(STAGE_ALIASES)) if (text.includes(alias)) stage = s;
    out.stage = stage;
  }
  out.progress = original;
  // Labelled text fields, in the order they appear (half-width conversion keeps every index).
  const found = labelled
    .map((l) => ({ key: l.key, m: l.start.exec(original) }))
    .filter((x): x is { key: string; m: RegExpExecArray } => !!x.m)
    .sort((a, b) => a.m.index - b.m.index);
  const body = found.length ? text.slice(0, found[0]!.m.index) : text;
  for (const c of counts) out[c.key] = num(body, c.patterns);
  for (const l of labelled) out[l.key] = undefined;
  found.forEach((x, i) => {
    const next = found[i + 1];
    const value = original.slice(x.m.index + x.m[0].length, next ? next.m.index : original.length).trim();
    // a field followed by another keeps no separator (问题：…，亮点：…)
    out[x.key] = (next ? value.replace(/[，,；;。\s]+$/, '') : value) || undefined;
  });
  return out as ParsedReport;
}
