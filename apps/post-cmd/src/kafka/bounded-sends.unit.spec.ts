import { toPostEventMessage } from '@social-posts/post-events';
import { postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { boundedSends, recordBytes } from './bounded-sends';

describe('boundedSends', () => {
  const sizes = (sends: Iterable<number[]>) => [...sends];
  const identity = (bytes: number) => bytes;

  it('packs items in order into sends no larger than the limit, batch header included', () => {
    expect(sizes(boundedSends([300, 300, 300, 300, 100], identity, 64 + 600))).toEqual([
      [300, 300],
      [300, 300],
      [100],
    ]);
  });

  it('sends an item larger than the limit alone, between the others', () => {
    expect(sizes(boundedSends([100, 5_000, 100, 100], identity, 1_000))).toEqual([
      [100],
      [5_000],
      [100, 100],
    ]);
  });

  it('yields nothing for nothing', () => {
    expect(sizes(boundedSends([], identity, 1_000))).toEqual([]);
  });

  it('counts a message’s key, value and headers in UTF-8 bytes', () => {
    const postId = '0b5c6f9e-8d57-4f4b-a1d0-0d6a0f1d2e3f';
    const message = toPostEventMessage(
      postCreatedEnvelope(postId, {
        data: {
          postId,
          author: 'ada',
          message: '😀'.repeat(1_000),
          datePosted: '2026-11-25T10:00:00.000Z',
        },
      }),
    );
    expect(recordBytes(message)).toBeGreaterThan(Buffer.byteLength(message.value));
    expect(Buffer.byteLength(message.value)).toBeGreaterThan(4_000);
  });
});
