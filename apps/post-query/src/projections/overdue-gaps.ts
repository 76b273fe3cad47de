import type { HeldPost } from './held-events';

export interface OverdueGap {
  readonly post: HeldPost;
  /** Why the post is parked, naming the version that never came. */
  readonly reason: string;
}

/**
 * The last order rule (guarantee 4): a post whose missing version has not arrived within
 * `timeoutMs` of its oldest held event is parked, rather than holding its events for ever; a
 * gap younger than that may still close (a republish after a reset comes in order, but later).
 */
export function overdueGaps(held: readonly HeldPost[], now: Date, timeoutMs: number): OverdueGap[] {
  return held
    .filter((post) => now.getTime() - post.since.getTime() > timeoutMs)
    .map((post) => ({
      post,
      reason:
        `version ${post.events[0]!.version - 1} of post ${post.postId} ` +
        `did not arrive within ${timeoutMs} ms`,
    }));
}
