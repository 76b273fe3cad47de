import { envelope } from '@test/support/post-event-fixtures';
import { POST_EVENT_SCHEMA_VERSIONS, type PostEventType } from './post-events';
import { readsSchemaVersion, upcastPostEvent, type StoredPostEvent } from './upcasters';

const postId = '0b5c6f9e-8d57-4f4b-a1d0-0d6a0f1d2e3f';
const at = '2026-11-25T10:00:00.000Z';

const stored = envelope(postId, 1, 'PostLiked', { postId, username: 'ada', likedAt: at });

/** An event as an older post-cmd stored it. */
const storedAt = (
  schemaVersion: number,
  eventType: PostEventType,
  data: object,
): StoredPostEvent => ({
  ...stored,
  eventType,
  schemaVersion,
  data,
});

describe('reading events stored at an earlier schema version', () => {
  it('reads PostCreated version 1 as version 2, its tags found in the message', () => {
    const v1 = { postId, author: 'ada', message: 'Off to #Lisbon', datePosted: at };
    expect(upcastPostEvent(storedAt(1, 'PostCreated', v1))).toEqual(
      storedAt(2, 'PostCreated', { ...v1, tags: ['lisbon'] }),
    );
  });

  it('reads PostMessageEdited version 1 as version 2', () => {
    const v1 = { postId, message: 'no tags now', editedAt: at };
    expect(upcastPostEvent(storedAt(1, 'PostMessageEdited', v1))).toEqual(
      storedAt(2, 'PostMessageEdited', { ...v1, tags: [] }),
    );
  });

  it('leaves an event at the current version as it is, even if its tags differ from the message’s', () => {
    const current = storedAt(2, 'PostCreated', {
      postId,
      author: 'ada',
      message: '#a',
      tags: [],
      datePosted: at,
    });
    expect(upcastPostEvent(current)).toBe(current);
  });

  it('has a way up from version 1 for every event type', () => {
    const types = Object.keys(POST_EVENT_SCHEMA_VERSIONS) as PostEventType[];
    for (const type of types) {
      const data = { postId, message: 'm', author: 'a', username: 'u' };
      const read = upcastPostEvent(storedAt(1, type, data));
      expect(read.schemaVersion).toBe(POST_EVENT_SCHEMA_VERSIONS[type]);
    }
  });

  it.each([
    ['version 1', 1, true],
    ['the current version', 2, true],
    ['a later version', 3, false],
    ['version 0', 0, false],
    ['a fraction', 1.5, false],
    ['a string', '1', false],
  ])('reads %s of PostCreated: %s', (_, version, reads) => {
    expect(readsSchemaVersion('PostCreated', version)).toBe(reads);
  });
});
