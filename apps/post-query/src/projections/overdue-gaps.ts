import type { HeldPost } from './held-events';

export interface OverdueGap {
  readonly post: HeldPost;
  /** Why the post is parked, naming the version that never came. */
  readonly reason: string;
}

/**
 * The last order rule (guarantee 4): a post whose live builds have waited longer than
 * `timeoutMs` for a missing version is parked, rather than holding its events for ever; a gap
 * younger than that may still close. `liveNext` is, per post, the next version every live build
 * needs (1 for a post one of them has not seen). Events held only for a build under way (below
 * that version) are not a gap: the republish that feeds the build brings their predecessors,
 * however long it takes.
 */
export function overdueGaps(
  held: readonly HeldPost[],
  liveNext: ReadonlyMap<string, number>,
  now: Date,
  timeoutMs: number,
): OverdueGap[] {
  return held.flatMap((post) => {
    const next = liveNext.get(post.postId) ?? 1;
    const waitedFor = post.arrivals.filter((_, index) => post.events[index]!.version > next);
    if (waitedFor.length === 0) return [];
    const since = Math.min(...waitedFor.map((arrival) => arrival.getTime()));
    if (now.getTime() - since <= timeoutMs) return [];
    return [
      {
        post,
        reason: `version ${next} of post ${post.postId} did not arrive within ${timeoutMs} ms`,
      },
    ];
  });
}
