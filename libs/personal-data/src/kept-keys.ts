import type { KeyObject } from 'node:crypto';
import type { ExpiringMap } from './expiring-map';
import type { KeyLookup } from './sealed-events';

/**
 * A lookup that answers from `kept` what it can and asks `source` only for the rest, keeping
 * what it answers: a key is asked for once per person per `kept`'s time, which also bounds how
 * long an erased person's key can still be used here.
 */
export const keptKeys =
  (kept: ExpiringMap<KeyObject>, source: KeyLookup): KeyLookup =>
  async (keyIds) => {
    const found = new Map<string, KeyObject>();
    const missing: string[] = [];
    for (const keyId of keyIds) {
      const key = kept.get(keyId);
      if (key) found.set(keyId, key);
      else missing.push(keyId);
    }
    if (missing.length === 0) return found;
    for (const [keyId, key] of await source(missing)) {
      kept.set(keyId, key);
      found.set(keyId, key);
    }
    return found;
  };
