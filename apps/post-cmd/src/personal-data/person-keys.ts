import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { KeyObject } from 'node:crypto';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';
import { ExpiringMap, keptKeys, type KeyLookup, type PersonKey } from '@social-posts/personal-data';
import { PERSON_KEY_STORE, type PersonKeyStore } from './person-key-store.port';

/**
 * The key store with what it answered kept for PERSON_KEY_CACHE_MS, so a command does not read
 * its actor's key each time. That time bounds how long an erasure on another instance leaves a
 * key usable here: the documented bound of an erasure (docs/12-privacy.md).
 */
@Injectable()
export class PersonKeys {
  private readonly byUsername: ExpiringMap<PersonKey>;
  private readonly byId: ExpiringMap<KeyObject>;
  /** Reads in flight: a person's commands arriving together wait for one read, not one each. */
  private readonly reading = new Map<string, Promise<PersonKey>>();

  constructor(
    @Inject(PERSON_KEY_STORE) private readonly store: PersonKeyStore,
    config: ConfigService<PostCmdEnvironment, true>,
  ) {
    const keepMs = config.get('PERSON_KEY_CACHE_MS', { infer: true });
    this.byUsername = new ExpiringMap(keepMs);
    this.byId = new ExpiringMap(keepMs);
    this.lookup = keptKeys(this.byId, store.lookup);
  }

  keyFor(username: string): Promise<PersonKey> {
    const kept = this.byUsername.get(username);
    if (kept) return Promise.resolve(kept);
    const inFlight = this.reading.get(username);
    if (inFlight) return inFlight;
    const read = this.store
      .keyFor(username)
      .then((key) => {
        // Not kept if the person was erased meanwhile (erase forgets the read).
        if (this.reading.get(username) === read) {
          this.byUsername.set(username, key);
          this.byId.set(key.keyId, key.key);
        }
        return key;
      })
      .finally(() => {
        if (this.reading.get(username) === read) this.reading.delete(username);
      });
    this.reading.set(username, read);
    return read;
  }

  /** The person's key id, read from the store (not kept: a reader of it must see an erasure). */
  keyIdOf(username: string): Promise<string | undefined> {
    return this.store.keyIdOf(username);
  }

  readonly lookup: KeyLookup;

  /** Deletes the person's key here and in the store; its id, or undefined if they had none. */
  async erase(username: string): Promise<string | undefined> {
    const keyId = await this.store.erase(username);
    this.reading.delete(username);
    this.byUsername.delete(username);
    if (keyId !== undefined) this.byId.delete(keyId);
    return keyId;
  }
}
