import Router from '@koa/router';
import { z } from 'zod';
import { getCollege } from '../colleges/repository.js';
import { regionOfProvince } from '../contacts/repository.js';
import { requireRole } from '../http/auth.js';
import { assertRegion, regionFilter } from '../http/scope.js';
import { auditChange } from '../audit/record.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { localDate } from '../clock.js';
import { buildDigest } from '../reports/digest.js';
import { sendDigestNow } from '../reports/digest-delivery.js';
import { reportsCsv, reportsXlsx } from '../reports/export.js';
import { reportBody, type ReportBody } from '../reports/schema.js';
import { getReport, listReports, missingColleges, periodCounts } from '../reports/repository.js';
import { calendarOf, submitReport } from '../reports/service.js';
import type { Services } from '../services.js';

/** Reports, exports, digests and periods: staff see their scope; a college contact its own college. */
export function reportRoutes(services: Services): Router {
  const { db, signer, clock } = services;
  const router = new Router({ prefix: '/api' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  const periodOf = (id?: string) => {
    const calendar = calendarOf(services);
    if (!id) return calendar.current(clock());
    const p = calendar.parse(id);
    if (!p) throw badRequest('期次格式不正确，例如 2026-11-a');
    return p;
  };
  const filters = z.object({ period: z.string().optional(), region: z.string().max(20).optional(), province: z.string().regex(/^\d{2}$/).optional() });

  router.get('/periods/current', (ctx) => {
    const calendar = calendarOf(services);
    const current = calendar.current(clock());
    ctx.body = { current, previous: calendar.previous(current) };
  });

  router.post('/reports', requireRole(db, signer, 'admin', 'region_manager', 'college_contact'), async (ctx) => {
    const body = parse(reportBody.extend({ collegeId: z.number().int().positive().optional() }), ctx.request.body) as ReportBody & { collegeId?: number };
    const account = ctx.state.account!;
    const collegeId = account.role === 'college_contact' ? account.collegeId : body.collegeId;
    if (!collegeId) throw badRequest('请指定院校');
    if (account.role === 'college_contact' && body.collegeId && body.collegeId !== account.collegeId) throw forbidden('只能为本校报送');
    const college = await getCollege(db, collegeId);
    if (!college) throw notFound('院校不存在');
    if (account.role !== 'college_contact') assertRegion(account, await regionOfProvince(db, college.provinceCode));
    const { report, updated } = await submitReport(services, { ...body, collegeId, channel: 'api', submittedBy: `account:${account.id}` });
    if (account.role !== 'college_contact') await auditChange(db, ctx, { action: updated ? 'report.update' : 'report.create', entity: 'report', entityId: report.id, after: report });
    ctx.status = updated ? 200 : 201;
    ctx.body = { report, updated };
  });

  /** The last year of periods, newest first, with how many reports (and late ones) each has in the account's scope. */
  router.get('/periods', staff, async (ctx) => {
    const q = parse(z.object({ region: z.string().max(20).optional(), count: z.coerce.number().int().min(1).max(48).default(24) }), ctx.query);
    const calendar = calendarOf(services);
    const current = calendar.current(clock());
    const periods = [current];
    while (periods.length < q.count) periods.push(calendar.previous(periods[periods.length - 1]!));
    const counts = await periodCounts(db, periods.map((p) => p.id), regionFilter(ctx.state.account, q.region));
    ctx.body = {
      current,
      previous: periods[1],
      periods: periods.map((p) => ({ id: p.id, dueAt: p.dueAt, reported: counts.get(p.id)?.reported ?? 0, late: counts.get(p.id)?.late ?? 0 })),
    };
  });

  router.get('/reports', staff, async (ctx) => {
    const q = parse(filters, ctx.query);
    const region = regionFilter(ctx.state.account, q.region);
    const reports = await listReports(db, { periodId: q.period, regionCode: region, provinceCode: q.province });
    // With a period: the colleges that have not reported for it too.
    const missing = q.period ? (await missingColleges(db, periodOf(q.period).id, region)).filter((m) => !q.province || m.provinceCode === q.province) : undefined;
    ctx.body = { reports, ...(missing ? { missing } : {}) };
  });

  router.get('/reports/export', staff, async (ctx) => {
    const q = parse(filters.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }), ctx.query);
    const period = periodOf(q.period);
    const region = regionFilter(ctx.state.account, q.region);
    const reports = await listReports(db, { periodId: period.id, regionCode: region });
    const options = { periodId: period.id, missing: await missingColleges(db, period.id, region), timeZone: services.config.TIMEZONE };
    const name = `reports-${period.id}${region ? '-' + region : ''}.${q.format}`;
    ctx.set('Content-Disposition', `attachment; filename="${name}"`);
    ctx.type = q.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    ctx.body = q.format === 'xlsx' ? await reportsXlsx(reports, options) : await reportsCsv(reports, options);
  });

  router.get('/reports/:id', staff, async (ctx) => {
    const report = await getReport(db, parse(z.coerce.number().int().positive(), ctx.params.id));
    if (!report) throw notFound('报送不存在');
    assertRegion(ctx.state.account, report.regionCode);
    ctx.body = { report };
  });

  router.get('/digests', staff, async (ctx) => {
    const q = parse(filters, ctx.query);
    const region = regionFilter(ctx.state.account, q.region);
    if (!region) throw badRequest('请指定区域，例如 ?region=huadong');
    const digest = await buildDigest(db, region, periodOf(q.period), localDate(services.config.TIMEZONE, clock()));
    if (!digest) throw notFound('区域不存在');
    ctx.body = { digest };
  });

  /** 发送测试: send the region's digest now through the outbox and report what happened. */
  router.post('/admin/digests/test', staff, async (ctx) => {
    const { region } = parse(z.object({ region: z.string().trim().min(1).max(20) }), ctx.request.body);
    const result = await sendDigestNow(services, regionFilter(ctx.state.account, region)!);
    if (!result) throw notFound('区域不存在');
    await auditChange(db, ctx, { action: 'digest.test', entity: 'region', entityId: region, after: { deliveries: result.deliveries.length } });
    ctx.body = result;
  });

  return router;
}
