import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ExpiringMap, keptKeys, type KeyLookup } from '@social-posts/personal-data';
import type { PostQueryEnvironment } from '../config/post-query.environment';
import { PostCmdClient } from './post-cmd-client';

/** What post-cmd's `/admin/person-keys/lookup` answers (its PersonKeysFoundResponse). */
interface PersonKeysFound {
  readonly keys: readonly { readonly keyId: string; readonly key: string }[];
}

/** The most key ids post-cmd takes in one call. */
const KEY_IDS_PER_CALL = 1_000;

/**
 * The keys that open the sealed events of the stream, asked of post-cmd (which holds them) and
 * kept here PERSON_KEY_CACHE_MS: that time bounds how long an erased person's key can still open
 * their words here (docs/12-privacy.md). A key id post-cmd leaves out has no key any more: its
 * fields read as null. post-cmd away rejects, and the batch is consumed again later: an event is
 * never taken for erased because its key could not be asked for.
 */
@Injectable()
export class PostCmdPersonKeys {
  readonly lookup: KeyLookup;

  constructor(
    private readonly postCmd: PostCmdClient,
    config: ConfigService<PostQueryEnvironment, true>,
  ) {
    const kept = new ExpiringMap<KeyObject>(config.get('PERSON_KEY_CACHE_MS', { infer: true }));
    this.lookup = keptKeys(kept, (keyIds) => this.askPostCmd(keyIds));
  }

  /** The keys post-cmd still has of these ids, asked in calls of at most KEY_IDS_PER_CALL. */
  private async askPostCmd(keyIds: readonly string[]): Promise<Map<string, KeyObject>> {
    const found = new Map<string, KeyObject>();
    for (let next = 0; next < keyIds.length; next += KEY_IDS_PER_CALL) {
      const { keys } = await this.postCmd.call<PersonKeysFound>('POST', '/person-keys/lookup', {
        keyIds: keyIds.slice(next, next + KEY_IDS_PER_CALL),
      });
      for (const { keyId, key } of keys)
        found.set(keyId, createSecretKey(Buffer.from(key, 'base64')));
    }
    return found;
  }
}
