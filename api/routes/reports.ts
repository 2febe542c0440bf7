import Router from '@koa/router';
import { z } from 'zod';
import { getCollege } from '../colleges/repository.js';
import { regionOfProvince } from '../contacts/repository.js';
import { requireRole } from '../http/auth.js';
import { assertRegion, regionFilter } from '../http/scope.js';
import { auditChange } from '../audit/record.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import { reportsCsv, reportsXlsx } from '../reports/export.js';
import { reportBody, type ReportBody } from '../reports/schema.js';
import { getReport, listReports, missingColleges } from '../reports/repository.js';
import { periodOrCurrent, submitReport } from '../reports/service.js';
import type { Services } from '../services.js';

/** The filters of report lists, exports and digests. */
export const reportFilters = z.object({ period: z.string().optional(), region: z.string().max(20).optional(), province: z.string().regex(/^\d{2}$/).optional() });

/** Reports and their export: staff see their scope; a college contact files its own college's. */
export function reportRoutes(services: Pick<Services, 'db' | 'signer' | 'clock' | 'config'>): Router {
  const { db, signer, clock } = services;
  const router = new Router({ prefix: '/api' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  const periodOf = (id?: string) => periodOrCurrent(services, id);

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

  router.get('/reports', staff, async (ctx) => {
    const q = parse(reportFilters, ctx.query);
    const region = regionFilter(ctx.state.account, q.region);
    const reports = await listReports(db, { periodId: q.period, regionCode: region, provinceCode: q.province });
    // With a period: the colleges that have not reported for it too.
    const missing = q.period ? (await missingColleges(db, periodOf(q.period).id, region)).filter((m) => !q.province || m.provinceCode === q.province) : undefined;
    ctx.body = { reports, ...(missing ? { missing } : {}) };
  });

  router.get('/reports/export', staff, async (ctx) => {
    const q = parse(reportFilters.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }), ctx.query);
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

  return router;
}
