import Router from '@koa/router';
import { z } from 'zod';
import { requireRole } from '../http/auth.js';
import { readRawBody } from '../http/body.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import { id } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import { archiveEntry, createEntry, insertPassages, knowledgeDocuments, pageEntries, updateEntry } from '../knowledge/repository.js';
import { auditChange } from '../audit/record.js';
import { DocumentLimitError, ingestDocument } from '../../knowledge/ingest.js';
import type { Services } from '../services.js';

const UPLOAD_LIMIT = 5 * 1024 * 1024;

/**
 * Console endpoints for the knowledge base. Knowledge is shared by all regions: everyone on
 * staff reads it, admins change it. Every change raises the knowledge-change event, which
 * rebuilds the assistant's index (api/knowledge/changes.ts).
 */
export function adminKnowledgeRoutes(services: Services): Router {
  const { db, signer, assistant } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');
  const adminOnly = requireRole(db, signer, 'admin');

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

  return router;
}
