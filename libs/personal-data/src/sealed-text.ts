import type { KeyObject } from 'node:crypto';
import { SEALED_TEXT_PREFIX as PREFIX, type SealedText } from '@social-posts/post-events';
import { decrypt, encrypt } from './aes-gcm';
import type { PersonKey } from './person-key';

/**
 * `sealed:1:<keyId>:<iv, ciphertext and tag, base64url>`: the key id says whose key opens it;
 * nothing else in it is readable.
 */
export const seal = (text: string, { keyId, key }: PersonKey): SealedText =>
  `${PREFIX}${keyId}:${encrypt(Buffer.from(text, 'utf8'), key, keyId).toString('base64url')}`;

/** The id of the key that opens it. */
export function keyIdOf(sealed: SealedText): string {
  return partsOf(sealed).keyId;
}

/** The text; throws when `key` is not the key it was sealed with, or it was altered. */
export function unseal(sealed: SealedText, key: KeyObject): string {
  const { keyId, payload } = partsOf(sealed);
  return decrypt(Buffer.from(payload, 'base64url'), key, keyId).toString('utf8');
}

function partsOf(sealed: SealedText): { keyId: string; payload: string } {
  const separator = sealed.indexOf(':', PREFIX.length);
  if (separator < 0) throw new Error('A sealed text without its key id');
  return { keyId: sealed.slice(PREFIX.length, separator), payload: sealed.slice(separator + 1) };
}
