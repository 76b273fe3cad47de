import { Map as ImmutableMap } from 'immutable';
import type { PostState } from './post';

/**
 * The shape of a snapshot of PostState. Bump it whenever `evolve` or the state changes (the
 * spec beside this file pins post.ts to it): snapshots of another shape are then ignored and
 * rewritten, never misread.
 */
export const POST_STATE_VERSION = 1;

/** A post's state as a snapshot stores it: plain JSON-like data, comment authors as pairs. */
export type PostSnapshotState =
  | { readonly status: 'Unknown' }
  | {
      readonly status: 'Active' | 'Removed';
      readonly postId: string;
      readonly author: string;
      readonly message: string;
      readonly datePosted: string;
      readonly likes: number;
      readonly commentAuthors: readonly (readonly [commentId: string, username: string])[];
    };

export function toSnapshotState(state: PostState): PostSnapshotState {
  if (state.status === 'Unknown') return state;
  return { ...state, commentAuthors: [...state.commentAuthors.entries()] };
}

/** The state a snapshot of POST_STATE_VERSION holds (the caller checks the version). */
export function fromSnapshotState(snapshot: PostSnapshotState): PostState {
  if (snapshot.status === 'Unknown') return snapshot;
  return { ...snapshot, commentAuthors: ImmutableMap(snapshot.commentAuthors) };
}
