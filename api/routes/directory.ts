import Router from '@koa/router';
import { z } from 'zod';
import { contactsForProvince, findProvince, listProvinces, listRegions } from '../contacts/repository.js';
import { listExams } from '../exams/repository.js';
import { notFound } from '../http/errors.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';

const provinceName = z.string().trim().min(1).max(40);
const examsQuery = z.object({ year: z.coerce.number().int().min(2019).max(2100).optional() });

/** Public read endpoints: regions, provinces, who to call, exam sessions. */
export function directoryRoutes(services: Services): Router {
  const { db, cache } = services;
  const router = new Router({ prefix: '/api' });

  router.get('/regions', async (ctx) => {
    ctx.body = { regions: await cache.get('regions', () => listRegions(db)) };
  });

  router.get('/provinces', async (ctx) => {
    ctx.body = { provinces: await cache.get('provinces', () => listProvinces(db)) };
  });

  router.get('/provinces/:name/contacts', async (ctx) => {
    const name = parse(provinceName, ctx.params.name);
    const province = await cache.get(`province:${name}`, () => findProvince(db, name));
    if (!province) {
      throw notFound(`未找到“${name}”。目前覆盖全国31个省区（不含香港、澳门、台湾），请输入省份全称或简称，如“山东”或“鲁”。`);
    }
    ctx.body = await cache.get(`contacts:${province.code}`, () => contactsForProvince(db, province));
  });

  // The most requested list: its JSON is kept as written, in UTF-8 bytes (until the cache is
  // emptied by an edit or expires), not serialised, measured and encoded again for every request.
  router.get('/exams', async (ctx) => {
    const year = ctx.querystring === '' ? undefined : parse(examsQuery, ctx.query).year;
    const body = await cache.get(`exams-json:${year ?? ''}`, async () =>
      Buffer.from(JSON.stringify({ exams: await listExams(db, year), officialChannels: services.facts.exams.officialChannels })),
    );
    ctx.set('Content-Type', 'application/json; charset=utf-8');
    ctx.body = body;
  });

  router.get('/certificate', (ctx) => {
    ctx.body = { certificate: services.facts.certificate };
  });

  return router;
}
