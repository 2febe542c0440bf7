import { randomInt } from 'node:crypto';
import type { Db } from '../db/index.js';
import { ensureStudentAccount, getAccount, makeCollegeContact, type Account } from '../accounts/repository.js';
import { insertBindCode, lockBindCode, markBindCodeUsed, type BindCodePurpose } from './repository.js';
import { AppError, badRequest, conflict, notFound } from '../http/errors.js';
import { TencentApiError } from '../http/tencent-api.js';
import type { Services } from '../services.js';

/** Mini-program sessions last a week; the mini-program logs in again when one expires. */
export const MINIAPP_SESSION_HOURS = 24 * 7;
const BIND_CODE_DAYS = 14;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

/** wx.login code → openid (code2session) → the student account for that openid, and a session. */
export async function miniappLogin(services: Pick<Services, 'db' | 'wechat' | 'signer'>, code: string): Promise<{ token: string; account: Account }> {
  let openid: string;
  try {
    ({ openid } = await services.wechat.code2session(code));
  } catch (err) {
    if (err instanceof TencentApiError && err.errcode > 0) throw new AppError(401, 'invalid_login_code', '登录已失效，请重新打开小程序');
    throw new AppError(503, 'wechat_unavailable', '微信登录服务暂时不可用，请稍后再试');
  }
  const account = await ensureStudentAccount(services.db, openid);
  return { token: await services.signer.sign(account, MINIAPP_SESSION_HOURS), account };
}

export type { BindCodePurpose } from './repository.js';
export { listBindCodes } from './repository.js';

export async function issueBindCode(db: Db, collegeId: number, createdBy: number, now: Date, purpose: BindCodePurpose = 'contact'): Promise<{ code: string; expiresAt: string }> {
  const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const expiresAt = new Date(now.getTime() + BIND_CODE_DAYS * 86_400_000);
  await insertBindCode(db, { code, collegeId, createdBy, expiresAt, purpose });
  return { code, expiresAt: expiresAt.toISOString() };
}

/** Redeem a bind code: the account becomes the college's verified contact. One use, before it expires. */
export async function redeemBindCode(services: Pick<Services, 'db' | 'clock' | 'signer'>, account: Account, code: string): Promise<{ token: string; account: Account }> {
  const now = services.clock();
  const key = code.trim().toUpperCase();
  const updated = await services.db.transaction(async (tx) => {
    const row = await lockBindCode(tx, key, 'contact');
    if (!row) throw notFound('绑定码不正确，请核对后再输入');
    if (row.usedAt) throw conflict('这个绑定码已经用过了，请向区域管家重新申请');
    if (row.expiresAt.getTime() < now.getTime()) throw badRequest('绑定码已过期，请向区域管家重新申请');
    await markBindCodeUsed(tx, key, account.id, now);
    await makeCollegeContact(tx, account.id, row.collegeId);
    return (await getAccount(tx, account.id))!;
  });
  return { token: await services.signer.sign(updated, MINIAPP_SESSION_HOURS), account: updated };
}

/** Redeem a group bind code: the college it was issued for, once, before it expires; undefined otherwise. */
export async function redeemGroupBindCode(db: Db, code: string, now: Date): Promise<number | undefined> {
  const key = code.trim().toUpperCase();
  return db.transaction(async (tx) => {
    const row = await lockBindCode(tx, key, 'group');
    if (!row || row.usedAt || row.expiresAt.getTime() < now.getTime()) return undefined;
    await markBindCodeUsed(tx, key, null, now);
    return row.collegeId;
  });
}
