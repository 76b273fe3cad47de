/**
 * The shape of a snapshot of PostState, which is plain data and stored as it is. Bump it
 * whenever `evolve` or the state changes (the spec beside this file pins post.ts to it):
 * snapshots of another shape are then ignored and rewritten, never misread.
 * 2: comments are no longer part of the state.
 * 3: a post whose author was erased (`Erased`); stored sealed with the author's key.
 * 4: the moderation case a post is hidden for (`hiddenFor`).
 */
export const POST_STATE_VERSION = 4;
