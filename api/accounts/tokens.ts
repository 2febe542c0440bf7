import { randomBytes, randomUUID } from 'node:crypto';
import type * as Jose from 'jose';
import type { Db } from '../db/index.js';
import { settingOrInit } from '../settings/repository.js';
import type { Account, AccountRole } from './repository.js';

/** Signed, expiring session tokens (HS256). The secret is shared by every instance. */
export interface SessionClaims {
  sub: number;
  role: AccountRole;
  region: string | null;
  college: number | null;
  ver: number;
  /** Token id, for revocation at logout. */
  jti: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** jose is loaded at the first sign-in or signed request (~60 modules most requests never use). */
let joseModule: Promise<typeof Jose> | undefined;
const jose = () => (joseModule ??= import('jose'));

export class TokenSigner {
  private readonly key: Uint8Array;
  constructor(secret: string, private readonly ttlHours: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(account: Account, ttlHours = this.ttlHours): Promise<string> {
    const { SignJWT } = await jose();
    return new SignJWT({ role: account.role, region: account.regionCode, college: account.collegeId, ver: account.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(account.id))
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${Math.round(ttlHours * 3600)}s`)
      .sign(this.key);
  }

  /** Claims of a valid token, or undefined for a forged, expired or malformed one. */
  async verify(token: string): Promise<SessionClaims | undefined> {
    const { jwtVerify } = await jose();
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      // A token without an id (signed before revocation existed) cannot be revoked: refuse it.
      if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return undefined;
      return {
        sub: Number(payload.sub),
        role: payload.role as AccountRole,
        region: (payload.region as string | null) ?? null,
        college: (payload.college as number | null) ?? null,
        ver: Number(payload.ver ?? 0),
        jti: payload.jti,
        exp: payload.exp,
      };
    } catch {
      return undefined;
    }
  }
}

/** SESSION_SECRET when configured; otherwise one generated at the first start and kept in `settings`. */
export async function resolveSessionSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  return settingOrInit(db, 'session_secret', randomBytes(32).toString('base64url'));
}
