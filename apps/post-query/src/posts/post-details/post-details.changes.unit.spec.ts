import { randomUUID } from 'node:crypto';
import type { ReadablePostEventEnvelope } from '@social-posts/post-events';
import { envelope, postCreatedEnvelope, readableEnvelope } from '@test/support/post-event-fixtures';
import { PostDetailsChanges } from './post-details.changes';

const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`;

/** The key id the stream names as the person who acted. */
const by = (person: string, event: ReadablePostEventEnvelope): ReadablePostEventEnvelope => ({
  ...event,
  person,
});

/** Given a batch of events (each post's in version order), then the rows they change. */
const changesOf = (events: readonly ReadablePostEventEnvelope[]): PostDetailsChanges => {
  const changes = new PostDetailsChanges();
  for (const event of events) changes.apply(event);
  return changes;
};

describe('PostDetailsChanges: a batch of events folded into the rows it changes', () => {
  const postId = randomUUID();
  const [c1, c2] = [randomUUID(), randomUUID()];

  it('makes a post created in the batch one row to insert, with everything after it folded in', () => {
    const changes = changesOf([
      by('key-ada', postCreatedEnvelope(postId)),
      envelope(postId, 2, 'PostMessageEdited', {
        postId,
        message: 'Edited',
        tags: [],
        editedAt: at(1),
      }),
      by(
        'key-grace',
        envelope(postId, 3, 'PostLiked', { postId, username: 'grace', likedAt: at(2) }),
      ),
    ]);

    expect(changes.posts.get(postId)).toEqual({
      id: postId,
      created: {
        author: 'ada',
        authorKey: 'key-ada',
        message: 'Hello',
        datePosted: new Date(at(0)),
      },
      message: 'Edited',
      editedAt: new Date(at(1)),
      likesAdded: 1,
      commentsAdded: 0,
      version: 3,
    });
    expect(changes.likes).toEqual([
      { postId, username: 'grace', likerKey: 'key-grace', likedAt: new Date(at(2)) },
    ]);
  });

  it('leaves a comment added and edited in the batch one row to insert, as edited', () => {
    const changes = changesOf([
      envelope(postId, 4, 'CommentAdded', {
        postId,
        commentId: c1,
        username: 'linus',
        comment: 'First',
        commentDate: at(3),
      }),
      envelope(postId, 5, 'CommentEdited', {
        postId,
        commentId: c1,
        comment: 'Better',
        editedAt: at(4),
      }),
    ]);

    expect([...changes.comments.values()]).toEqual([
      {
        kind: 'insert',
        row: {
          id: c1,
          postId,
          username: 'linus',
          authorKey: null,
          comment: 'Better',
          commentDate: new Date(at(3)),
          editedAt: new Date(at(4)),
        },
      },
    ]);
    expect(changes.posts.get(postId)).toMatchObject({ commentsAdded: 1, version: 5 });
  });

  it('writes nothing for a comment added and removed in the same batch, and counts it out', () => {
    const changes = changesOf([
      envelope(postId, 6, 'CommentAdded', {
        postId,
        commentId: c2,
        username: 'linus',
        comment: 'Oops',
        commentDate: at(5),
      }),
      envelope(postId, 7, 'CommentRemoved', { postId, commentId: c2 }),
    ]);

    expect(changes.comments.size).toBe(0);
    expect(changes.posts.get(postId)).toMatchObject({ commentsAdded: 0, version: 7 });
  });

  it('updates and deletes comments of earlier batches by id (the deletion counts them out), and marks a removed post', () => {
    const changes = changesOf([
      envelope(postId, 8, 'CommentEdited', {
        postId,
        commentId: c1,
        comment: 'Later',
        editedAt: at(6),
      }),
      envelope(postId, 9, 'CommentRemoved', { postId, commentId: c2 }),
      envelope(postId, 10, 'PostRemoved', { postId, username: 'ada', removedAt: at(7) }),
    ]);

    expect([...changes.comments.values()]).toEqual([
      { kind: 'update', id: c1, comment: 'Later', editedAt: new Date(at(6)) },
      { kind: 'delete', id: c2 },
    ]);
    expect(changes.posts.get(postId)).toEqual({
      id: postId,
      removedAt: new Date(at(7)),
      likesAdded: 0,
      commentsAdded: 0,
      version: 10,
    });
  });

  describe('erasure', () => {
    it('writes a post whose author was erased as erased, with no word of theirs', () => {
      const changes = changesOf([
        readableEnvelope(postId, 1, 'PostCreated', {
          postId,
          author: null,
          message: null,
          tags: null,
          datePosted: at(0),
        }),
      ]);

      expect(changes.posts.get(postId)).toMatchObject({
        created: { author: null, authorKey: null, message: null },
        erasedAt: new Date('2026-11-25T10:00:00.000Z'),
      });
    });

    it('counts a like of an erased person but keeps no row naming them, and skips their comment and its edits', () => {
      const changes = changesOf([
        readableEnvelope(postId, 2, 'PostLiked', { postId, username: null, likedAt: at(1) }),
        readableEnvelope(postId, 3, 'CommentAdded', {
          postId,
          commentId: c1,
          username: null,
          comment: null,
          commentDate: at(2),
        }),
        readableEnvelope(postId, 4, 'CommentEdited', {
          postId,
          commentId: c1,
          comment: null,
          editedAt: at(3),
        }),
        envelope(postId, 5, 'CommentRemoved', { postId, commentId: c1 }),
      ]);

      expect(changes.likes).toEqual([]);
      expect([...changes.comments.values()]).toEqual([{ kind: 'delete', id: c1 }]);
      expect(changes.posts.get(postId)).toMatchObject({ likesAdded: 1, commentsAdded: 0 });
    });

    it('collects the people a PersonErased names, and marks the post erased when they wrote it', () => {
      const changes = changesOf([
        envelope(postId, 6, 'PersonErased', {
          postId,
          person: 'key-linus',
          erasesAuthor: false,
          erasedAt: at(4),
        }),
        envelope(postId, 7, 'PersonErased', {
          postId,
          person: 'key-ada',
          erasesAuthor: true,
          erasedAt: at(5),
        }),
      ]);

      expect(changes.erased).toEqual(
        new Map([
          ['key-linus', new Date(at(4))],
          ['key-ada', new Date(at(5))],
        ]),
      );
      expect(changes.posts.get(postId)).toMatchObject({ erasedAt: new Date(at(5)), version: 7 });
    });
  });
});
