import { Injectable, Logger } from '@nestjs/common';
import type { ReadablePostEventEnvelope } from '@social-posts/post-events';
import { DataSource, type EntityManager } from 'typeorm';
import { isRejectedByDatabase } from '../database/database-problems';
import { planBatch, type PlannedProjection, type ProjectionCounts } from './batch-plan';
import { HeldEvents } from './held-events';
import type { Delivery, Projection } from './projection';
import { ProjectionBuilds, positionKeyOf, type ProjectionBuild } from './projection-builds';
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

/** A build this process writes, with the code that writes it. */
interface BuildToWrite {
  readonly build: ProjectionBuild;
  readonly projection: Projection;
}

/**
 * Runs every projection over a batch of events, in one transaction: read, plan, write. It reads
 * the builds to write (the live one of each projection, and one being rebuilt beside it), the
 * batch's positions in them (locked until the commit) and the events held for its posts, lets
 * `planBatch` decide what each build applies, how positions move and what is held or released
 * (the order rules, batch-plan.ts), then writes that: each build set-based, in its own schema, a
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
    private readonly builds: ProjectionBuilds,
  ) {}

  /**
   * Every live build, whatever version made it (this code's version writes it from now on),
   * and the builds under way of this code's version: one of another version is being replaced
   * (projection-rebuilds.ts), or belongs to instances of a newer deploy. In the order the app
   * lists its projections: a later one may read what an earlier one wrote in the same batch.
   */
  private async buildsToWrite(manager: EntityManager): Promise<BuildToWrite[]> {
    const order = (build: ProjectionBuild) => this.projections.indexOf(build.projection);
    return (await this.builds.running(manager))
      .sort((a, b) => order(a) - order(b))
      .flatMap((build) => {
        const projection = this.projections.find(build.projection);
        if (!projection) return [];
        if (build.state === 'building' && build.version !== projection.version) return [];
        return [{ build, projection }];
      });
  }

  async apply(
    events: readonly ReadablePostEventEnvelope[],
    deliveries: ReadonlyMap<string, Delivery> = new Map(),
  ): Promise<ProjectionOutcome> {
    try {
      return { ...(await this.applyTogether(events, deliveries)), rejected: [] };
    } catch (error) {
      if (!isRejectedByDatabase(error)) throw error;
      this.logger.warn(`PostgreSQL refused a batch (${String(error)}); applying it post by post`);
      return this.applyPostByPost(events, deliveries);
    }
  }

  private async applyPostByPost(
    events: readonly ReadablePostEventEnvelope[],
    deliveries: ReadonlyMap<string, Delivery>,
  ): Promise<ProjectionOutcome> {
    const outcome = { applied: 0, skipped: 0, held: 0 };
    const rejected: RejectedPost[] = [];
    for (const [postId, postEvents] of byPostId(events)) {
      try {
        const counts = await this.applyTogether(postEvents, deliveries);
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

  private applyTogether(
    events: readonly ReadablePostEventEnvelope[],
    deliveries: ReadonlyMap<string, Delivery>,
  ): Promise<ProjectionCounts> {
    if (events.length === 0) return Promise.resolve({ applied: 0, skipped: 0, held: 0 });
    return this.dataSource.transaction(async (manager) => {
      const postIds = [...new Set(events.map((event) => event.aggregateId))];
      const builds = await this.buildsToWrite(manager);
      const positions = await this.positions.read(manager, postIds);
      const held = await this.held.heldFor(manager, postIds);

      const planned: PlannedProjection[] = builds.map(({ build, projection }) => ({
        name: positionKeyOf(build),
        handles: projection.handles,
        catchingUp: build.state === 'building',
      }));
      const plan = planBatch(planned, positions, held, events);

      for (const { event, awaiting } of plan.hold) {
        this.logger.warn({
          msg:
            `post ${event.aggregateId}: version ${event.version} arrived with ${awaiting - 1} ` +
            `applied; held until ${awaiting} arrives`,
          correlationId: event.metadata.correlationId,
        });
      }
      for (const { build, projection } of builds) {
        const batch = plan.apply.get(positionKeyOf(build))!;
        if (batch.length === 0) continue;
        // The build's own tables first on the path: a projection names its tables unqualified.
        await manager.query(`SELECT set_config('search_path', $1, true)`, [
          `${build.schema}, public`,
        ]);
        await projection.apply(manager, batch, { live: build.state === 'live', deliveries });
      }
      await manager.query(`SELECT set_config('search_path', 'public', true)`);
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
function byPostId(
  events: readonly ReadablePostEventEnvelope[],
): Map<string, ReadablePostEventEnvelope[]> {
  const posts = new Map<string, ReadablePostEventEnvelope[]>();
  for (const event of events) {
    const postEvents = posts.get(event.aggregateId) ?? [];
    postEvents.push(event);
    posts.set(event.aggregateId, postEvents);
  }
  return posts;
}
