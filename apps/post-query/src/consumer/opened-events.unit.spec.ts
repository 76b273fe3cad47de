import {
  newPersonKey,
  sealEvent,
  type KeyLookup,
  type PersonKey,
} from '@social-posts/personal-data';
import { toPostEventMessage, type PostEventEnvelope } from '@social-posts/post-events';
import type { KafkaMessage } from 'kafkajs';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import type { PostCmdPersonKeys } from '../post-cmd/post-cmd-person-keys';
import { OpenedEvents } from './opened-events';

const POST = '7b0c3c37-1f1c-4a8e-9a55-5f1f4a0f0a01';
const created = postCreatedEnvelope(POST);
const liked = envelope(POST, 2, 'PostLiked', {
  postId: POST,
  username: 'grace',
  likedAt: '2026-11-25T10:00:00.000Z',
});

const messageOf = (event: object): KafkaMessage =>
  ({ key: Buffer.from(POST), value: Buffer.from(JSON.stringify(event)) }) as KafkaMessage;

/** post-cmd's keys as the lookup answers them: the keys given, and whom it was asked about. */
const keysHeld = (...keys: PersonKey[]) => {
  const asked: string[][] = [];
  const lookup: KeyLookup = (ids) => {
    asked.push([...ids]);
    return Promise.resolve(
      new Map(keys.filter((key) => ids.includes(key.keyId)).map((key) => [key.keyId, key.key])),
    );
  };
  return { keys: { lookup } as unknown as PostCmdPersonKeys, asked };
};

describe('OpenedEvents: a batch’s messages decoded and opened with the keys post-cmd holds', () => {
  const [ada, grace] = [newPersonKey(), newPersonKey()];
  const sealed = (event: PostEventEnvelope, key: PersonKey) => messageOf(sealEvent(event, key));

  it('opens sealed events with one lookup for the batch, and reads plain ones as they are', async () => {
    const { keys, asked } = keysHeld(ada, grace);
    const plain = messageOf(JSON.parse(toPostEventMessage(liked).value) as object);

    const events = await new OpenedEvents(keys).of([
      sealed(created, ada),
      sealed(liked, grace),
      plain,
    ]);

    expect(events).toEqual([
      { ok: true, envelope: { ...created, person: ada.keyId } },
      { ok: true, envelope: { ...liked, person: grace.keyId } },
      { ok: true, envelope: liked },
    ]);
    expect(asked).toEqual([[ada.keyId, grace.keyId]]);
  });

  it('reads an erased person’s fields (a key post-cmd no longer has) as null', async () => {
    const { keys } = keysHeld(ada);

    const [, like] = await new OpenedEvents(keys).of([sealed(created, ada), sealed(liked, grace)]);

    expect(like).toMatchObject({ ok: true, envelope: { data: { username: null } } });
  });

  it('refuses an opened text the contract does not allow, and a message it cannot decode', async () => {
    const { keys } = keysHeld(ada);
    const tooLong = postCreatedEnvelope(POST, {
      data: { postId: POST, author: 'a'.repeat(65), message: 'Hi', datePosted: created.occurredAt },
    });

    const events = await new OpenedEvents(keys).of([sealed(tooLong, ada), messageOf({})]);

    expect(events).toEqual([
      { ok: false, reason: 'data.author is longer than 64 characters' },
      { ok: false, reason: expect.stringContaining('unknown event type') },
    ]);
  });

  it('rejects when post-cmd cannot be asked: nothing is taken for erased', async () => {
    const keys = {
      lookup: () => Promise.reject(new Error('post-cmd away')),
    } as unknown as PostCmdPersonKeys;

    await expect(new OpenedEvents(keys).of([sealed(created, ada)])).rejects.toThrow(
      'post-cmd away',
    );
  });
});
