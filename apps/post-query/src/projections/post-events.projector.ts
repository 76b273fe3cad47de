import { Injectable, Logger } from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { DataSource } from 'typeorm';
import { isRejectedByDatabase } from '../database/database-problems';
import { planBatch, type PlannedProjection, type ProjectionCounts } from './batch-plan';
import { HeldEvents } from './held-events';
import { ProjectionPositions } from './projection-positions';
import { RegisteredProjections } from './registered-projections';

/** A post whose events PostgreSQL refused (a value it cannot store, a broken constraint). */
export interface RejectedPost {
  readonly postId: string;
  readonly reason: string;
}

export interface ProjectionOutcome extends ProjectionCounts {
  /** Nothing of these posts' events in the batch was applied: they are to be parked. */
  readonly rejected: readonly RejectedPost[];
}

/**
 * Runs every projection over a batch of events, in one transaction: read, plan, write. It reads
 * the batch's positions (locked until the commit) and the events held for its posts, lets
 * `planBatch` decide what each projection applies, how positions move and what is held or
 * released (the order rules, batch-plan.ts), then writes that: each projection set-based, a
 * handful of statements a batch.
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

  private get planned(): PlannedProjection[] {
    return this.projections.all.map(({ name, projection }) => ({
      name,
      handles: projection.handles,
    }));
  }

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
      const postIds = [...new Set(events.map((event) => event.aggregateId))];
      const positions = await this.positions.read(manager, postIds);
      const held = await this.held.heldFor(manager, postIds);

      const plan = planBatch(this.planned, positions, held, events);

      for (const { event, awaiting } of plan.hold) {
        this.logger.warn({
          msg:
            `post ${event.aggregateId}: version ${event.version} arrived with ${awaiting - 1} ` +
            `applied; held until ${awaiting} arrives`,
          correlationId: event.metadata.correlationId,
        });
      }
      for (const { name, projection } of this.projections.all) {
        const batch = plan.apply.get(name)!;
        if (batch.length > 0) await projection.apply(manager, batch);
      }
      await this.positions.advance(manager, plan.moves);
      await this.held.hold(
        manager,
        plan.hold.map(({ event }) => event),
      );
      await this.held.release(manager, plan.release);
      return plan.counts;
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
