import type { PostEvent } from '@social-posts/post-events';
import type { PostState } from '../domain/post';
import { requireActivePost, requirePostAuthor, requireUsername } from '../domain/post.rules';

export interface RemovePost {
  readonly postId: string;
  readonly username: string;
  readonly at: string;
}

export function decideRemovePost(command: RemovePost, state: PostState): PostEvent {
  const post = requireActivePost(state, command.postId);
  const username = requireUsername('username', command.username);
  requirePostAuthor(post, username);
  return {
    type: 'PostRemoved',
    data: { postId: command.postId, username, removedAt: command.at },
  };
}
