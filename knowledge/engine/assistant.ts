import type { Answer, AskInput, Source } from '../assistant/types.js';
import { EntityExtractor, type Entities } from './entities.js';
import { IntentClassifier } from './intents.js';
import { PassageIndex, type Unit } from './retrieval.js';
import type { KnowledgeSnapshot, SnapshotProvince } from './snapshot.js';
import { normalize, sentences, tokens } from './text.js';
import {
  LEAD_DUTIES,
  MANAGER_DUTIES,
  citation,
  directorySources,
  examLabel,
  isUpcoming,
  leadsOf,
  managersOf,
  officialChannelsLine,
  person,
  regionOf,
  todayIn,
} from './replies.js';

/**
 * The answer engine: entities + intent → a short cited reply, or an honest abstention.
 * Pure and synchronous over an in-memory snapshot; the service wraps it with the questions log.
 */

const WHO = /找谁|联系谁|问谁|找哪|联系人|负责人|管家|电话|联系方式|对接|是谁|谁负责|找哪位|联系|项目办/;
const LEAD_ROLE = /省区负责人|省负责人|省区域负责人/;
const MANAGER_ROLE = /区域管家|管家|项目办/;
const REGION_LIST = /包括|包含|哪些省|覆盖|管哪些|有哪些省|哪几个省/;
const EXAM_TIME = /什么时候|哪几个月|几月|时间|日期|安排|哪天|下次|下一场|最近一次|何时|哪一天/;
const EXAM_WORD = /考试|统考|考证|开考/;
const REPORT = /报送|进展|双周|周报/;
const GREETING = /^(你好|您好|在吗|在不在|谢谢|多谢|早上好|下午好|晚上好|hi|hello)/;
const HELP = /帮助|怎么用|能做什么|会什么|功能|菜单|使用说明|^help$/;
const NOTICES = /通知|公告/;

const ABSTAIN_TEXT = '抱歉，这个问题我暂时无法准确回答，已记录下来转给工作人员，稍后会有人回复您。您也可以联系所在区域的区域管家。';

export interface EngineOptions {
  timeZone: string;
  now: () => Date;
}

export class AnswerEngine {
  private readonly entities: EntityExtractor;
  private readonly index: PassageIndex;

  constructor(
    readonly snapshot: KnowledgeSnapshot,
    private readonly classifier: IntentClassifier,
    private readonly options: EngineOptions,
  ) {
    this.entities = new EntityExtractor(snapshot);
    this.index = new PassageIndex(snapshot.passages);
  }

  /** The province a place name, city or registered college refers to (找人 search). */
  resolveProvince(text: string): SnapshotProvince | undefined {
    return this.entities.extract(text).provinces[0];
  }

  get passageUnits(): number {
    return this.index.units.length;
  }

