import { timingSafeEqual, randomBytes } from 'node:crypto';
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

/** Encrypt and sign a reply for the passive-reply envelope. */
export function seal(keys: WecomKeys, message: string, timestamp: string, nonce = randomBytes(8).toString('hex')) {
  const encrypted = encrypt(keys.encodingAesKey, message, keys.corpId);
  return { encrypted, signature: getSignature(keys.token, timestamp, nonce, encrypted), timestamp, nonce };
}
