import { Injectable } from '@nestjs/common';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { DataSource } from 'typeorm';
import { PostDetailsProjection } from '../posts/post-details/post-details.projection';
import { VersionGap } from './version-gap.error';

export interface ProjectionOutcome {
  readonly applied: number;
  readonly skipped: number;
}

/**
 * Applies a batch of events in one transaction, each post's strictly in version order: an
 * event at or below the post's applied version is a redelivery and is skipped (at-least-once
 * delivery, no double effects); one beyond the next version is a gap, and nothing is applied.
 */
@Injectable()
export class PostEventsProjector {
  constructor(
    private readonly dataSource: DataSource,
    private readonly postDetails: PostDetailsProjection,
  ) {}

  apply(events: readonly PostEventEnvelope[]): Promise<ProjectionOutcome> {
    return this.dataSource.transaction(async (manager) => {
      let applied = 0;
      for (const event of events) {
        const lastApplied = await this.postDetails.lastAppliedVersion(manager, event.aggregateId);
        if (event.version <= lastApplied) continue;
        if (event.version !== lastApplied + 1) {
          throw new VersionGap(event.aggregateId, lastApplied, event.version);
        }
        await this.postDetails.apply(manager, event);
        applied++;
      }
      return { applied, skipped: events.length - applied };
    });
  }
}
