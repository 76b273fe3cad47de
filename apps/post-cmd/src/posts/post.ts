import type { PostEvent } from '@social-posts/post-events';

export interface CommentState {
  readonly username: string;
  readonly comment: string;
}

export interface ExistingPost {
  readonly postId: string;
  readonly author: string;
  readonly message: string;
  readonly datePosted: string;
  /** Users who liked the post; each at most once. */
  readonly likedBy: readonly string[];
  /** Comments by id; a removed comment is gone. */
  readonly comments: Readonly<Record<string, CommentState>>;
}

export type ActivePost = { readonly status: 'Active' } & ExistingPost;

/** What the rules need to know of a post, rebuilt from its events. */
export type PostState =
  { readonly status: 'Unknown' } | ActivePost | ({ readonly status: 'Removed' } & ExistingPost);

export const initialPostState: PostState = { status: 'Unknown' };

/**
 * Applies one event to the state: pure, and the same code for replay and for new events.
 * Events are facts already checked by the rules, so an event that does not fit the state
 * (which only a corrupted stream could hold) is an error, not something to guess around.
 */
export function evolve(state: PostState, event: PostEvent): PostState {
  if (event.type === 'PostCreated') {
    const { postId, author, message, datePosted } = event.data;
    return { status: 'Active', postId, author, message, datePosted, likedBy: [], comments: {} };
  }
  if (state.status === 'Unknown') {
    throw new Error(`${event.type} for post ${event.data.postId}, which was never created`);
  }
  switch (event.type) {
    case 'PostMessageEdited':
      return { ...state, message: event.data.message };
    case 'PostLiked':
      return { ...state, likedBy: [...state.likedBy, event.data.username] };
    case 'CommentAdded': {
      const { commentId, username, comment } = event.data;
      return { ...state, comments: { ...state.comments, [commentId]: { username, comment } } };
    }
    case 'CommentEdited': {
      const { commentId, comment } = event.data;
      const existing = state.comments[commentId];
      if (!existing) throw new Error(`CommentEdited for unknown comment ${commentId}`);
      return { ...state, comments: { ...state.comments, [commentId]: { ...existing, comment } } };
    }
    case 'CommentRemoved': {
      const { [event.data.commentId]: _removed, ...comments } = state.comments;
      return { ...state, comments };
    }
    case 'PostRemoved':
      return { ...state, status: 'Removed' };
    default: {
      // A new event type that is not handled here fails to compile.
      const unhandled: never = event;
      throw new Error(`Unhandled post event ${JSON.stringify(unhandled)}`);
    }
  }
}
