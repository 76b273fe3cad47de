import { VersionConflict } from '@social-posts/event-sourcing';
import { IdempotencyKeyReused } from '../application/post-command-runner';
import { RemovedPostHistoryIsPrivate } from '../post-history/history-access';
import { mapPostError } from './post-problems';
import {
  AlreadyLiked,
  CommentNotFound,
  InvalidText,
  NotTheAuthor,
  PostAlreadyExists,
  PostIsRemoved,
  PostNotFound,
  VersionNotFound,
} from '../domain/post.errors';

const postId = '7b0e2a8e-3f4c-4d1a-9c55-3b1f0f6f2a10';

describe('post-cmd problem types: a contract clients match on, written out', () => {
  it.each([
    [new InvalidText('message', 'must not be empty'), 400, 'invalid-text'],
    [new PostNotFound(postId), 404, 'post-not-found'],
    [new CommentNotFound(postId, 'c1'), 404, 'comment-not-found'],
    [new VersionNotFound(postId, 9, 3), 404, 'version-not-found'],
    [new NotTheAuthor('grace', 'the post'), 403, 'not-the-author'],
    [new RemovedPostHistoryIsPrivate(postId), 403, 'removed-post-history-is-private'],
    [new PostAlreadyExists(postId), 409, 'post-already-exists'],
    [new PostIsRemoved(postId), 409, 'post-is-removed'],
    [new AlreadyLiked(postId, 'grace'), 409, 'already-liked'],
    [new VersionConflict(postId, 3), 409, 'version-conflict'],
    [new IdempotencyKeyReused(), 422, 'idempotency-key-reused'],
  ])('answers %p as %i %s', (error, status, name) => {
    expect(mapPostError(error)).toMatchObject({
      status,
      type: `urn:social-posts:problem:${name}`,
    });
  });

  it('leaves errors it does not own to the shell', () => {
    expect(mapPostError(new Error('unforeseen'))).toBeUndefined();
  });
});
