import type { ReadablePostEvent } from '@social-posts/post-events';

export interface ExistingPost {
  readonly postId: string;
  readonly author: string;
  readonly message: string;
  readonly datePosted: string;
  /**
   * How many users liked the post. Who they are is not loaded: "at most once per user" is a
   * claim the event store keeps (post.rules.ts), so the state stays small however many like it.
   * Comments are not held either: a comment command loads its comment alone (comment.ts).
   */
  readonly likes: number;
  /** The moderation case the post is hidden for, while one is open: only it can end it. */
  readonly hiddenFor: string | null;
}

export type ActivePost = { readonly status: 'Active' } & ExistingPost;

/**
 * A post whose author was erased: their key is deleted, so nothing of it can be read any more,
 * and it is gone as if never written (docs/12-privacy.md).
 */
export interface ErasedPost {
  readonly status: 'Erased';
  readonly postId: string;
}

/** What the rules need to know of a post, rebuilt from its events. */
export type PostState =
  | { readonly status: 'Unknown' }
  | ActivePost
  | ({ readonly status: 'Removed' } & ExistingPost)
  | ErasedPost;

export const initialPostState: PostState = { status: 'Unknown' };

/**
 * Applies one event to the state: pure, and the same code for replay and for new events.
 * Events are facts already checked by the rules, so an event that does not fit the state
 * (which only a corrupted stream could hold) is an error, not something to guess around.
 * The state holds nothing that grows with the stream: a replay is O(events), and a snapshot
 * has the same size after ten events or a million.
 */
export function evolve(state: PostState, event: ReadablePostEvent): PostState {
  if (event.type === 'PostCreated') {
    const { postId, author, message, datePosted } = event.data;
    if (author === null || message === null) return { status: 'Erased', postId };
    return { status: 'Active', postId, author, message, datePosted, likes: 0, hiddenFor: null };
  }
  if (state.status === 'Unknown') {
    throw new Error(`${event.type} for post ${event.data.postId}, which was never created`);
  }
  // Others may still like or comment on it as it is erased: it stays erased.
  if (state.status === 'Erased') return state;
  switch (event.type) {
    case 'PostMessageEdited':
      // Only its author edits it: their words unreadable means they were erased.
      return event.data.message === null
        ? { status: 'Erased', postId: state.postId }
        : { ...state, message: event.data.message };
    case 'PostLiked':
      return { ...state, likes: state.likes + 1 };
    case 'CommentAdded':
    case 'CommentEdited':
    case 'CommentRemoved':
      // A comment's own state is its events' (comment.ts); the post's is unchanged.
      return state;
    case 'PostRemoved':
      return { ...state, status: 'Removed' };
    case 'PostReported':
      // Reports are counted by moderation, which follows the events; the rules need none.
      return state;
    case 'PostHidden':
      return { ...state, hiddenFor: event.data.caseId };
    case 'PostShown':
      return { ...state, hiddenFor: null };
    case 'PostTakenDown':
      return { ...state, status: 'Removed', hiddenFor: null };
    case 'PersonErased':
      // Erased as the event is, on every instance, whatever key a process still holds.
      return event.data.erasesAuthor ? { status: 'Erased', postId: state.postId } : state;
    default: {
      // A new event type that is not handled here fails to compile.
      const unhandled: never = event;
      throw new Error(`Unhandled post event ${JSON.stringify(unhandled)}`);
    }
  }
}
