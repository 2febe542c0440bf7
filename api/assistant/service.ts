import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Facts } from '../../knowledge/facts.js';
import type { Answer, AskInput } from '../../knowledge/assistant/types.js';
import { AnswerEngine, type Trace } from '../../knowledge/engine/assistant.js';
import { faqWaysOfAsking, IntentClassifier } from '../../knowledge/engine/intents.js';
import { QuestionLog } from '../questions/log.js';
import type { NewQuestion } from '../questions/repository.js';
import { listNoticesFor } from '../notices/repository.js';
import { findGroup } from '../groups/repository.js';
import { regionOfProvince } from '../contacts/repository.js';
import { localDate } from '../clock.js';
import { REPLY_ADDRESSES, type AskMeta } from '../questions/follow-up.js';
import type { KnowledgeSnapshot } from '../../knowledge/engine/snapshot.js';
import { loadSnapshot } from './snapshot.js';
import { cacheKey, readCachedAssistant, writeCachedAssistant } from './engine-cache.js';
import { knowledgeVersion } from '../knowledge/repository.js';
import { onKnowledgeChange } from '../knowledge/changes.js';

/** Province code → "华东区区域管家王敏娜" (several managers joined with 、). */
function followUpPeople(snapshot: KnowledgeSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of snapshot.provinces) {
    const region = snapshot.regions.find((r) => r.code === p.regionCode);
    const managers = snapshot.contacts.filter((c) => c.role === 'region_manager' && c.regionCode === p.regionCode).map((c) => c.name);
    if (region && managers.length) out.set(p.code, `${region.name}区域管家${managers.join('、')}`);
  }
  return out;
}

/**
 * Background part: every minute, reload when the data changed (knowledgeVersion), so edits made
 * on another instance reach this one without rebuilding an unchanged index every minute.
 * (The instance that made an edit reloads at once.)
 */
export async function startAssistantRefresh(services: { assistant: AssistantService; log: Logger }): Promise<() => Promise<void>> {
  const timer = setInterval(() => {
    services.assistant.reloadIfChanged().catch((err) => services.log.warn({ err }, 'assistant reload failed'));
  }, 60_000);
  timer.unref();
  return async () => clearInterval(timer);
}

/** Answers kept per instance (see AssistantService.answerOnly): a few hundred KB at most. */
const ANSWER_CACHE_SIZE = 2000;

/** Below this confidence an answer is still given but also queued for a human to check. */
const REVIEW_BELOW = 0.5;

let sharedClassifier: IntentClassifier | undefined;
/** The snapshot key every engine of this process so far was built over (null: several, or unknown; see load). */
let builtOver: string | null | undefined;

/** Where kept engine parts are looked for, in order, and where a newly built one is kept. */
export interface EngineCacheDirs {
  read: string[];
  write?: string;
}

/**
 * The assistant as every channel sees it: answer (and record in the questions log), and reload
 * after operators change contacts, exams or knowledge. Reloads happen in the background of the
 * instance that made the edit; other instances pick changes up on their next reload tick.
 */
export class AssistantService {
  private engine!: AnswerEngine;
  /** Province code → who answers its declined questions, e.g. 华东区区域管家王敏娜. */
  private followUpBy = new Map<string, string>();
  /** Where answered questions are recorded (concurrent ones share one insert). */
  readonly questionLog: QuestionLog;

  private constructor(
    private readonly db: Db,
    private readonly facts: Facts,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.questionLog = new QuestionLog(db);
  }

  /** `cache`: where the slow parts of the engine are kept between starts (engine-cache.ts); none in tests. */
  static async create(db: Db, facts: Facts, config: Config, clock: Clock, log: Logger, cache?: EngineCacheDirs): Promise<AssistantService> {
    const service = new AssistantService(db, facts, config, clock, log);
    await service.load(cache);
    // Every knowledge change on this instance (api/knowledge/changes.ts) refreshes the answers.
    onKnowledgeChange(db, () => service.refresh().catch((err) => log.warn({ err }, 'assistant reload failed')));
    return service;
  }

  private reloading: Promise<void> | undefined;
  private reloadAgain: Promise<void> | undefined;

