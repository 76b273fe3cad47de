import { Injectable, Logger } from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { DataSource } from 'typeorm';
import { isRejectedByDatabase } from '../database/database-problems';
import { ProjectionPositions } from '../projections/projection-positions';
import { RegisteredProjections } from '../projections/registered-projections';
import { HeldEvents } from './held-events';

export interface ProjectionCounts {
  /** Applied to the read model, including held events that could now follow. */
  readonly applied: number;
  /** At or below the post's applied version: a redelivery or a replay. */
  readonly skipped: number;
  /** Ahead of the post's next version: held until the missing ones arrive. */
  readonly held: number;
}

/** A post whose events PostgreSQL refused (a value it cannot store, a broken constraint). */
export interface RejectedPost {
  readonly postId: string;
  readonly reason: string;
}

export interface ProjectionOutcome extends ProjectionCounts {
  /** Nothing of these posts' events in the batch was applied: they are to be parked. */
  readonly rejected: readonly RejectedPost[];
}

interface Candidate {
  readonly event: PostEventEnvelope;
  /** Held from an earlier batch, rather than in this one. */
  readonly wasHeld: boolean;
}

/**
 * Runs every projection (projections.ts) over a batch of events, in one transaction. Each
 * projection has its own position in each post's stream, and is given that post's events
 * strictly in version order:
 * - at or below its position: a redelivery or a replay, skipped (no double effects);
 * - the next version: applied if it handles that type (passed otherwise), then any held events
 *   that now follow, in order;
 * - beyond the next version: a gap. The event is held in pending_events until every projection
 *   has passed it, never applied early and never dropped, and the partition keeps flowing: the
 *   missing versions may well come later in it (after a projection was reset and the write side
 *   republished, say).
 * The decisions are made in memory, from one locking read of the batch's positions and one read
 * of their held events; each projection then writes set-based: a handful of statements a batch.
 *
 * If PostgreSQL refuses the batch's data (SQLSTATE class 22 or 23), a retry would fail alike and
 * stop the partition for good; the batch is then applied again post by post, each in its own
 * transaction, and the posts it still refuses are reported as rejected, none of their events applied.
 */
@Injectable()
export class PostEventsProjector {
  private readonly logger = new Logger(PostEventsProjector.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: RegisteredProjections,
    private readonly positions: ProjectionPositions,
    private readonly held: HeldEvents,
  ) {}

  async apply(events: readonly PostEventEnvelope[]): Promise<ProjectionOutcome> {
    try {
      return { ...(await this.applyTogether(events)), rejected: [] };
    } catch (error) {
      if (!isRejectedByDatabase(error)) throw error;
      this.logger.warn(`PostgreSQL refused a batch (${String(error)}); applying it post by post`);
      return this.applyPostByPost(events);
    }
  }

  private async applyPostByPost(events: readonly PostEventEnvelope[]): Promise<ProjectionOutcome> {
    const outcome = { applied: 0, skipped: 0, held: 0 };
    const rejected: RejectedPost[] = [];
    for (const [postId, postEvents] of byPostId(events)) {
      try {
        const counts = await this.applyTogether(postEvents);
        outcome.applied += counts.applied;
        outcome.skipped += counts.skipped;
        outcome.held += counts.held;
      } catch (error) {
        if (!isRejectedByDatabase(error)) throw error;
        rejected.push({
          postId,
          reason: `the read model refused its events: ${errorMessage(error)}`,
        });
      }
    }
    return { ...outcome, rejected };
  }

  private applyTogether(events: readonly PostEventEnvelope[]): Promise<ProjectionCounts> {
    if (events.length === 0) return Promise.resolve({ applied: 0, skipped: 0, held: 0 });
    return this.dataSource.transaction(async (manager) => {
      const byPost = new Map<string, Candidate[]>();
      for (const [postId, postEvents] of byPostId(events)) {
        byPost.set(
          postId,
          postEvents.map((event) => ({ event, wasHeld: false })),
        );
      }
      const postIds = [...byPost.keys()];
      const positions = await this.positions.read(manager, postIds);
      for (const event of await this.held.heldFor(manager, postIds)) {
        byPost.get(event.aggregateId)!.push({ event, wasHeld: true });
      }

      const toApply = new Map(
        this.projections.all.map(({ name }) => [name, [] as PostEventEnvelope[]]),
      );
      const moves: { projection: string; postId: string; version: number; known: boolean }[] = [];
      const toHold: PostEventEnvelope[] = [];
      const drained: { postId: string; below: number }[] = [];
      const outcome = { applied: 0, skipped: 0, held: 0 };
      for (const [postId, candidates] of byPost) {
        candidates.sort((a, b) => a.event.version - b.event.version);
        const applied = new Set<PostEventEnvelope>();
        // The lowest next version over the projections: every event from there on is still needed.
        let needed = Infinity;
        for (const { name, projection } of this.projections.all) {
          const position = positions.get(name)?.get(postId);
          let next = (position ?? 0) + 1;
          for (const { event } of candidates) {
            if (event.version > next) break;
            if (event.version < next) continue;
            if (projection.handles.includes(event.eventType)) toApply.get(name)!.push(event);
            applied.add(event);
            next++;
          }
          if (next - 1 !== (position ?? 0)) {
            moves.push({
              projection: name,
              postId,
              version: next - 1,
              known: position !== undefined,
            });
          }
          needed = Math.min(needed, next);
        }
        for (const { event, wasHeld } of candidates) {
          if (wasHeld) continue;
          if (event.version >= needed) {
            toHold.push(event);
            outcome.held++;
            this.logger.warn({
              msg:
                `post ${postId}: version ${event.version} arrived with ${needed - 1} applied; ` +
                `held until ${needed} arrives`,
              correlationId: event.metadata.correlationId,
            });
          } else if (applied.has(event)) {
            outcome.applied++;
          } else {
            outcome.skipped++;
          }
        }
        outcome.applied += candidates.filter((c) => c.wasHeld && applied.has(c.event)).length;
        if (candidates.some((candidate) => candidate.wasHeld)) {
          drained.push({ postId, below: needed });
        }
      }

      for (const { name, projection } of this.projections.all) {
        const batch = toApply.get(name)!;
        if (batch.length > 0) await projection.apply(manager, batch);
      }
      await this.positions.advance(manager, moves);
      await this.held.hold(manager, toHold);
      await this.held.release(manager, drained);
      return outcome;
    });
  }
}

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** The events of each post, in the order given. */
function byPostId(events: readonly PostEventEnvelope[]): Map<string, PostEventEnvelope[]> {
  const posts = new Map<string, PostEventEnvelope[]>();
  for (const event of events) {
    const postEvents = posts.get(event.aggregateId) ?? [];
    postEvents.push(event);
    posts.set(event.aggregateId, postEvents);
  }
  return posts;
}
