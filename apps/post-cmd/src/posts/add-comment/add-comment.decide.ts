import { MAX_COMMENT_LENGTH, type PostEvent } from '@social-posts/post-events';
import type { PostState } from '../domain/post';
import { requireActivePost, requireText, requireUsername } from '../domain/post.rules';

export interface AddComment {
  readonly postId: string;
  /** Chosen at the edge, so the client learns it from the answer. */
  readonly commentId: string;
  readonly username: string;
  readonly comment: string;
  readonly at: string;
}

export function decideAddComment(command: AddComment, state: PostState): PostEvent {
  requireActivePost(state, command.postId);
  return {
    type: 'CommentAdded',
    data: {
      postId: command.postId,
      commentId: command.commentId,
      username: requireUsername('username', command.username),
      comment: requireText('comment', command.comment, MAX_COMMENT_LENGTH),
      commentDate: command.at,
    },
  };
}
