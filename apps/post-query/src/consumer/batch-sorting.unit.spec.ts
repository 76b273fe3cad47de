import {
  decodePostEvent,
  isSealedEnvelope,
  toPostEventMessage,
  type PostEventEnvelope,
} from '@social-posts/post-events';
import type { KafkaMessage } from 'kafkajs';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { sortBatch } from './batch-sorting';
import type { OpenedEvent } from './opened-events';

const POST = '7b0c3c37-1f1c-4a8e-9a55-5f1f4a0f0a01';
const OTHER = '7b0c3c37-1f1c-4a8e-9a55-5f1f4a0f0a02';

/** Offsets in the order messages are made, as in a partition. */
let offset = 0;
/** A message as the consumer receives it, keyed as given (the post id by default). */
const message = (value: string, key: string | null): KafkaMessage => ({
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from(value),
  headers: {},
  offset: String(offset++),
  timestamp: '0',
  attributes: 0,
});
const eventMessage = (event: PostEventEnvelope, key: string | null = event.aggregateId) =>
  message(toPostEventMessage(event).value, key);
const liked = (post: string, version: number) =>
  envelope(post, version, 'PostLiked', {
    postId: post,
    username: 'grace',
    likedAt: '2026-11-25T10:00:00.000Z',
  });

/** The messages' events as OpenedEvents reads plain ones (these specs seal nothing). */
const eventsOf = (messages: KafkaMessage[]) =>
  messages.map((each): OpenedEvent => {
    const decoded = decodePostEvent(each.value);
    if (!decoded.ok) return decoded;
    if (isSealedEnvelope(decoded.envelope)) throw new Error('a sealed event in a plain spec');
    return { ok: true, envelope: decoded.envelope };
  });

const sorted = (messages: KafkaMessage[], parked: string[] = []) => {
  const { readable, deadLetters, parkings } = sortBatch(
    messages,
    eventsOf(messages),
    new Set(parked),
  );
  return {
    readable: readable.map(({ envelope: event }) => `${event.aggregateId} v${event.version}`),
    deadLetters: deadLetters.map(({ message: dead, reason }) => [dead.offset, reason]),
    parkings: Object.fromEntries(parkings),
  };
};

describe('sorting a batch (what the consumer projects, dead-letters and parks)', () => {
  it('projects the events keyed by their post, in the batch’s order', () => {
    expect(
      sorted([eventMessage(postCreatedEnvelope(POST)), eventMessage(liked(POST, 2))]).readable,
    ).toEqual([`${POST} v1`, `${POST} v2`]);
  });

  it('dead-letters a message it cannot read and parks its post: the post’s later messages follow it', () => {
    const batch = [
      message('{"not":"an event"}', POST),
      eventMessage(liked(POST, 2)),
      eventMessage(postCreatedEnvelope(OTHER)),
    ];

    const { readable, deadLetters, parkings } = sorted(batch);

    expect(readable).toEqual([`${OTHER} v1`]);
    expect(deadLetters.map(([at]) => at)).toEqual([batch[0]!.offset, batch[1]!.offset]);
    expect(deadLetters[1]![1]).toBe(`post ${POST} is parked`);
    expect(parkings).toEqual({ [POST]: { reason: expect.any(String), count: 2 } });
    expect(parkings[POST]!.reason).toBe(deadLetters[0]![1]);
  });

  it('dead-letters an event keyed by another post than its own', () => {
    expect(sorted([eventMessage(liked(POST, 2), OTHER)]).deadLetters).toEqual([
      [expect.any(String), 'message key is not the post id'],
    ]);
  });

  it('dead-letters every message of a post parked before, counting them', () => {
    const { readable, parkings } = sorted([eventMessage(liked(POST, 2))], [POST]);

    expect(readable).toEqual([]);
    expect(parkings).toEqual({ [POST]: { reason: `post ${POST} is parked`, count: 1 } });
  });

  it('dead-letters a message without a key, or with a key no table could hold, parking nothing', () => {
    const { deadLetters, parkings } = sorted([
      message('{"not":"an event"}', null),
      message('{"not":"an event"}', 'bad\0key'),
    ]);

    expect(deadLetters).toHaveLength(2);
    expect(parkings).toEqual({});
  });
});
