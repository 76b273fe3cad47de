import type { PostEvent, ReadablePostEvent } from '@social-posts/post-events';

/**
 * What the rules need to know of one comment, rebuilt from that comment's events alone: a post
 * with a hundred thousand comments loads none of them, and a comment command loads one.
 */
export type CommentState =
  | { readonly status: 'Unknown' }
  | { readonly status: 'Active' | 'Removed'; readonly author: string }
  /** Its author was erased: it reads as removed, and nobody can act on it. */
  | { readonly status: 'Erased' };

export const initialCommentState: CommentState = { status: 'Unknown' };

/** The part of a post's stream that a comment's events form, read on its own by the store. */
export const commentEntity = (commentId: string): string => `comment:${commentId}`;

/** The comment an event concerns, if any. */
export function commentEntityOf(event: PostEvent): string | undefined {
  switch (event.type) {
    case 'CommentAdded':
    case 'CommentEdited':
    case 'CommentRemoved':
      return commentEntity(event.data.commentId);
    default:
      return undefined;
  }
}

/** Applies one of the comment's events: pure, like the post's `evolve`. */
export function evolveComment(state: CommentState, event: ReadablePostEvent): CommentState {
  if (state.status === 'Erased') return state;
  switch (event.type) {
    case 'CommentAdded': {
      const { username, comment } = event.data;
      return username === null || comment === null
        ? { status: 'Erased' }
        : { status: 'Active', author: username };
    }
    case 'CommentEdited':
      if (state.status !== 'Active') {
        throw new Error(`CommentEdited for comment ${event.data.commentId}, which is not there`);
      }
      return state;
    case 'CommentRemoved':
      if (state.status !== 'Active') {
        throw new Error(`CommentRemoved for comment ${event.data.commentId}, which is not there`);
      }
      return { ...state, status: 'Removed' };
    default:
      throw new Error(`${event.type} is not an event of a comment`);
  }
}