  answer(input: AskInput): Answer {
    const text = normalize(input.text).slice(0, 500);
    if (!text) return this.help();
    const e = this.entities.extract(text);
    const boundProvince = input.group?.provinceCode ? this.snapshot.provinces.find((p) => p.code === input.group!.provinceCode) : undefined;

    if (e.uncovered.length && !e.provinces.length) return this.uncovered(e.uncovered);

    if (e.regions.length && !e.provinces.length) {
      if (REGION_LIST.test(text)) return this.regionInfo(e);
      if (WHO.test(text) || e.topics.length) return this.regionManager(e);
    }

    const wantsPerson = WHO.test(text) || e.topics.some((t) => t.routeTo === 'province_lead');
    const placeOnly = e.provinces.length > 0 && text.replace(/[的省市学校院校我们在是，,。?？!！\s]/g, '').length <= Math.max(...e.provinces.map((p) => p.name.length)) + 4;
    // A topic word alone (报名费, 考试) with a place is a "whom to call" question unless the
    // documents answer it squarely (北京工业的学生考试报名费谁出 is a college's own rule).
    let hits: ReturnType<PassageIndex['search']> | undefined;
    const search = () => (hits ??= this.index.search(text, 2));
    const documentAnswers = () => (search()[0]?.coverage ?? 0) >= 0.7;
    if (e.provinces.length && (wantsPerson || placeOnly || (e.topics.length && !documentAnswers())) && !REGION_LIST.test(text)) {
      return this.contacts(e.provinces, e, text);
    }
    if (!e.provinces.length && wantsPerson && (e.topics.length || LEAD_ROLE.test(text) || MANAGER_ROLE.test(text) || /找谁|联系谁|问谁/.test(text))) {
      if (boundProvince) return this.contacts([boundProvince], e, text);
      return this.askProvince(e);
    }

    if (REPORT.test(text) && !/材料/.test(text)) return this.reporting();
    if (EXAM_TIME.test(text) && EXAM_WORD.test(text)) return this.exams(e, input.now ?? this.options.now());

    const guess = this.classifier.classify(e.masked);
    // Small talk and commands need their own words too: the classifier alone is not enough.
    if (guess.intent === 'greeting' && GREETING.test(text)) return this.greeting();
    if (guess.intent === 'help' && HELP.test(text)) return this.help();
    if (guess.intent === 'notices' && NOTICES.test(text)) return this.notices();
    if (guess.intent === 'exam_schedule' && EXAM_WORD.test(text)) return this.exams(e, input.now ?? this.options.now());

    const [top, second] = search();
    const strong = top && top.coverage >= 0.5 && top.score >= 4;
    if (!strong || (guess.intent === 'out_of_scope' && guess.confidence >= 0.5 && top.coverage < 0.7)) {
      return { intent: 'out_of_scope', text: ABSTAIN_TEXT, sources: [], confidence: Math.min(guess.confidence, top?.coverage ?? 0), abstained: true };
    }
    const sources: Source[] = [{ document: top.unit.passage.document, section: top.unit.passage.section, file: top.unit.passage.file }];
    const excerpt = this.excerpt(top.unit, text);
    const margin = second ? Math.min(1, (top.score - second.score) / top.score + 0.5) : 1;
    return {
      intent: guess.intent === 'certificate_info' || e.levels.length ? 'certificate_info' : 'policy',
      text: excerpt + citation(sources),
      sources,
      confidence: Math.round(Math.min(1, top.coverage * margin) * 100) / 100,
      abstained: false,
    };
  }

  /**
   * The part of a unit worth showing: a list's introduction brings its items along
   * (“提交如下材料：” → the materials); a long unit shrinks to its label and the sentences
   * that contain the question's words.
   */
  private excerpt(unit: Unit, question: string): string {
    const MAX = 240;
    let body = unit.text;
    if (/[：:]$/.test(body)) {
      const units = this.index.units;
      for (let i = unit.position + 1; i < units.length && units[i]!.passage === unit.passage && body.length < MAX; i++) body += '\n' + units[i]!.text;
    }
    if (body.length <= MAX) return body;
    const words = tokens(question).filter((t) => t.length >= 2);
    const label = /^[^：:]{2,40}[：:]/.exec(body)?.[0] ?? '';
    const parts = sentences(body.slice(label.length));
    const scored = parts.map((p, i) => ({ p, i, n: words.filter((w) => p.includes(w)).length })).filter((x) => x.n > 0);
    scored.sort((a, b) => b.n - a.n || a.i - b.i);
    let out = '';
    for (const x of scored.slice(0, 3).sort((a, b) => a.i - b.i)) if ((label + out + x.p).length <= MAX) out += (out ? ' ' : '') + x.p;
    return out ? label + out : body.slice(0, MAX) + '…';
  }

