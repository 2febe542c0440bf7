import Router from '@koa/router';
import { z } from 'zod';
import type { Account } from '../accounts/repository.js';
import { auditChange } from '../audit/record.js';
import { regionOfProvince } from '../contacts/repository.js';
import { answerDeliveries } from '../delivery/repository.js';
import { requireRole } from '../http/auth.js';
import { notFound } from '../http/errors.js';
import { id } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import { assertAdmin, assertRegion, regionFilter } from '../http/scope.js';
import { createEntry } from '../knowledge/repository.js';
import { ANSWER_ROUTES, answerAndSendBack } from '../questions/follow-up.js';
import { getQuestion, listQuestions, markHandled, type QuestionRecord } from '../questions/repository.js';
import type { Services } from '../services.js';
import { STAFF_ANSWERS } from '../../knowledge/engine/assistant.js';

/**
 * Console: the questions log's open questions. A question belongs to the region of the province
 * it was asked for (one with no province to admins); staff answer it (sent back to the asker
 * through the outbox) or mark it handled.
 */
export function adminQuestionRoutes(services: Pick<Services, 'db' | 'signer' | 'config'>): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');
  const who = (ctx: { state: { account?: { username: string | null; id: number } } }) => ctx.state.account!.username ?? `account:${ctx.state.account!.id}`;
  /** A question belongs to the region of the province it was asked for; one with no province to admins. */
  const questionInScope = async (account: Account | undefined, questionId: number): Promise<QuestionRecord> => {
    const question = await getQuestion(db, questionId);
    if (!question) throw notFound('问题不存在');
    assertRegion(account, await regionOfProvince(db, question.provinceCode));
    return question;
  };

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
      const entry = await createEntry(db, { kind: 'faq', title: question.question.slice(0, 120), body: body.answer, sourceDocument: STAFF_ANSWERS, section: question.question.slice(0, 60) });
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
