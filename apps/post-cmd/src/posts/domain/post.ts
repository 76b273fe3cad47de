import type { PostEvent } from '@social-posts/post-events';

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
 * The state holds nothing that grows with the stream: a replay is O(events), and a snapshot
 * has the same size after ten events or a million.
 */
export function evolve(state: PostState, event: PostEvent): PostState {
  if (event.type === 'PostCreated') {
    const { postId, author, message, datePosted } = event.data;
    return { status: 'Active', postId, author, message, datePosted, likes: 0 };
  }
  if (state.status === 'Unknown') {
    throw new Error(`${event.type} for post ${event.data.postId}, which was never created`);
  }
  switch (event.type) {
    case 'PostMessageEdited':
      return { ...state, message: event.data.message };
    case 'PostLiked':
      return { ...state, likes: state.likes + 1 };
    case 'CommentAdded':
    case 'CommentEdited':
    case 'CommentRemoved':
      // A comment's own state is its events' (comment.ts); the post's is unchanged.
      return state;
    case 'PostRemoved':
      return { ...state, status: 'Removed' };
    default: {
      // A new event type that is not handled here fails to compile.
      const unhandled: never = event;
      throw new Error(`Unhandled post event ${JSON.stringify(unhandled)}`);
    }
  }
}
