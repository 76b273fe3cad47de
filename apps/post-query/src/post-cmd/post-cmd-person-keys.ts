import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ExpiringMap, type KeyLookup } from '@social-posts/personal-data';
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
  private readonly kept: ExpiringMap<KeyObject>;

  constructor(
    private readonly postCmd: PostCmdClient,
    config: ConfigService<PostQueryEnvironment, true>,
  ) {
    this.kept = new ExpiringMap(config.get('PERSON_KEY_CACHE_MS', { infer: true }));
  }

  readonly lookup: KeyLookup = async (keyIds) => {
    const found = new Map<string, KeyObject>();
    const missing: string[] = [];
    for (const keyId of keyIds) {
      const key = this.kept.get(keyId);
      if (key) found.set(keyId, key);
      else missing.push(keyId);
    }
    for (let next = 0; next < missing.length; next += KEY_IDS_PER_CALL) {
      const { keys } = await this.postCmd.call<PersonKeysFound>('POST', '/person-keys/lookup', {
        keyIds: missing.slice(next, next + KEY_IDS_PER_CALL),
      });
      for (const { keyId, key } of keys) {
        const opened = createSecretKey(Buffer.from(key, 'base64'));
        this.kept.set(keyId, opened);
        found.set(keyId, opened);
      }
    }
    return found;
  };
}
