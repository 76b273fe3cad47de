import { createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KEY_BYTES } from './person-key';

/** Where the master key comes from: the environment, or a file (a mounted secret). */
export interface MasterKeySource {
  readonly PERSONAL_DATA_MASTER_KEY?: string;
  readonly PERSONAL_DATA_MASTER_KEY_FILE?: string;
}

/**
 * The key that wraps every person's data key: 32 bytes, base64, from
 * PERSONAL_DATA_MASTER_KEY or the file PERSONAL_DATA_MASTER_KEY_FILE names. A KMS would hold it
 * instead (docs/12-privacy.md); nothing else reads it.
 */
export function masterKeyFrom(source: MasterKeySource): KeyObject {
  const text =
    source.PERSONAL_DATA_MASTER_KEY ??
    (source.PERSONAL_DATA_MASTER_KEY_FILE === undefined
      ? undefined
      : readFileSync(source.PERSONAL_DATA_MASTER_KEY_FILE, 'utf8').trim());
  if (text === undefined) {
    throw new Error('Set PERSONAL_DATA_MASTER_KEY or PERSONAL_DATA_MASTER_KEY_FILE');
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== KEY_BYTES || bytes.toString('base64') !== text.replace(/\s/g, '')) {
    throw new Error(`The personal data master key must be ${KEY_BYTES} bytes, base64-encoded`);
  }
  return createSecretKey(bytes);
}