  private contacts(provinces: SnapshotProvince[], e: Entities, text: string): Answer {
    const s = this.snapshot;
    const explicitLead = LEAD_ROLE.test(text) || (/负责人/.test(text) && !MANAGER_ROLE.test(text) && !e.topics.length);
    const explicitManager = MANAGER_ROLE.test(text);
    const managerTopics = e.topics.filter((t) => t.routeTo === 'region_manager');
    const leadTopics = e.topics.filter((t) => t.routeTo === 'province_lead');
    const showLeads = explicitLead || leadTopics.length > 0 || (!explicitManager && !managerTopics.length);
    const showManager = explicitManager || managerTopics.length > 0 || (!explicitLead && !leadTopics.length);
    const lines: string[] = [];
    const sections = new Set<string>();
    for (const p of provinces.slice(0, 3)) {
      const region = regionOf(s, p);
      const managers = region ? managersOf(s, region.code) : [];
      const leads = leadsOf(s, p);
      const parts: string[] = [];
      if (showLeads || (!showManager && !managers.length)) {
        parts.push(`· 省区负责人（${leadTopics.map((t) => t.topic).join('、') || LEAD_DUTIES}）：${leads.map(person).join('；') || '暂无'}`);
        sections.add('博导股份全国各省区域负责人');
      }
      if (showManager && region) {
        const topicNote = managerTopics.map((t) => t.topic).join('、') || MANAGER_DUTIES;
        parts.push(`· ${region.name}区域管家（${topicNote}）：${managers.map(person).join('；') || '暂无'}`);
        sections.add('博导股份1+X项目管理办公室联系人');
      }
      lines.push(`${p.name}（${region?.name ?? ''}）${e.topics.length ? e.topics.map((t) => t.topic).join('、') + '问题' : ''}请联系：\n${parts.join('\n')}`);
    }
    if (!e.topics.length && showLeads && showManager) lines.push(`（${MANAGER_DUTIES}找区域管家；${LEAD_DUTIES}找省区负责人。）`);
    const sources = directorySources(s, [...sections]);
    return { intent: 'contact_lookup', text: lines.join('\n') + citation(sources), sources, confidence: 0.95, abstained: false };
  }

  private regionInfo(e: Entities): Answer {
    const s = this.snapshot;
    const lines = e.regions.map((r) => {
      const names = s.provinces.filter((p) => p.regionCode === r.code).map((p) => p.name);
      return `${r.name}包括：${names.join('、')}（共${names.length}个省区）。`;
    });
    const sources = directorySources(s, ['博导股份1+X项目管理办公室联系人']);
    return { intent: 'region_info', text: lines.join('\n') + citation(sources), sources, confidence: 0.95, abstained: false };
  }

  private regionManager(e: Entities): Answer {
    const s = this.snapshot;
    const lines = e.regions.map((r) => `${r.name}区域管家：${managersOf(s, r.code).map(person).join('；') || '暂无'}（负责${MANAGER_DUTIES}对接）。`);
    const sources = directorySources(s, ['博导股份1+X项目管理办公室联系人']);
    return { intent: 'contact_lookup', text: lines.join('\n') + citation(sources), sources, confidence: 0.95, abstained: false };
  }

  private uncovered(names: string[]): Answer {
    const sources = directorySources(this.snapshot, ['博导股份全国各省区域负责人']);
    return {
      intent: 'uncovered_region',
      text: `${names.join('、')}不在目前的省区负责人名单覆盖范围内（名单覆盖内地31个省、自治区、直辖市），我无法为您指定对接人。建议通过客服微信或官方渠道咨询：${officialChannelsLine(this.snapshot)}。` + citation(sources),
      sources,
      confidence: 0.9,
      abstained: false,
    };
  }

  private askProvince(e: Entities): Answer {
    const topic = e.topics.map((t) => t.topic).join('、');
    return {
      intent: 'contact_lookup',
      text: `请告诉我学校所在的省份（例如“山东${topic ? topic : '考试组织'}找谁”），我来帮您找对接人。${MANAGER_DUTIES}找区域管家；${LEAD_DUTIES}找省区负责人。在群里发送“绑定 省份 学校名称”后，本群提问就不用再说省份了。`,
      sources: [],
      confidence: 0.6,
      abstained: false,
    };
  }

