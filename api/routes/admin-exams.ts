import Router from '@koa/router';
import { z } from 'zod';
import { auditChange } from '../audit/record.js';
import { archiveExam, createExam, listExams } from '../exams/repository.js';
import { requireRole } from '../http/auth.js';
import { badRequest, notFound } from '../http/errors.js';
import { id } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';

/** Console: exam sessions (national: every staff account reads them, admins change them). */
export function adminExamRoutes(services: Pick<Services, 'db' | 'signer'>): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');
  const adminOnly = requireRole(db, signer, 'admin');

  router.get('/exams', staff, async (ctx) => {
    ctx.body = { exams: await listExams(db) };
  });

  router.post('/exams', adminOnly, async (ctx) => {
    const body = parse(
      z.object({
        year: z.number().int().min(2019).max(2100),
        month: z.number().int().min(1).max(12),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
        title: z.string().max(80).optional(),
        note: z.string().max(500).optional(),
        source: z.string().trim().min(2).max(200),
      }),
      ctx.request.body,
    );
    if (body.date && (Number(body.date.slice(0, 4)) !== body.year || Number(body.date.slice(5, 7)) !== body.month)) {
      throw badRequest('日期与年份、月份不一致');
    }
    const exam = await createExam(db, body);
    await auditChange(db, ctx, { action: 'exam.create', entity: 'exam', entityId: exam.id, after: exam });
    ctx.status = 201;
    ctx.body = { exam };
  });

  router.delete('/exams/:id', adminOnly, async (ctx) => {
    const examId = parse(id, ctx.params.id);
    if (!(await archiveExam(db, examId))) throw notFound('考试安排不存在');
    await auditChange(db, ctx, { action: 'exam.archive', entity: 'exam', entityId: examId });
    ctx.body = { ok: true };
  });

  return router;
}
