import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { ExpiringMap } from './expiring-map';
import { keptKeys } from './kept-keys';
import { masterKeyFrom } from './master-key';
import { newPersonKey, unwrapKey, wrapKey, type PersonKey } from './person-key';
import { sealEvent, unsealEvents, type KeyLookup } from './sealed-events';
import { isSealedText as isSealed, type SealedText } from '@social-posts/post-events';
import { keyIdOf, seal, unseal } from './sealed-text';

const MASTER = randomBytes(32).toString('base64');

describe('sealed texts', () => {
  it('open with the key they were sealed with, and name only its id', () => {
    const ada = newPersonKey();

    const sealed = seal('Hello, world ✓', ada);

    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Hello');
    expect(keyIdOf(sealed)).toBe(ada.keyId);
    expect(unseal(sealed, ada.key)).toBe('Hello, world ✓');
  });

  it('differ each time the same text is sealed (a fresh IV each)', () => {
    const ada = newPersonKey();

    expect(seal('same', ada)).not.toBe(seal('same', ada));
  });

  it('do not open with another person’s key', () => {
    const sealed = seal('mine', newPersonKey());

    expect(() => unseal(sealed, newPersonKey().key)).toThrow();
  });

  it('do not open once altered, or relabelled with another key id', () => {
    const ada = newPersonKey();
    const sealed = seal('mine', ada);
    const flipped = (sealed.slice(0, -2) +
      (sealed.at(-2) === 'A' ? 'B' : 'A') +
      sealed.at(-1)) as SealedText;
    const relabelled = sealed.replace(ada.keyId, newPersonKey().keyId) as SealedText;

    expect(() => unseal(flipped, ada.key)).toThrow();
    expect(() => unseal(relabelled, ada.key)).toThrow();
  });

  it('are told from plain text', () => {
    expect(isSealed('Hello')).toBe(false);
    expect(isSealed(undefined)).toBe(false);
  });
});

describe('wrapped person keys', () => {
  it('unwrap with the master key to the same key', () => {
    const master = masterKeyFrom({ PERSONAL_DATA_MASTER_KEY: MASTER });
    const ada = newPersonKey();

    const unwrapped = unwrapKey(ada.keyId, wrapKey(ada, master), master);

    expect(unwrapped.key.equals(ada.key)).toBe(true);
  });

  it('do not unwrap with another master key, or under another key id', () => {
    const master = masterKeyFrom({ PERSONAL_DATA_MASTER_KEY: MASTER });
    const other = masterKeyFrom({ PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64') });
    const ada = newPersonKey();
    const wrapped = wrapKey(ada, master);

    expect(() => unwrapKey(ada.keyId, wrapped, other)).toThrow();
    expect(() => unwrapKey(newPersonKey().keyId, wrapped, master)).toThrow();
  });
});

describe('the master key', () => {
  it('is read from a file when the environment names one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'master-key-')), 'key');
    writeFileSync(file, `${MASTER}\n`);

    expect(masterKeyFrom({ PERSONAL_DATA_MASTER_KEY_FILE: file }).export()).toEqual(
      Buffer.from(MASTER, 'base64'),
    );
  });

  it('is refused when missing, or not 32 bytes of base64', () => {
    expect(() => masterKeyFrom({})).toThrow(/PERSONAL_DATA_MASTER_KEY/);
    expect(() =>
      masterKeyFrom({ PERSONAL_DATA_MASTER_KEY: randomBytes(16).toString('base64') }),
    ).toThrow(/32 bytes/);
    expect(() => masterKeyFrom({ PERSONAL_DATA_MASTER_KEY: 'not base64 at all!' })).toThrow(
      /32 bytes/,
    );
  });
});

describe('sealed events', () => {
  const ada = newPersonKey();
  const grace = newPersonKey();
  const created: PostEventEnvelope = {
    eventId: '1',
    eventType: 'PostCreated',
    schemaVersion: 2,
    aggregateId: 'p',
    aggregateType: 'Post',
    version: 1,
    occurredAt: '2026-12-03T10:00:00.000Z',
    data: {
      postId: 'p',
      author: 'ada-9f1c',
      message: 'Words-7d2e #cqrs',
      tags: ['cqrs'],
      datePosted: 'x',
    },
    metadata: { correlationId: 'c', causationId: 'c' },
  };
  const liked: PostEventEnvelope = {
    ...created,
    eventId: '2',
    eventType: 'PostLiked',
    schemaVersion: 1,
    version: 2,
    data: { postId: 'p', username: 'grace-41ab', likedAt: 'x' },
  };
  const lookupOf =
    (...keys: PersonKey[]): KeyLookup =>
    (ids) =>
      Promise.resolve(
        new Map(keys.filter((k) => ids.includes(k.keyId)).map((k) => [k.keyId, k.key])),
      );

  it('keep no personal field readable, and open back to the events as written', async () => {
    const sealed = [sealEvent(created, ada), sealEvent(liked, grace)];

    expect(JSON.stringify(sealed)).not.toMatch(/ada-9f1c|grace-41ab|Words-7d2e|cqrs/);
    expect(sealed[0]).toMatchObject({
      personalData: 'sealed',
      person: ada.keyId,
      data: { postId: 'p' },
    });
    expect(await unsealEvents(sealed, lookupOf(ada, grace))).toEqual([
      { ...created, person: ada.keyId },
      { ...liked, person: grace.keyId },
    ]);
  });

  it('read null where the person’s key is gone, and leave others’ fields readable', async () => {
    const sealed = [sealEvent(created, ada), sealEvent(liked, grace)];

    const [post, like] = await unsealEvents(sealed, lookupOf(ada));

    expect(post).toEqual({ ...created, person: ada.keyId });
    expect(like!.data).toEqual({ postId: 'p', username: null, likedAt: 'x' });
  });

  it('open only the event types asked for, looking up no other key', async () => {
    const asked: string[] = [];
    const lookup: KeyLookup = (ids) => {
      asked.push(...ids);
      return lookupOf(ada, grace)(ids);
    };

    const [post, like] = await unsealEvents(
      [sealEvent(created, ada), sealEvent(liked, grace)],
      lookup,
      (type) => type === 'PostCreated',
    );

    expect(asked).toEqual([ada.keyId]);
    expect(post).toEqual({ ...created, person: ada.keyId });
    expect(like!.data).toMatchObject({ username: null });
  });

  it('pass events stored before sealing through as they are', async () => {
    expect(await unsealEvents([created], lookupOf())).toEqual([created]);
  });
});

describe('kept keys', () => {
  it('ask the source only for keys not kept, keep what it answers, and leave out what it has not', async () => {
    const [ada, grace, erased] = [newPersonKey(), newPersonKey(), newPersonKey()];
    const asked: string[][] = [];
    const source: KeyLookup = (ids) => {
      asked.push([...ids]);
      return Promise.resolve(
        new Map([ada, grace].filter((k) => ids.includes(k.keyId)).map((k) => [k.keyId, k.key])),
      );
    };
    const lookup = keptKeys(new ExpiringMap(10_000), source);

    expect([...(await lookup([ada.keyId])).keys()]).toEqual([ada.keyId]);
    const found = await lookup([ada.keyId, grace.keyId, erased.keyId]);

    expect(found).toEqual(
      new Map([
        [ada.keyId, ada.key],
        [grace.keyId, grace.key],
      ]),
    );
    expect(asked).toEqual([[ada.keyId], [grace.keyId, erased.keyId]]);
  });
});