  private exams(e: Entities, now: Date): Answer {
    const s = this.snapshot;
    const today = todayIn(this.options.timeZone, now);
    const src: Source[] = [];
    const cite = (list: typeof s.exams) => {
      for (const x of list) src.push({ document: x.source.includes('seeds/000') ? s.examsSource.document : x.source, section: x.source.includes('seeds/000') ? s.examsSource.section : undefined, file: x.source });
    };
    if (e.year) {
      const list = s.exams.filter((x) => x.year === e.year);
      if (!list.length) {
        return { intent: 'exam_schedule', text: `目前没有查到${e.year}年的考试安排。请关注官方渠道：${officialChannelsLine(s)}。`, sources: [], confidence: 0.7, abstained: false };
      }
      cite(list);
      const upcoming = list.filter((x) => isUpcoming(x, today));
      const months = list.map((x) => (x.date ? x.date : `${x.month}月`)).join('、');
      const tail = upcoming.length ? `其中尚未举行的：${upcoming.map(examLabel).join('、')}。` : '这些场次均已结束。';
      return { intent: 'exam_schedule', text: `${e.year}年全国统考安排在：${months}（每次组织一次全国统考）。${tail}` + citation(src.slice(0, 1)), sources: src.slice(0, 1), confidence: 0.9, abstained: false };
    }
    const upcoming = s.exams.filter((x) => isUpcoming(x, today));
    if (upcoming.length) {
      const next = upcoming[0]!;
      cite([next]);
      return { intent: 'exam_schedule', text: `下一次考试：${examLabel(next)}${next.title ? '（' + next.title + '）' : ''}。具体日期和报名以考点通知为准。` + citation(src), sources: src, confidence: 0.9, abstained: false };
    }
    const last = s.exams[s.exams.length - 1];
    return {
      intent: 'exam_schedule',
      text: `目前还没有发布新的考试安排${last ? `（已发布的最近一场是${examLabel(last)}，已经结束）` : ''}。请关注官方渠道获取最新考试时间：${officialChannelsLine(s)}。`,
      sources: [],
      confidence: 0.85,
      abstained: false,
    };
  }

  private reporting(): Answer {
    const days = this.snapshot.reportDueDays.map((d) => `${d}日`).join('、');
    const passage = this.snapshot.passages.find((p) => p.body.includes('双周报送'));
    const sources: Source[] = passage ? [{ document: passage.document, section: passage.section, file: passage.file }] : [];
    return {
      intent: 'reporting',
      text: `试点工作动态实行双周报送：每月${days}前报送工作进展。在已绑定学校的群里发送“进展：所处阶段，已培训X人，报名X人，通过X人，培训教师X名，问题：…”即可提交，同一期再次发送会更新；也可在小程序“进展”页填写。` + citation(sources),
      sources,
      confidence: 0.9,
      abstained: false,
    };
  }

  private greeting(): Answer {
    return { intent: 'greeting', text: '您好！我是1+X联络助手，可以帮您查对接人、考试安排、申报条件和政策要求。请直接提问，例如“山东考试组织找谁”。', sources: [], confidence: 0.9, abstained: false };
  }

  private help(): Answer {
    return {
      intent: 'help',
      text: '我可以帮您：\n1. 查对接人：如“山东考试找谁”“广州校企合作联系谁”\n2. 查考试安排：如“下次考试什么时候”\n3. 查申报条件和要求：如“考核站点需要什么条件”\n4. 报送进展：在已绑定的群里发“进展：……”\n5. 群绑定：群主发送“绑定 省份 学校名称”',
      sources: [],
      confidence: 1,
      abstained: false,
    };
  }

  private notices(): Answer {
    return { intent: 'notices', text: `最新通知请在小程序“通知”页查看，也会推送到已绑定的群。官方渠道：${officialChannelsLine(this.snapshot)}。`, sources: [], confidence: 0.8, abstained: false };
  }
}
