import type { PostEvent } from '@social-posts/post-events';
import type { CommentState } from '../domain/comment';
import type { PostState } from '../domain/post';
import { requireActivePost, requireOwnComment, requireUsername } from '../domain/post.rules';

export interface RemoveComment {
  readonly postId: string;
  readonly commentId: string;
  readonly username: string;
}

export function decideRemoveComment(
  command: RemoveComment,
  state: PostState,
  comment: CommentState,
): PostEvent {
  const post = requireActivePost(state, command.postId);
  const username = requireUsername('username', command.username);
  requireOwnComment(post, command.commentId, comment, username);
  return { type: 'CommentRemoved', data: { postId: command.postId, commentId: command.commentId } };
}
