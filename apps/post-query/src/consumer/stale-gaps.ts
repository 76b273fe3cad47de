import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { LessThan, type Repository } from 'typeorm';
import { ParkedPosts } from './parked-posts';
import { PendingEventEntity } from './pending-event.entity';

export interface StaleGap {
  readonly postId: string;
  readonly reason: string;
  /** The post's held events, oldest version first. */
  readonly events: PostEventEnvelope[];
}

/**
 * Gaps that stayed open too long: a post whose missing version has not arrived within the
 * bound is parked, and its held events leave the pending table for the dead-letter topic.
 */
@Injectable()
export class StaleGaps {
  constructor(
    @InjectRepository(PendingEventEntity) private readonly pending: Repository<PendingEventEntity>,
    private readonly parkedPosts: ParkedPosts,
  ) {}

  async find(olderThanMs: number): Promise<StaleGap[]> {
    const stale = await this.pending.find({
      where: { receivedAt: LessThan(new Date(Date.now() - olderThanMs)) },
      select: { postId: true },
    });
    const gaps: StaleGap[] = [];
    for (const postId of new Set(stale.map((row) => row.postId))) {
      const held = await this.pending.find({ where: { postId }, order: { version: 'ASC' } });
      const first = held[0]!.version;
      gaps.push({
        postId,
        reason: `version ${first - 1} of post ${postId} did not arrive within ${olderThanMs} ms`,
        events: held.map((row) => row.envelope),
      });
    }
    return gaps;
  }

  /** Parks the post and drops its held events, once they are safely dead-lettered. */
  async park(gap: StaleGap): Promise<void> {
    await this.parkedPosts.record(gap.postId, gap.reason, gap.events.length);
    await this.pending.delete({ postId: gap.postId });
  }
}
