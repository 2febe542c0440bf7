import Router from '@koa/router';
import { requireRole } from '../http/auth.js';
import { listDeliveries } from '../delivery/repository.js';
import { countOpenByRegion } from '../questions/repository.js';
import { unreachableColleges, collegesWithSeveralGroups } from '../groups/repository.js';
import { digestRoute } from '../reports/digest-delivery.js';
import { listReports } from '../reports/repository.js';
import { countCollegesByRegion } from '../colleges/repository.js';
import { listRegions } from '../contacts/repository.js';
import { calendarOf } from '../reports/service.js';
import type { Services } from '../services.js';
import { isAdmin, regionFilter } from '../http/scope.js';

/** The console's first page: report status by region for this and the last period, open questions, failing deliveries. */
export function adminDashboardRoutes(services: Services): Router {
  const { db, signer, clock } = services;
  const router = new Router({ prefix: '/api/admin' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  router.get('/dashboard', staff, async (ctx) => {
    const account = ctx.state.account!;
    const calendar = calendarOf(services);
    const current = calendar.current(clock());
    const scope = regionFilter(account);
    const colleges = await countCollegesByRegion(db);
    const regions = (await listRegions(db)).filter((r) => !scope || r.code === scope);
    const open = await countOpenByRegion(db);
    const statusOf = async (period: ReturnType<typeof calendar.current>) => {
      const reports = await listReports(db, { periodId: period.id, regionCode: scope });
      return {
        id: period.id,
        dueAt: period.dueAt,
        regions: regions.map((r) => {
          const total = colleges[r.code] ?? 0;
          const mine = reports.filter((x) => x.regionCode === r.code);
          return { code: r.code, name: r.name, colleges: total, reported: mine.length, late: mine.filter((x) => x.late).length, missing: total - mine.length };
        }),
      };
    };
    const unreachable = await unreachableColleges(db, scope);
    const undeliverable = await Promise.all(
      regions.map(async (r) => ({
        code: r.code,
        name: r.name,
        unreachableColleges: unreachable.filter((c) => c.regionCode === r.code).map((c) => c.name),
        digestMissing: (await digestRoute(db, r.code, services.config.DIGEST_CHANNEL)).missing,
      })),
    );
    ctx.body = {
      periods: [await statusOf(current), await statusOf(calendar.previous(current))],
      // Questions with no province are the admins' to answer ('unassigned').
      openQuestions: { ...Object.fromEntries(regions.map((r) => [r.code, open[r.code] ?? 0])), ...(scope ? {} : { unassigned: open.unknown ?? 0 }) },
      undeliverable,
      // A college bound to more than one chat group: any of them can file its reports (M7).
      severalGroups: await collegesWithSeveralGroups(db, scope),
      failingDeliveries: isAdmin(account) ? await listDeliveries(db, { status: 'failed', limit: 20 }) : [],
    };
  });

  return router;
}
