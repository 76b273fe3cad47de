import { Injectable, Logger } from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { DataSource } from 'typeorm';
import { isRejectedByDatabase } from '../database/database-problems';
import { PostDetailsChanges } from '../posts/post-details/post-details.changes';
import { PostDetailsProjection } from '../posts/post-details/post-details.projection';
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
 * Applies a batch of events in one transaction, each post's strictly in version order:
 * - at or below the post's applied version: a redelivery, skipped (no double effects);
 * - the next version: applied, then any held events that now follow, in order;
 * - beyond the next version: a gap. The event is held in pending_events, never applied early
 *   and never dropped, and the partition keeps flowing: the missing versions may well come
 *   later in it (after a read model was emptied and the write side republished, say).
 * The decisions are made in memory, from one locking read of the batch's posts and one read of
 * their held events; the changes are then written set-based: a handful of statements a batch.
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
    private readonly postDetails: PostDetailsProjection,
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
      const applied = await this.postDetails.lastAppliedVersions(manager, postIds);
      for (const event of await this.held.heldFor(manager, postIds)) {
        byPost.get(event.aggregateId)!.push({ event, wasHeld: true });
      }

      const changes = new PostDetailsChanges();
      const toHold: PostEventEnvelope[] = [];
      const drained: { postId: string; below: number }[] = [];
      const outcome = { applied: 0, skipped: 0, held: 0 };
      for (const [postId, candidates] of byPost) {
        const lastApplied = applied.get(postId) ?? 0;
        let next = lastApplied + 1;
        candidates.sort((a, b) => a.event.version - b.event.version);
        for (const { event, wasHeld } of candidates) {
          if (event.version < next) {
            if (!wasHeld) outcome.skipped++;
          } else if (event.version === next) {
            changes.apply(event);
            outcome.applied++;
            next++;
          } else if (!wasHeld) {
            toHold.push(event);
            outcome.held++;
            this.logger.warn({
              msg:
                `post ${postId}: version ${event.version} arrived with ${next - 1} applied; ` +
                `held until ${next} arrives`,
              correlationId: event.metadata.correlationId,
            });
          }
        }
        if (candidates.some((candidate) => candidate.wasHeld))
          drained.push({ postId, below: next });
      }

      await this.postDetails.write(manager, changes);
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
