import type { PostEvent } from '@social-posts/post-events';
import type { PostState } from '../domain/post';
import { requireActivePost, requireUsername } from '../domain/post.rules';

export interface LikePost {
  readonly postId: string;
  readonly username: string;
  readonly at: string;
}

/** A second like by the same user is refused by the event store: see exclusiveClaimOf. */
export function decideLikePost(command: LikePost, state: PostState): PostEvent {
  requireActivePost(state, command.postId);
  const username = requireUsername('username', command.username);
  return { type: 'PostLiked', data: { postId: command.postId, username, likedAt: command.at } };
}
