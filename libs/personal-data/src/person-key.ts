import { createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { decrypt, encrypt } from './aes-gcm';

/** AES-256: 32 bytes. */
export const KEY_BYTES = 32;

/**
 * A person's data key, and the random id that stands for the person wherever their data is
 * sealed: in events, claims and on the stream. The id names nobody; once the key is deleted,
 * nothing links it to a name.
 */
export interface PersonKey {
  readonly keyId: string;
  readonly key: KeyObject;
}

export const newPersonKey = (): PersonKey => ({
  keyId: randomUUID(),
  key: createSecretKey(randomBytes(KEY_BYTES)),
});

/** The data key encrypted by the master key (base64url), for a key store to keep. */
export const wrapKey = ({ keyId, key }: PersonKey, master: KeyObject): string =>
  encrypt(key.export(), master, keyId).toString('base64url');

/** Throws when `wrapped` was not made by this master key for this key id. */
export const unwrapKey = (keyId: string, wrapped: string, master: KeyObject): PersonKey => ({
  keyId,
  key: createSecretKey(decrypt(Buffer.from(wrapped, 'base64url'), master, keyId)),
});
