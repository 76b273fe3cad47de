import { Injectable, Logger } from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { DataSource, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { PostDetailsProjection } from '../posts/post-details/post-details.projection';
import { PendingEventEntity } from './pending-event.entity';

export interface ProjectionOutcome {
  /** Applied to the read model, including held events that could now follow. */
  readonly applied: number;
  /** At or below the post's applied version: a redelivery or a replay. */
  readonly skipped: number;
  /** Ahead of the post's next version: held until the missing ones arrive. */
  readonly held: number;
}

/**
 * Applies a batch of events in one transaction, each post's strictly in version order:
 * - at or below the post's applied version: a redelivery, skipped (no double effects);
 * - the next version: applied, then any held events that now follow, in order;
 * - beyond the next version: a gap. The event is held in pending_events, never applied early
 *   and never dropped, and the partition keeps flowing: the missing versions may well come
 *   later in it (after a read model was emptied and the write side republished, say).
 */
@Injectable()
export class PostEventsProjector {
  private readonly logger = new Logger(PostEventsProjector.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly postDetails: PostDetailsProjection,
  ) {}

  apply(events: readonly PostEventEnvelope[]): Promise<ProjectionOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const outcome = { applied: 0, skipped: 0, held: 0 };
      for (const event of events) {
        const lastApplied = await this.postDetails.lastAppliedVersion(manager, event.aggregateId);
        if (event.version <= lastApplied) {
          outcome.skipped++;
        } else if (event.version > lastApplied + 1) {
          await this.hold(manager, event, lastApplied);
          outcome.held++;
        } else {
          await this.postDetails.apply(manager, event);
          outcome.applied += 1 + (await this.applyHeldAfter(manager, event));
        }
      }
      return outcome;
    });
  }

  private async hold(
    manager: EntityManager,
    event: PostEventEnvelope,
    lastApplied: number,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PendingEventEntity)
      .values({ postId: event.aggregateId, version: event.version, envelope: event })
      .orIgnore()
      .execute();
    this.logger.warn(
      `post ${event.aggregateId}: version ${event.version} arrived with ${lastApplied} applied; ` +
        `held until ${lastApplied + 1} arrives`,
    );
  }

  /**
   * Applies the post's held events that follow `event` without a gap; resolves to how many.
   * One query finds them; nothing more happens for the usual post, which has none held.
   */
  private async applyHeldAfter(manager: EntityManager, event: PostEventEnvelope): Promise<number> {
    const postId = event.aggregateId;
    const held = await manager.find(PendingEventEntity, {
      where: { postId, version: MoreThanOrEqual(event.version) },
      order: { version: 'ASC' },
    });
    if (held.length === 0) return 0;
    let next = event.version + 1;
    for (const { version, envelope } of held) {
      if (version < next) continue;
      if (version > next) break;
      await this.postDetails.apply(manager, envelope);
      next++;
    }
    // Everything held below `next` is now applied, or was a duplicate of what was.
    await manager.delete(PendingEventEntity, { postId, version: LessThan(next) });
    return next - event.version - 1;
  }
}
