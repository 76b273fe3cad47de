import { randomUUID } from 'node:crypto';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { envelope } from '../../test/support/post-event-fixtures';

/**
 * `count` events over posts of `perPost` events each, as post-cmd would store them: each post
 * created, then liked by new users, commented on and edited. Posts are interleaved (round
 * robin), as concurrent users would interleave them on the topic.
 */
export function eventHistory(count: number, perPost: number): PostEventEnvelope[] {
  const posts = Array.from({ length: Math.ceil(count / perPost) }, () => randomUUID());
  const at = new Date().toISOString();
  const events: PostEventEnvelope[] = [];
  for (let version = 1; events.length < count; version++) {
    for (const postId of posts) {
      if (events.length === count) break;
      events.push(eventOf(postId, version, at));
    }
  }
  return events;
}

export function eventOf(postId: string, version: number, at: string): PostEventEnvelope {
  if (version === 1) {
    return envelope(postId, 1, 'PostCreated', {
      postId,
      author: `author-${postId.slice(0, 4)}`,
      message: 'A post of the benchmark',
      tags: [],
      datePosted: at,
    });
  }
  switch (version % 4) {
    case 0:
      return envelope(postId, version, 'CommentAdded', {
        postId,
        commentId: randomUUID(),
        username: `user-${version}`,
        comment: `Comment ${version}`,
        commentDate: at,
      });
    case 1:
      return envelope(postId, version, 'PostMessageEdited', {
        postId,
        message: `Edited at version ${version}`,
        tags: [],
        editedAt: at,
      });
    default:
      return envelope(postId, version, 'PostLiked', {
        postId,
        username: `user-${version}`,
        likedAt: at,
      });
  }
}
