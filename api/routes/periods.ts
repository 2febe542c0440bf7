import Router from '@koa/router';
import { z } from 'zod';
import { requireRole } from '../http/auth.js';
import { parse } from '../http/middleware.js';
import { regionFilter } from '../http/scope.js';
import { periodCounts } from '../reports/repository.js';
import { calendarOf } from '../reports/service.js';
import type { Services } from '../services.js';

/** The reporting calendar: the open and previous periods (public), and a year of periods with their counts (staff, in scope). */
export function periodRoutes(services: Pick<Services, 'db' | 'signer' | 'clock' | 'config'>): Router {
  const { db, signer, clock } = services;
  const router = new Router({ prefix: '/api' });
  const staff = requireRole(db, signer, 'admin', 'region_manager');

  router.get('/periods/current', (ctx) => {
    const calendar = calendarOf(services);
    const current = calendar.current(clock());
    ctx.body = { current, previous: calendar.previous(current) };
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

  return router;
}
