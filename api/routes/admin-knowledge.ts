import Router from '@koa/router';
import { z } from 'zod';
import { requireRole } from '../http/auth.js';
import { readRawBody } from '../http/body.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { archiveEntry, createEntry, insertPassages, knowledgeDocuments, pageEntries, updateEntry } from '../knowledge/repository.js';
import { getQuestion, listQuestions, markHandled, type QuestionRecord } from '../questions/repository.js';
import { answerDeliveries } from '../delivery/repository.js';
import { ANSWER_ROUTES, answerAndSendBack } from '../questions/follow-up.js';
import { regionOfProvince } from '../contacts/repository.js';
import { auditChange } from '../audit/record.js';
import { assertAdmin, assertRegion, regionFilter } from '../http/scope.js';
import type { Account } from '../accounts/repository.js';
import { DocumentLimitError, ingestDocument } from '../../knowledge/ingest.js';
import type { Services } from '../services.js';

const UPLOAD_LIMIT = 5 * 1024 * 1024;
const id = z.coerce.number().int().positive();

/**
 * Console endpoints for the knowledge base and the open questions. Knowledge is
 * shared by all regions: everyone on staff reads it, admins change it. Every change rebuilds the
 * assistant's index at once.
 */
export function adminKnowledgeRoutes(services: Services): Router {
  const { db, signer, assistant } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');
  const adminOnly = requireRole(db, signer, 'admin');
  const who = (ctx: { state: { account?: { username: string | null; id: number } } }) => ctx.state.account!.username ?? `account:${ctx.state.account!.id}`;
  /** A question belongs to the region of the province it was asked for; one with no province to admins. */
  const questionInScope = async (account: Account | undefined, questionId: number): Promise<QuestionRecord> => {
    const question = await getQuestion(db, questionId);
    if (!question) throw notFound('问题不存在');
    assertRegion(account, await regionOfProvince(db, question.provinceCode));
    return question;
  };

  router.get('/knowledge', staff, async (ctx) => {
    const query = parse(
      z.object({
        q: z.string().trim().max(50).optional(),
        document: z.string().trim().max(200).optional(),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(200).default(100),
      }),
      ctx.query,
    );
    const { entries, total } = await pageEntries(db, { q: query.q || undefined, document: query.document || undefined, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
    ctx.body = { entries, total, page: query.page, pageSize: query.pageSize, documents: await knowledgeDocuments(db), units: assistant.passageUnits };
  });

  router.post('/knowledge', adminOnly, async (ctx) => {
    const body = parse(
      z.object({ title: z.string().trim().min(1).max(120), body: z.string().trim().min(1).max(5000), sourceDocument: z.string().trim().min(2).max(200), section: z.string().trim().max(120).optional() }),
      ctx.request.body,
    );
    const entry = await createEntry(db, { kind: 'operator', ...body, section: body.section ?? body.title });
    await auditChange(db, ctx, { action: 'knowledge.create', entity: 'knowledge', entityId: entry.id, after: entry });
    ctx.status = 201;
    ctx.body = { entry };
  });

  router.patch('/knowledge/:id', adminOnly, async (ctx) => {
    const patch = parse(z.object({ title: z.string().trim().min(1).max(120).optional(), body: z.string().trim().min(1).max(5000).optional(), section: z.string().trim().max(120).optional() }), ctx.request.body);
    const entry = await updateEntry(db, parse(id, ctx.params.id), patch);
    if (!entry) throw notFound('条目不存在');
    await auditChange(db, ctx, { action: 'knowledge.update', entity: 'knowledge', entityId: entry.id, after: entry });
    ctx.body = { entry };
  });

  router.delete('/knowledge/:id', adminOnly, async (ctx) => {
    const entryId = parse(id, ctx.params.id);
    if (!(await archiveEntry(db, entryId))) throw notFound('条目不存在');
    await auditChange(db, ctx, { action: 'knowledge.archive', entity: 'knowledge', entityId: entryId });
    ctx.body = { ok: true };
  });

  /** Upload a .docx, .md or .txt document: raw bytes, ?filename=…&title=… */
  router.post('/knowledge/upload', adminOnly, async (ctx) => {
    const q = parse(z.object({ filename: z.string().trim().regex(/\.(docx|md|txt)$/i, '支持 .docx、.md、.txt').max(200), title: z.string().trim().max(200).optional() }), ctx.query);
    const content = await readRawBody(ctx, UPLOAD_LIMIT);
    if (!content.length) throw badRequest('文件为空');
    let passages;
    try {
      passages = await ingestDocument(q.filename, content, q.title);
    } catch (err) {
      if (err instanceof DocumentLimitError) throw new AppError(413, err.code, err.message);
      throw badRequest(`无法读取文件：${(err as Error).message}`);
    }
    if (!passages.length) throw badRequest('文件中没有可用的文字内容');
    await insertPassages(db, passages);
    await auditChange(db, ctx, { action: 'knowledge.upload', entity: 'knowledge', after: { filename: q.filename, title: q.title, passages: passages.length } });
    ctx.status = 201;
    ctx.body = { passages: passages.length, units: assistant.passageUnits };
  });

  router.post('/knowledge/rebuild', adminOnly, async (ctx) => {
    await assistant.refresh();
    ctx.body = { units: assistant.passageUnits };
  });

  router.get('/questions', staff, async (ctx) => {
    const { status } = parse(z.object({ status: z.enum(['logged', 'open', 'answered', 'handled']).optional() }), ctx.query);
    const questions = await listQuestions(db, { status, regionCode: regionFilter(ctx.state.account) });
    const deliveries = await answerDeliveries(db, questions.filter((q) => q.status === 'answered').map((q) => q.id));
    ctx.body = {
      questions: questions.map((q) => ({ ...q, canReply: !!(q.conversationId && ANSWER_ROUTES[q.channel]), followUp: deliveries.filter((d) => d.questionId === q.id) })),
    };
  });

  router.post('/questions/:id/answer', staff, async (ctx) => {
    const body = parse(z.object({ answer: z.string().trim().min(1).max(2000), toKnowledge: z.boolean().optional() }), ctx.request.body);
    const questionId = parse(id, ctx.params.id);
    // Knowledge is served to every region at full confidence: only an admin may create it.
    if (body.toKnowledge) assertAdmin(ctx.state.account, '只有管理员可以把答复加入知识库');
    const question = await questionInScope(ctx.state.account, questionId);
    const account = ctx.state.account!;
    const { question: updated } = await answerAndSendBack(
      { db, answerTemplateId: services.config.MINIAPP_ANSWER_TEMPLATE_ID },
      questionId,
      body.answer,
      { id: who(ctx), name: account.displayName ?? account.username ?? '工作人员' },
    );
    await auditChange(db, ctx, { action: 'question.answer', entity: 'question', entityId: questionId, before: { status: question.status, answer: question.answer }, after: { status: updated?.status, answer: body.answer } });
    if (body.toKnowledge) {
      // The section is public (answers cite it): it names the question, not the account.
      const entry = await createEntry(db, { kind: 'faq', title: question.question.slice(0, 120), body: body.answer, sourceDocument: '工作人员答复', section: question.question.slice(0, 60) });
      await auditChange(db, ctx, { action: 'knowledge.create', entity: 'knowledge', entityId: entry.id, after: entry });
      }
    ctx.body = { question: updated, followUp: await answerDeliveries(db, [questionId]) };
  });

  router.post('/questions/:id/handled', staff, async (ctx) => {
    const questionId = parse(id, ctx.params.id);
    const before = await questionInScope(ctx.state.account, questionId);
    const q = await markHandled(db, questionId, who(ctx));
    if (!q) throw notFound('问题不存在');
    await auditChange(db, ctx, { action: 'question.handled', entity: 'question', entityId: questionId, before: { status: before.status }, after: { status: q.status } });
    ctx.body = { question: q };
  });

  return router;
}
