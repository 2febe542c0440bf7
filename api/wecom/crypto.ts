import { timingSafeEqual, randomFillSync } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/** WeCom's message encryption (AES-256-CBC, SHA1 signatures) through @wecom/crypto. */
export interface WecomKeys {
  token: string;
  encodingAesKey: string;
  corpId: string;
}

export function signatureMatches(keys: WecomKeys, signature: string, timestamp: string, nonce: string, encrypted: string): boolean {
  const expected = Buffer.from(getSignature(keys.token, timestamp, nonce, encrypted));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Decrypt; undefined when the ciphertext is not valid for this key. */
export function open(keys: WecomKeys, encrypted: string): { message: string; receiveId: string } | undefined {
  try {
    const { message, id } = decrypt(keys.encodingAesKey, encrypted);
    return { message, receiveId: id };
  } catch {
    return undefined;
  }
}

/**
 * Random bytes for replies, drawn from a buffer filled by the system's CSPRNG 4 KiB at a time
 * (each byte handed out once): a passive reply takes 24 (its 16-byte random prefix and 8-byte
 * nonce), and two randomBytes() calls per reply cost more than its AES encryption (~11 µs of a
 * callback's ~830 µs in a CPU profile of the bench's callbacks).
 */
const RANDOM_POOL = 4096;
let pool = Buffer.alloc(0);
let poolAt = RANDOM_POOL;
export function pooledRandom(n: number): Buffer {
  if (n > RANDOM_POOL) throw new RangeError('pooledRandom: too many bytes');
  if (poolAt + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(RANDOM_POOL)); // a new buffer: bytes handed out earlier stay as they were
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

/** Encrypt and sign a reply for the passive-reply envelope. */
export function seal(keys: WecomKeys, message: string, timestamp: string, nonce = pooledRandom(8).toString('hex')) {
  const encrypted = encrypt(keys.encodingAesKey, message, keys.corpId, pooledRandom(16));
  return { encrypted, signature: getSignature(keys.token, timestamp, nonce, encrypted), timestamp, nonce };
}
