import type { PostEvent } from '@social-posts/post-events';
import type { PostState } from '../post';
import { requireActivePost, requireOwnComment, requireUsername } from '../post.rules';

export interface RemoveComment {
  readonly postId: string;
  readonly commentId: string;
  readonly username: string;
}

export function decideRemoveComment(command: RemoveComment, state: PostState): PostEvent {
  const post = requireActivePost(state, command.postId);
  requireOwnComment(post, command.commentId, requireUsername('username', command.username));
  return { type: 'CommentRemoved', data: { postId: command.postId, commentId: command.commentId } };
}
