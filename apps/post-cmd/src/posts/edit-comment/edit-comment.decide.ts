import { MAX_COMMENT_LENGTH, type PostEvent } from '@social-posts/post-events';
import type { CommentState } from '../domain/comment';
import type { PostState } from '../domain/post';
import {
  requireActivePost,
  requireOwnComment,
  requireText,
  requireUsername,
} from '../domain/post.rules';

export interface EditComment {
  readonly postId: string;
  readonly commentId: string;
  readonly username: string;
  readonly comment: string;
  readonly at: string;
}

export function decideEditComment(
  command: EditComment,
  state: PostState,
  comment: CommentState,
): PostEvent {
  const post = requireActivePost(state, command.postId);
  const username = requireUsername('username', command.username);
  requireOwnComment(post, command.commentId, comment, username);
  return {
    type: 'CommentEdited',
    data: {
      postId: command.postId,
      commentId: command.commentId,
      comment: requireText('comment', command.comment, MAX_COMMENT_LENGTH),
      editedAt: command.at,
    },
  };
}
