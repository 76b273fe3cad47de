import type { PostEvent } from '@social-posts/post-events';
import type { PostState } from '../post';
import { AlreadyLiked } from '../post.errors';
import { requireActivePost, requireUsername } from '../post.rules';

export interface LikePost {
  readonly postId: string;
  readonly username: string;
  readonly at: string;
}

export function decideLikePost(command: LikePost, state: PostState): PostEvent {
  const post = requireActivePost(state, command.postId);
  const username = requireUsername('username', command.username);
  if (post.likedBy.includes(username)) throw new AlreadyLiked(command.postId, username);
  return { type: 'PostLiked', data: { postId: command.postId, username, likedAt: command.at } };
}
