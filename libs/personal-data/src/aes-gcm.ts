import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
/** 96 bits: the IV length GCM is defined for (NIST SP 800-38D); random per message. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM from node:crypto, nothing of our own: `iv | ciphertext | tag`. `context` is
 * authenticated, not stored: a ciphertext opened in another context (another key id) fails.
 */
export function encrypt(plain: Buffer, key: KeyObject, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Throws when the ciphertext, its context or the key is not the one it was made with. */
export function decrypt(sealed: Buffer, key: KeyObject, context: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('Not an AES-GCM ciphertext');
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, -TAG_BYTES)), decipher.final()]);
}
