import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes with Node's built-in scrypt: `scrypt$N$r$p$salt$hash` (base64).
 * Cost per the OWASP Password Storage Cheat Sheet (scrypt: N=2^15, r=8, p=3 is one of its
 * equivalent minimum settings, 32 MiB per hash). Older hashes keep verifying with the
 * parameters stored in them and are re-hashed at the next sign-in (`needsRehash`).
 */
export const PARAMS = { N: 32768, r: 8, p: 3 };
const KEYLEN = 32;
/** Node refuses scrypt above 32 MiB unless told; allow what the stored parameters need. */
const maxmemFor = (N: number, r: number) => 256 * N * r;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: maxmemFor(PARAMS.N, PARAMS.r) });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, N, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  if (!expected.length || +N > 2 ** 20 || +r > 32 || +p > 16) return false;
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: +N, r: +r, p: +p, maxmem: maxmemFor(+N, +r) });
  return timingSafeEqual(key, expected);
}

/** A stored hash made with weaker parameters than today's. */
export function needsRehash(stored: string | null | undefined): boolean {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6) return true;
  return +parts[1]! < PARAMS.N || +parts[2]! < PARAMS.r || +parts[3]! < PARAMS.p;
}

/** A hash of nothing, verified when the username is unknown so that timing does not tell. */
export const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

/** A one-time password for the first start (16 random characters, 96 bits). */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
