import { randomInt } from 'node:crypto';
import type { Db } from '../db/index.js';
import { getAccount, type Account } from '../accounts/repository.js';
import { AppError, badRequest, conflict, notFound } from '../http/errors.js';
import { TencentApiError } from '../http/tencent-api.js';
import type { Services } from '../services.js';

/** Mini-program sessions last a week; the mini-program logs in again when one expires. */
export const MINIAPP_SESSION_HOURS = 24 * 7;
const BIND_CODE_DAYS = 14;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

/** wx.login code → openid (code2session) → the student account for that openid, and a session. */
export async function miniappLogin(services: Services, code: string): Promise<{ token: string; account: Account }> {
  let openid: string;
  try {
    ({ openid } = await services.wechat.code2session(code));
  } catch (err) {
    if (err instanceof TencentApiError && err.errcode > 0) throw new AppError(401, 'invalid_login_code', '登录已失效，请重新打开小程序');
    throw new AppError(503, 'wechat_unavailable', '微信登录服务暂时不可用，请稍后再试');
  }
  await services.db.query(`insert into accounts (role, openid) values ('student', $1) on conflict (openid) do nothing`, [openid]);
  const [row] = await services.db.query<{ id: string | number }>('select id from accounts where openid = $1', [openid]);
  const account = (await getAccount(services.db, Number(row!.id)))!;
  return { token: await services.signer.sign(account, MINIAPP_SESSION_HOURS), account };
}

export async function issueBindCode(db: Db, collegeId: number, createdBy: number, now: Date): Promise<{ code: string; expiresAt: string }> {
  const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const expiresAt = new Date(now.getTime() + BIND_CODE_DAYS * 86_400_000);
  await db.query('insert into bind_codes (code, college_id, created_by, expires_at) values ($1, $2, $3, $4)', [code, collegeId, createdBy, expiresAt]);
  return { code, expiresAt: expiresAt.toISOString() };
}

export async function listBindCodes(db: Db, regionCode?: string) {
  const rows = await db.query<{ code: string; college_id: string | number; college_name: string; expires_at: Date; used_at: Date | null }>(
    `select b.code, b.college_id, c.name as college_name, b.expires_at, b.used_at from bind_codes b
       join colleges c on c.id = b.college_id join provinces p on p.code = c.province_code
      where ($1::text is null or p.region_code = $1) order by b.created_at desc limit 200`,
    [regionCode ?? null],
  );
  return rows.map((r) => ({ code: r.code, collegeId: Number(r.college_id), collegeName: r.college_name, expiresAt: new Date(r.expires_at).toISOString(), usedAt: r.used_at ? new Date(r.used_at).toISOString() : null }));
}

/** Redeem a bind code: the account becomes the college's verified contact. One use, before it expires. */
export async function redeemBindCode(services: Services, account: Account, code: string): Promise<{ token: string; account: Account }> {
  const now = services.clock();
  const updated = await services.db.transaction(async (tx) => {
    const [row] = await tx.query<{ college_id: string | number; expires_at: Date; used_at: Date | null }>(
      'select college_id, expires_at, used_at from bind_codes where code = $1 for update',
      [code.trim().toUpperCase()],
    );
    if (!row) throw notFound('绑定码不正确，请核对后再输入');
    if (row.used_at) throw conflict('这个绑定码已经用过了，请向区域管家重新申请');
    if (new Date(row.expires_at).getTime() < now.getTime()) throw badRequest('绑定码已过期，请向区域管家重新申请');
    await tx.query('update bind_codes set used_by = $2, used_at = $3 where code = $1', [code.trim().toUpperCase(), account.id, now]);
    await tx.query(`update accounts set role = 'college_contact', college_id = $2, token_version = token_version + 1, updated_at = now() where id = $1`, [account.id, row.college_id]);
    return (await getAccount(tx, account.id))!;
  });
  return { token: await services.signer.sign(updated, MINIAPP_SESSION_HOURS), account: updated };
}

