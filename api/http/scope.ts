import type { Db } from '../db/index.js';
import type { Account } from '../accounts/repository.js';
import { regionOfProvince } from '../contacts/repository.js';
import { badRequest, forbidden, unauthorized } from './errors.js';

/**
 * The one region-scope policy for staff accounts. An admin acts on every region; a region
 * manager only on its own. Every staff route asks this module, never `account.role` itself:
 *   - lists:   `regionFilter(account, requested)` → the region to filter by (undefined = all)
 *   - a row:   `assertRegion(account, rowRegion)` (a row without a region is admin-only)
 *   - input:   `regionOfProvinceInScope(db, account, code)` → 400 unknown, 403 another region
 *   - global:  `assertAdmin(account)` for what every region sees (knowledge, exams, accounts)
 * test/region-scope.test.ts enumerates the staff routes and tries each with another region's account.
 */
const OUT_OF_SCOPE = '只能查看或修改本区域的数据';

function staff(account: Account | undefined): Account {
  if (!account) throw unauthorized();
  if (account.role !== 'admin' && account.role !== 'region_manager') throw forbidden();
  return account;
}

export function isAdmin(account: Account | undefined): boolean {
  return account?.role === 'admin';
}

/** The region an account is limited to, or undefined for an admin (all regions). */
export function ownRegion(account: Account | undefined): string | undefined {
  const a = staff(account);
  if (a.role === 'admin') return undefined;
  if (!a.regionCode) throw forbidden(OUT_OF_SCOPE);
  return a.regionCode;
}

/** The region filter for a list: an admin's request as asked; a manager's always its own (403 when asking for another). */
export function regionFilter(account: Account | undefined, requested?: string): string | undefined {
  const own = ownRegion(account);
  if (own === undefined) return requested;
  if (requested && requested !== own) throw forbidden(OUT_OF_SCOPE);
  return own;
}

/** A row of `regionCode` may be read or changed by this account; a row with no region only by an admin. */
export function assertRegion(account: Account | undefined, regionCode: string | null | undefined): void {
  const own = ownRegion(account);
  if (own === undefined) return;
  if (!regionCode || regionCode !== own) throw forbidden(OUT_OF_SCOPE);
}

/** Whether a row of `regionCode` is visible to this account (for filtering lists in memory). */
export function inScope(account: Account | undefined, regionCode: string | null | undefined): boolean {
  const own = ownRegion(account);
  return own === undefined || regionCode === own;
}

/** Region-global data (knowledge served to every channel, exam sessions, accounts): admins only. */
export function assertAdmin(account: Account | undefined, message = '只有管理员可以执行此操作'): void {
  if (staff(account).role !== 'admin') throw forbidden(message);
}

/** The region of a province named in a request: 400 when it does not exist, 403 when out of scope. */
export async function regionOfProvinceInScope(db: Db, account: Account | undefined, provinceCode: string): Promise<string> {
  const region = await regionOfProvince(db, provinceCode);
  if (!region) throw badRequest('省份不存在');
  assertRegion(account, region);
  return region;
}
