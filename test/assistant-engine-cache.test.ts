import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, seededDb, type TestDb } from './support/db.js';
import { AssistantService } from '../api/assistant/service.js';
import { testConfig } from '../api/config.js';
import { loadFacts } from '../knowledge/facts.js';
import { createEntry } from '../api/knowledge/repository.js';
import { cacheKey, snapshotText, writeCachedAssistant } from '../api/assistant/engine-cache.js';
import { loadSnapshot } from '../api/assistant/snapshot.js';
import { AnswerEngine } from '../knowledge/engine/assistant.js';
import { faqWaysOfAsking, IntentClassifier } from '../knowledge/engine/intents.js';
import { parseEvalFile } from '../knowledge/evaluation.js';

/**
 * The assistant's slow parts kept between starts (api/assistant/engine-cache.ts): an engine made
 * from kept parts answers exactly as the one that was built, and kept parts are used only for
 * the very snapshot they were built from.
 */
const QUESTIONS = ['dev.jsonl', 'tuning-ninth.jsonl'].flatMap((f) => parseEvalFile(readFileSync(path.resolve('knowledge/eval', f), 'utf8')).map((c) => c.q));
const config = testConfig({ ADMIN_PASSWORD: 'cache-test-admin-pass' });
const facts = loadFacts();
const clock = () => new Date('2026-11-20T02:00:00Z');
const log = pino({ level: 'silent' });

describe('a service start', () => {
  it('keeps the parts it built, and the next start over the same data reads them', async () => {
    const db = await seededDb(backends[0]!);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'onex-engine-cache-'));
    try {
      // the first engine of this process (this test runs first): its segmenter is a fresh one
      const built = await AssistantService.create(db, facts, config, clock, log, { read: [dir], write: dir });
      expect(built.partsKept).toBe(false);
      expect(readdirSync(dir).filter((f) => f.endsWith('.v8'))).toHaveLength(1);
      const again = await AssistantService.create(db, facts, config, clock, log, { read: [dir], write: dir });
      expect(again.partsKept).toBe(true);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(backends)('kept assistant parts on $name', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await seededDb(backend);
    dir = mkdtempSync(path.join(os.tmpdir(), 'onex-engine-cache-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const answers = (a: AssistantService) => QUESTIONS.map((q) => a.answerUncached({ text: q, channel: 'cli' }));

  /** Build an engine over the database's snapshot as a start does, and keep its parts in `into`. */
  async function keepParts(into: string): Promise<string> {
    const snapshot = await loadSnapshot(db, facts, config.REPORT_DUE_DAYS);
    const classifier = new IntentClassifier(faqWaysOfAsking(snapshot.passages));
    const engine = new AnswerEngine(snapshot, classifier, { timeZone: config.TIMEZONE, now: clock });
    const key = cacheKey(snapshot);
    writeCachedAssistant(into, key, { passages: snapshot.passages, classifier, parts: engine.parts });
    return key;
  }

  it('an engine from kept parts answers every dev question exactly as one built anew', async () => {
    await keepParts(dir);
    const kept = await AssistantService.create(db, facts, config, clock, log, { read: [dir] });
    expect(kept.partsKept).toBe(true);
    const built = await AssistantService.create(db, facts, config, clock, log);
    expect(built.partsKept).toBe(false);
    expect(QUESTIONS.length).toBeGreaterThan(100);
    expect(answers(kept)).toEqual(answers(built));
    expect(kept.passageUnits).toBe(built.passageUnits);
  });

  it('an unreadable file is ignored, with a warning: the parts are built', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'onex-engine-cache-'));
    try {
      const key = cacheKey(await loadSnapshot(db, facts, config.REPORT_DUE_DAYS));
      writeFileSync(path.join(other, `assistant-${key}.v8`), 'not a serialized engine');
      const warnings: string[] = [];
      const warnLog = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
      const a = await AssistantService.create(db, facts, config, clock, warnLog, { read: [other] });
      expect(a.partsKept).toBe(false);
      expect(warnings.join('\n')).toContain('unreadable');
      expect(a.answerUncached({ text: '考试时间是什么时候', channel: 'cli' }).text.length).toBeGreaterThan(0);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('parts kept for another snapshot are not used', async () => {
    await keepParts(dir);
    await createEntry(db, { kind: 'operator', title: '缓存测试的问题', body: '缓存测试的答复：这是新的一段。', sourceDocument: '工作人员答复' });
    const after = await AssistantService.create(db, facts, config, clock, log, { read: [dir] });
    expect(after.partsKept).toBe(false);
  });
});

describe('the key of kept parts', () => {
  it('is the same for the same data on every back end (a PostgreSQL first start finds the parts build.mjs made from PGlite)', async () => {
    const keys: string[] = [];
    for (const backend of [...backends, backends[0]!]) {
      const db = await seededDb(backend);
      try {
        keys.push(cacheKey(await loadSnapshot(db, facts, config.REPORT_DUE_DAYS)));
      } finally {
        await db.close();
      }
    }
    expect(new Set(keys).size).toBe(1);
  });

  it('tells apart what JSON alone would not', () => {
    const texts = [{}, { a: undefined }, { a: null }, { a: [undefined] }, { a: [null] }, { a: NaN }, { a: new Map([[1, 2]]) }, { a: {} }, { a: new Set([1]) }, { a: [1] }, { a: new Date(0) }, { a: '1970-01-01T00:00:00.000Z' }].map(snapshotText);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('keeping engine parts', () => {
  it('refuses an object of a class it cannot give back', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'onex-engine-cache-'));
    try {
      class Unknown {
        x = 1;
      }
      const parts = { index: new Unknown(), asked: new Unknown() } as never;
      expect(() => writeCachedAssistant(dir, 'k', { passages: [], classifier: new Unknown() as never, parts })).toThrow(/Unknown/);
      expect(existsSync(path.join(dir, 'assistant-k.v8'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
