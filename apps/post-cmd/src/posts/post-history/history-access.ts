import { isAuthorOrAdmin, Unauthenticated, type Actor } from '@social-posts/service-runtime';
import type { ExistingPost, PostState } from '../domain/post';
import { PostNotFound, PostRuleViolation } from '../domain/post.errors';

/** Someone other than its author, not an admin, asked for a removed post's history. */
export class RemovedPostHistoryIsPrivate extends PostRuleViolation {
  readonly problem = 'removed-post-history-is-private';
  readonly kind = 'forbidden';

  constructor(postId: string) {
    super(`Post ${postId} has been removed: its history is for its author and admins.`);
  }
}

/** Someone other than its author, not an admin, asked for the history of a post moderation hides. */
export class HiddenPostHistoryIsPrivate extends PostRuleViolation {
  readonly problem = 'hidden-post-history-is-private';
  readonly kind = 'forbidden';

  constructor(postId: string) {
    super(
      `Post ${postId} is hidden while moderators review it: its history is for its author and admins.`,
    );
  }
}

/** A post that was written and whose author was not erased: what a history can show. */
export type ReadablePost = Extract<PostState, ExistingPost>;

/** The post, unless it never was or its author was erased (both: 404). */
export function requireReadablePost(state: PostState, postId: string): ReadablePost {
  if (state.status === 'Unknown' || state.status === 'Erased') throw new PostNotFound(postId);
  return state;
}

/** The post's author and admins read its whole history; others what is public of it. */
export const readsWholeHistory = (state: ExistingPost, viewer: Actor | undefined): boolean =>
  isAuthorOrAdmin(viewer, state.author);

/**
 * Reads are public, but a removed post's history and past states hold what its author took
 * down, and a hidden one's what moderation keeps from view until its review ends: only its
 * author and admins may read them.
 */
export function assertMayReadHistory(state: ReadablePost, viewer: Actor | undefined): void {
  const removed = state.status === 'Removed';
  if ((!removed && state.hiddenFor === null) || readsWholeHistory(state, viewer)) return;
  if (viewer === undefined) {
    throw new Unauthenticated(
      `Post ${state.postId} has been ${removed ? 'removed' : 'hidden by moderation'}: its history is for its author and admins; send a bearer token.`,
      false,
    );
  }
  throw removed
    ? new RemovedPostHistoryIsPrivate(state.postId)
    : new HiddenPostHistoryIsPrivate(state.postId);
}
