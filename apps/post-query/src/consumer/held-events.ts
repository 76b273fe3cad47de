import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PostEventEnvelope } from '@social-posts/post-events';
import type { Repository } from 'typeorm';
import { ParkedPosts } from './parked-posts';
import { PendingEventEntity } from './pending-event.entity';

/** A post's events held for a gap in its versions. */
export interface HeldPost {
  readonly postId: string;
  /** Oldest version first. */
  readonly events: PostEventEnvelope[];
  /** When the oldest of them arrived. */
  readonly since: Date;
}

/** The events held in pending_events, per post; and parking a post whose gap stayed open. */
@Injectable()
export class HeldEvents {
  constructor(
    @InjectRepository(PendingEventEntity) private readonly pending: Repository<PendingEventEntity>,
    private readonly parkedPosts: ParkedPosts,
  ) {}

  count(): Promise<number> {
    return this.pending.count();
  }

  /** Every post with held events, or just the one given. */
  async byPost(postId?: string): Promise<HeldPost[]> {
    const rows = await this.pending.find({
      where: postId === undefined ? {} : { postId },
      order: { postId: 'ASC', version: 'ASC' },
    });
    const posts = new Map<string, { events: PostEventEnvelope[]; since: Date }>();
    for (const { postId, envelope, receivedAt } of rows) {
      const post = posts.get(postId) ?? { events: [], since: receivedAt };
      post.events.push(envelope);
      if (receivedAt < post.since) post.since = receivedAt;
      posts.set(postId, post);
    }
    return [...posts].map(([postId, post]) => ({ postId, ...post }));
  }

  /** Parks the post and drops its held events, once they are safely dead-lettered. */
  async park(post: HeldPost, reason: string): Promise<void> {
    await this.parkedPosts.record(post.postId, reason, post.events.length);
    await this.pending.delete({ postId: post.postId });
  }
}
