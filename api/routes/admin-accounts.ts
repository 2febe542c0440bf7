import Router from '@koa/router';
import { z } from 'zod';
import { listAccounts } from '../accounts/repository.js';
import { changeStaffAccount, createStaffAccount, resetPassword } from '../accounts/service.js';
import { auditChange } from '../audit/record.js';
import { requireRole } from '../http/auth.js';
import { id } from '../http/fields.js';
import { parse } from '../http/middleware.js';
import type { Services } from '../services.js';
import { newPassword } from './auth.js';

/** Console: staff accounts (admins only). */
export function adminAccountRoutes(services: Pick<Services, 'db' | 'signer'>): Router {
  const { db, signer } = services;
  const router = new Router({ prefix: '/api/admin' });
  const adminOnly = requireRole(db, signer, 'admin');

  router.get('/accounts', adminOnly, async (ctx) => {
    ctx.body = { accounts: await listAccounts(db) };
  });

  router.post('/accounts', adminOnly, async (ctx) => {
    const body = parse(
      z.object({
        username: z.string().trim().regex(/^[\w.-]{3,32}$/, '用户名为3-32位字母、数字或 . _ -'),
        displayName: z.string().trim().max(40).optional(),
        password: newPassword,
        role: z.enum(['admin', 'region_manager']),
        regionCode: z.string().optional(),
      }),
      ctx.request.body,
    );
    const account = await createStaffAccount(db, body);
    await auditChange(db, ctx, { action: 'account.create', entity: 'account', entityId: account.id, after: account });
    ctx.status = 201;
    ctx.body = { account };
  });

  /**
   * An admin sets another account's password (a forgotten one). One's own password is changed at
   * POST /api/auth/password, which asks for the current one — a stolen session cannot.
   */
  router.post('/accounts/:id/password', adminOnly, async (ctx) => {
    const accountId = parse(id, ctx.params.id);
    const { password } = parse(z.object({ password: newPassword }), ctx.request.body);
    await resetPassword(db, ctx.state.account!, accountId, password);
    await auditChange(db, ctx, { action: 'account.password', entity: 'account', entityId: accountId });
    ctx.body = { ok: true };
  });

  /** 停用 / 启用: a disabled account is signed out at once and cannot sign in. */
  router.patch('/accounts/:id', adminOnly, async (ctx) => {
    const accountId = parse(id, ctx.params.id);
    const { disabled } = parse(z.object({ disabled: z.boolean() }), ctx.request.body);
    const account = await changeStaffAccount(db, ctx.state.account!, accountId, { disabled });
    await auditChange(db, ctx, { action: disabled ? 'account.disable' : 'account.enable', entity: 'account', entityId: accountId, after: { disabled } });
    ctx.body = { account };
  });

  router.delete('/accounts/:id', adminOnly, async (ctx) => {
    const accountId = parse(id, ctx.params.id);
    await changeStaffAccount(db, ctx.state.account!, accountId, 'delete');
    await auditChange(db, ctx, { action: 'account.delete', entity: 'account', entityId: accountId });
    ctx.body = { ok: true };
  });

  return router;
}
