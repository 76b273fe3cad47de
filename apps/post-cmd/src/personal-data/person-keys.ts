import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { KeyLookup, PersonKey } from '@social-posts/personal-data';
import type { KeyObject } from 'node:crypto';
import type { PostCmdEnvironment } from '../config/post-cmd.environment';
import { PERSON_KEY_STORE, type PersonKeyStore } from './person-key-store.port';

interface Kept<T> {
  readonly value: T;
  readonly until: number;
}

/**
 * The key store with what it answered kept for PERSON_KEY_CACHE_MS, so a command does not read
 * its actor's key each time. That time bounds how long an erasure on another instance leaves a
 * key usable here: the documented bound of an erasure (docs/12-privacy.md).
 */
@Injectable()
export class PersonKeys {
  private readonly byUsername = new Map<string, Kept<PersonKey>>();
  private readonly byId = new Map<string, Kept<KeyObject>>();
  private readonly keepMs: number;

  constructor(
    @Inject(PERSON_KEY_STORE) private readonly store: PersonKeyStore,
    config: ConfigService<PostCmdEnvironment, true>,
  ) {
    this.keepMs = config.get('PERSON_KEY_CACHE_MS', { infer: true });
  }

  async keyFor(username: string): Promise<PersonKey> {
    const kept = this.fresh(this.byUsername, username);
    if (kept) return kept;
    const key = await this.store.keyFor(username);
    this.keep(this.byUsername, username, key);
    this.keep(this.byId, key.keyId, key.key);
    return key;
  }

  /** The person's key id, read from the store (not kept: a reader of it must see an erasure). */
  keyIdOf(username: string): Promise<string | undefined> {
    return this.store.keyIdOf(username);
  }

  readonly lookup: KeyLookup = async (keyIds) => {
    const found = new Map<string, KeyObject>();
    const missing: string[] = [];
    for (const keyId of keyIds) {
      const kept = this.fresh(this.byId, keyId);
      if (kept) found.set(keyId, kept);
      else missing.push(keyId);
    }
    if (missing.length === 0) return found;
    for (const [keyId, key] of await this.store.lookup(missing)) {
      this.keep(this.byId, keyId, key);
      found.set(keyId, key);
    }
    return found;
  };

  /** Deletes the person's key here and in the store; its id, or undefined if they had none. */
  async erase(username: string): Promise<string | undefined> {
    const keyId = await this.store.erase(username);
    this.byUsername.delete(username);
    if (keyId !== undefined) this.byId.delete(keyId);
    return keyId;
  }

  private fresh<T>(kept: Map<string, Kept<T>>, id: string): T | undefined {
    const entry = kept.get(id);
    if (entry === undefined) return undefined;
    if (entry.until > Date.now()) return entry.value;
    kept.delete(id);
    return undefined;
  }

  private keep<T>(kept: Map<string, Kept<T>>, id: string, value: T): void {
    if (this.keepMs > 0) kept.set(id, { value, until: Date.now() + this.keepMs });
  }
}
