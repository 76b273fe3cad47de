import type { ReadablePostEventEnvelope, PostEventType } from '@social-posts/post-events';

/** Per projection, per post: the version of the last event the projection passed. */
export type Positions = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * What the planning needs of a projection's build: its key and the event types it applies. A
 * build under way beside the live one is planned like any other: events ahead of it are held
 * for it until the republish that feeds it brings their predecessors.
 */
export interface PlannedProjection {
  readonly name: string;
  readonly handles: readonly PostEventType[];
}

/** A projection's position in a post's stream, moved on; `known` when there was one before. */
export interface PositionMove {
  readonly projection: string;
  readonly postId: string;
  readonly version: number;
  readonly known: boolean;
}

/** An event of the batch held for a gap: the post still waits for version `awaiting`. */
export interface HeldForGap {
  readonly event: ReadablePostEventEnvelope;
  readonly awaiting: number;
}

export interface ProjectionCounts {
  /** Applied to the read model, including held events that could now follow. */
  readonly applied: number;
  /** At or below the post's applied version: a redelivery or a replay. */
  readonly skipped: number;
  /** Ahead of the post's next version: held until the missing ones arrive. */
  readonly held: number;
}

/** What a batch's transaction writes: the decisions of `planBatch`, no I/O. */
export interface BatchPlan {
  /** Per projection: the events it applies, each post's in version order, each once. */
  readonly apply: ReadonlyMap<string, readonly ReadablePostEventEnvelope[]>;
  readonly moves: readonly PositionMove[];
  /** Events of the batch to hold (events already held stay held, and are not listed). */
  readonly hold: readonly HeldForGap[];
  /** Per post that had held events: those below `below` are applied or duplicates, and go. */
  readonly release: readonly { readonly postId: string; readonly below: number }[];
  readonly counts: ProjectionCounts;
}

interface Candidate {
  readonly event: ReadablePostEventEnvelope;
  /** Held from an earlier batch, rather than in this one. */
  readonly wasHeld: boolean;
}

/**
 * The order rules of the read side (guarantees 2 and 4 of docs/design.md), as one pure step:
 * given each projection's positions, the events held for the batch's posts and the batch, what
 * each projection applies, how its positions move, and which events are held or released.
 * For each projection, a post's events are taken in version order:
 * - at or below its position: a redelivery or a replay, skipped (no double effects);
 * - the next version: applied if it handles that type (passed otherwise, its position moving on
 *   all the same), then any held events that now follow, in order;
 * - beyond the next version: a gap. The event is held until every projection has passed it,
 *   never applied early and never dropped; held events below every projection's next version
 *   are released.
 */
export function planBatch(
  projections: readonly PlannedProjection[],
  positions: Positions,
  held: readonly ReadablePostEventEnvelope[],
  batch: readonly ReadablePostEventEnvelope[],
): BatchPlan {
  const byPost = new Map<string, Candidate[]>();
  const add = (event: ReadablePostEventEnvelope, wasHeld: boolean) => {
    const candidates = byPost.get(event.aggregateId) ?? [];
    candidates.push({ event, wasHeld });
    byPost.set(event.aggregateId, candidates);
  };
  for (const event of batch) add(event, false);
  for (const event of held) if (byPost.has(event.aggregateId)) add(event, true);

  const apply = new Map(projections.map(({ name }) => [name, [] as ReadablePostEventEnvelope[]]));
  const moves: PositionMove[] = [];
  const hold: HeldForGap[] = [];
  const release: { postId: string; below: number }[] = [];
  const counts = { applied: 0, skipped: 0, held: 0 };

  for (const [postId, candidates] of byPost) {
    candidates.sort((a, b) => a.event.version - b.event.version);
    const applied = new Set<ReadablePostEventEnvelope>();
    // The lowest next version over the projections: every event from there on is still needed.
    let needed = Infinity;
    for (const { name, handles } of projections) {
      const position = positions.get(name)?.get(postId);
      let next = (position ?? 0) + 1;
      for (const { event } of candidates) {
        if (event.version > next) break;
        if (event.version < next) continue;
        if (handles.includes(event.eventType)) apply.get(name)!.push(event);
        applied.add(event);
        next++;
      }
      if (next - 1 !== (position ?? 0)) {
        moves.push({ projection: name, postId, version: next - 1, known: position !== undefined });
      }
      needed = Math.min(needed, next);
    }
    for (const { event, wasHeld } of candidates) {
      if (wasHeld) {
        if (applied.has(event)) counts.applied++;
      } else if (event.version >= needed) {
        hold.push({ event, awaiting: needed });
        counts.held++;
      } else if (applied.has(event)) {
        counts.applied++;
      } else {
        counts.skipped++;
      }
    }
    if (candidates.some((candidate) => candidate.wasHeld)) release.push({ postId, below: needed });
  }
  return { apply, moves, hold, release, counts };
}