  /**
   * Reload after a change, coalesced: while a reload runs, every further change shares one more
   * reload after it (which sees them all), instead of one each.
   */
  refresh(): Promise<void> {
    if (!this.reloading) {
      this.reloading = this.reload().finally(() => (this.reloading = undefined));
      return this.reloading;
    }
    return (this.reloadAgain ??= this.reloading
      .catch(() => undefined)
      .then(() => {
        this.reloadAgain = undefined;
        return this.refresh();
      }));
  }

  /** Reload only when the data behind the snapshot changed since the last load. */
  async reloadIfChanged(): Promise<boolean> {
    if ((await knowledgeVersion(this.db)) === this.loadedVersion) return false;
    await this.reload();
    return true;
  }

  private loadedVersion: string | undefined;
  /** Whether the last load read the engine's slow parts from a file instead of building them. */
  partsKept = false;

  /** Rebuild the in-memory snapshot and index from the database. */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(cache?: EngineCacheDirs): Promise<void> {
    // Read the version first: a change made while loading makes the next check reload again.
    this.loadedVersion = await knowledgeVersion(this.db);
    let snapshot = await loadSnapshot(this.db, this.facts, this.config.REPORT_DUE_DAYS);
    const key = cache ? cacheKey(snapshot) : undefined;
    const kept = key ? readCachedAssistant(cache!.read, key, (err, file) => this.log.warn({ err, file }, 'kept assistant parts unreadable: building them')) : undefined;
    // the kept parts reference their own copies of the (equal) passages: the engine gets those
    if (kept) snapshot = { ...snapshot, passages: kept.passages };
    this.partsKept = Boolean(kept);
    // Kept only when every engine of this process so far was over this very snapshot: each one
    // extends the shared segmenter with its snapshot's names, which a fresh start would not have.
    const mayKeep = key !== undefined && (builtOver === undefined || builtOver === key);
    builtOver = mayKeep ? key : null;
    sharedClassifier ??= kept?.classifier ?? new IntentClassifier(faqWaysOfAsking(snapshot.passages));
    this.engine = new AnswerEngine(snapshot, sharedClassifier, { timeZone: this.config.TIMEZONE, now: this.clock }, kept?.parts);
    if (mayKeep && !kept && cache!.write) {
      try {
        writeCachedAssistant(cache!.write, key!, { passages: snapshot.passages, classifier: sharedClassifier, parts: this.engine.parts });
      } catch (err) {
        this.log.warn({ err }, 'could not keep the assistant parts (the next start builds them again)');
      }
    }
    this.followUpBy = followUpPeople(snapshot);
    this.answers.clear();
  }

  /** The engine's answer with what it rested on (fitting the document model, knowledge/cli/fit.ts). */
  trace(input: AskInput, trace: Trace): Answer {
    return this.engine.answer({ ...input, now: input.now ?? this.clock() }, trace);
  }

  /**
   * The same question asked again the same day (the popular ones are asked by many students) is
   * answered from memory: an answer depends only on the text, the group's province and college,
   * the local date and the knowledge snapshot, and the cache is emptied when the snapshot changes.
   */
  private readonly answers = new Map<string, Answer>();

