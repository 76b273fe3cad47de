import { randomUUID } from 'node:crypto';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { postTagsChanges } from './post-tags.changes';

const at = '2026-11-25T10:00:00.000Z';

describe('postTagsChanges: a batch of events folded into each post’s tags', () => {
  const [a, b] = [randomUUID(), randomUUID()];
  const created = (postId: string, message: string) =>
    postCreatedEnvelope(postId, { data: { postId, author: 'ada', message, datePosted: at } });
  const edited = (postId: string, version: number, tags: string[]) =>
    envelope(postId, version, 'PostMessageEdited', { postId, message: 'm', tags, editedAt: at });

  it('gives each post the tags of its latest message in the batch', () => {
    expect(
      postTagsChanges([created(a, '#one #two'), created(b, '#three'), edited(a, 2, ['four'])]),
    ).toEqual(
      new Map([
        [a, ['four']],
        [b, ['three']],
      ]),
    );
  });

  it('clears the tags of a removed post', () => {
    expect(
      postTagsChanges([
        edited(a, 2, ['x']),
        envelope(a, 3, 'PostRemoved', { postId: a, username: 'ada', removedAt: at }),
      ]),
    ).toEqual(new Map([[a, []]]));
  });

  it('leaves out posts whose message the batch does not change', () => {
    expect(
      postTagsChanges([envelope(a, 2, 'PostLiked', { postId: a, username: 'grace', likedAt: at })]),
    ).toEqual(new Map());
  });
});
