import type { PostEvent } from '@social-posts/post-events';
import { Map as ImmutableMap } from 'immutable';

export interface ExistingPost {
  readonly postId: string;
  readonly author: string;
  readonly message: string;
  readonly datePosted: string;
  /**
   * How many users liked the post. Who they are is not loaded: "at most once per user" is a
   * claim the event store keeps (post.rules.ts), so the state stays small however many like it.
   */
  readonly likes: number;
  /**
   * Each comment's author, by comment id; a removed comment is gone. A persistent map: adding
   * one comment shares the others instead of copying them, so a replay stays linear.
   */
  readonly commentAuthors: ImmutableMap<string, string>;
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
 * Nothing here copies what grows with the stream: a replay is O(events).
 */
export function evolve(state: PostState, event: PostEvent): PostState {
  if (event.type === 'PostCreated') {
    const { postId, author, message, datePosted } = event.data;
    return {
      status: 'Active',
      postId,
      author,
      message,
      datePosted,
      likes: 0,
      commentAuthors: ImmutableMap(),
    };
  }
  if (state.status === 'Unknown') {
    throw new Error(`${event.type} for post ${event.data.postId}, which was never created`);
  }
  switch (event.type) {
    case 'PostMessageEdited':
      return { ...state, message: event.data.message };
    case 'PostLiked':
      return { ...state, likes: state.likes + 1 };
    case 'CommentAdded': {
      const { commentId, username } = event.data;
      return { ...state, commentAuthors: state.commentAuthors.set(commentId, username) };
    }
    case 'CommentEdited': {
      if (!state.commentAuthors.has(event.data.commentId)) {
        throw new Error(`CommentEdited for unknown comment ${event.data.commentId}`);
      }
      return state;
    }
    case 'CommentRemoved':
      return { ...state, commentAuthors: state.commentAuthors.delete(event.data.commentId) };
    case 'PostRemoved':
      return { ...state, status: 'Removed' };
    default: {
      // A new event type that is not handled here fails to compile.
      const unhandled: never = event;
      throw new Error(`Unhandled post event ${JSON.stringify(unhandled)}`);
    }
  }
}