  /** Answer without recording (benchmarks, previews). */
  answerOnly(input: AskInput, routeProvince = input.group?.provinceCode): Answer {
    const now = input.now ?? this.clock();
    const g = input.group;
    const key = [localDate(this.config.TIMEZONE, now), routeProvince ?? '', g?.provinceCode ?? '', g?.collegeId ?? '', g?.collegeName ?? '', input.text].join('\u0000');
    const known = this.answers.get(key);
    if (known) {
      // most recently used last: the oldest is the one dropped
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const answer = this.engine.answer({ ...input, now });
    const out = answer.abstained ? this.sayWhoAnswers(answer, routeProvince) : answer;
    this.answers.set(key, out);
    if (this.answers.size > ANSWER_CACHE_SIZE) this.answers.delete(this.answers.keys().next().value!);
    return out;
  }

  /**
   * The answer to an evaluation case: never from the cache, and never from having learned the
   * case itself as an example (knowledge/engine/asked.ts), so a tuning set measures what a new
   * wording of its questions would get.
   */
  answerForEvaluation(input: AskInput): Answer {
    const answer = this.engine.answer({ ...input, now: input.now ?? this.clock() }, { otherBest: 0, documents: [], leaveOut: true });
    return answer.abstained ? this.sayWhoAnswers(answer, input.group?.provinceCode) : answer;
  }

  /** Answer with the engine every time (the bench's figure for the engine itself). */
  answerUncached(input: AskInput): Answer {
    return this.engine.answer({ ...input, now: input.now ?? this.clock() });
  }

  /**
   * A declined question is routed to its region's 区域管家 (to the admins when no province is
   * known): the decline says who will answer.
   */
  private sayWhoAnswers(answer: Answer, provinceCode: string | null | undefined): Answer {
    const who = provinceCode ? this.followUpBy.get(provinceCode) : undefined;
    return who ? { ...answer, text: `${answer.text}\n已转给${who}。` } : answer;
  }

  /** The answer a real question would get, without recording it (the console's 问答测试). */
  async tryAnswer(input: AskInput): Promise<Answer> {
    const provinceCode = input.group?.provinceCode ?? null;
    return this.withLatestNotices(this.answerOnly(input, provinceCode), input, provinceCode);
  }

  /**
   * Answer and record the exchange; abstentions and unsure answers are left open for a human,
   * with what is needed to send that human's answer back (see questions/follow-up.ts).
   * `questionId` is the questions-log row (absent when it could not be written).
   */
  async answer(input: AskInput, meta: AskMeta = {}): Promise<Answer & { questionId?: number }> {
    const { answer, question } = await this.answerToRecord(input, meta);
    try {
      const questionId = await this.questionLog.append(question);
      return { ...answer, questionId };
    } catch (err) {
      // The user still gets the answer; the failure is visible in the logs.
      this.log.error({ err }, 'could not record the question');
    }
    return answer;
  }

  /**
   * The answer and the questions-log row that records the exchange, not stored yet: for a
   * channel that stores it with its own record of the message, by one statement (the WeCom
   * callback, with the MsgId's outcome); it must be stored before the answer is sent.
   */
  async answerToRecord(input: AskInput, meta: AskMeta = {}): Promise<{ answer: Answer; question: NewQuestion }> {
    const provinceCode = input.group?.provinceCode ?? meta.provinceCode ?? null;
    const answer = await this.withLatestNotices(this.answerOnly(input, provinceCode), input, provinceCode);
    const replyTo = REPLY_ADDRESSES[input.channel]?.(input, meta);
    const question: NewQuestion = {
      channel: input.channel,
      groupRef: input.group?.id ?? null,
      sender: input.from?.id ?? null,
      provinceCode,
      question: input.text.slice(0, 2000),
      reply: answer.text,
      intent: answer.intent,
      confidence: answer.confidence,
      abstained: answer.abstained,
      status: answer.abstained || answer.confidence < REVIEW_BELOW ? 'open' : 'logged',
      conversationId: replyTo?.conversationId ?? null,
      inGroup: replyTo?.inGroup ?? false,
      senderName: input.from?.name ?? null,
      accountId: replyTo?.accountId ?? meta.accountId ?? null,
    };
    return { answer, question };
  }

  /**
   * "最新通知": the engine knows where notices are; the latest ones come from the database —
   * only those meant for this asker (their group, province or region, or everyone).
   */
  private async withLatestNotices(answer: Answer, input: AskInput, provinceCode: string | null): Promise<Answer> {
    if (answer.intent !== 'notices') return answer;
    const group = input.group && (input.channel === 'wechaty' || input.channel === 'wecom') ? await findGroup(this.db, input.channel, input.group.id) : undefined;
    const notices = await listNoticesFor(
      this.db,
      { provinceCode, regionCode: (await regionOfProvince(this.db, provinceCode)) ?? null, groupId: group?.id ?? null, miniapp: input.channel === 'miniapp' },
      3,
    );
    if (!notices.length) return { ...answer, text: `目前还没有发布通知。${answer.text}` };
    const lines = notices.map((n) => `· ${n.title}（${n.publishedAt ? localDate(this.config.TIMEZONE, new Date(n.publishedAt)) : ''}）`);
    return { ...answer, text: `最新通知：\n${lines.join('\n')}\n详情请在小程序“通知”页查看。`, sources: [{ document: '1+X联络助手通知' }] };
  }

  /** Province code for a province, city or college name, if any. */
  resolveProvince(text: string): string | undefined {
    return this.engine.resolveProvince(text)?.code;
  }

  get passageUnits(): number {
    return this.engine.passageUnits;
  }
}
