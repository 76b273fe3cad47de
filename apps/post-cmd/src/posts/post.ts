import type { PostCreatedV1, PostEvent } from '@social-posts/post-events';

/** What the rules need to know of a post, rebuilt from its events. */
export type PostState =
  { readonly status: 'Unknown' } | ({ readonly status: 'Active' } & PostCreatedV1);

export const initialPostState: PostState = { status: 'Unknown' };

/** Applies one event to the state: pure, and the same code for replay and for new events. */
export function evolve(state: PostState, event: PostEvent): PostState {
  switch (event.type) {
    case 'PostCreated':
      return { status: 'Active', ...event.data };
    default: {
      // A new event type that is not handled here fails to compile.
      const unhandled: never = event.type;
      throw new Error(`Unhandled post event ${String(unhandled)}`);
    }
  }
}
