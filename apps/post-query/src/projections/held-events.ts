import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  upcastPostEvent,
  type ReadablePostEventEnvelope,
  type StoredPostEvent,
} from '@social-posts/post-events';
import type { EntityManager, Repository } from 'typeorm';
import { PendingEventEntity } from './pending-event.entity';

/** A post's events held for a gap in its versions. */
export interface HeldPost {
  readonly postId: string;
  /** Oldest version first. */
  readonly events: ReadablePostEventEnvelope[];
  /** When each of them arrived, in the same order. */
  readonly arrivals: Date[];
  /** When the first of them arrived. */
  readonly since: Date;
}

/**
 * The one owner of pending_events: the events held for a gap in their post's versions. The
 * projector holds, reads and releases them inside its batch's transaction (set-based SQL, one
 * statement per batch), as the batch's plan says; the consumer's gap check reads them per post,
 * and drops those of a post it parked (`overdueGaps` says which). Events are read through the upcasters: those an older post-query held are at the schema
 * version it knew.
 */
@Injectable()
export class HeldEvents {
  constructor(
    @InjectRepository(PendingEventEntity) private readonly pending: Repository<PendingEventEntity>,
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
    const posts = new Map<
      string,
      { events: ReadablePostEventEnvelope[]; arrivals: Date[]; since: Date }
    >();
    for (const { postId, envelope, receivedAt } of rows) {
      const post = posts.get(postId) ?? { events: [], arrivals: [], since: receivedAt };
      post.events.push(upcastPostEvent(envelope));
      post.arrivals.push(receivedAt);
      if (receivedAt < post.since) post.since = receivedAt;
      posts.set(postId, post);
    }
    return [...posts].map(([postId, post]) => ({ postId, ...post }));
  }

  /** Drops a post's held events: it is parked, and they are safely dead-lettered. */
  async drop(postId: string): Promise<void> {
    await this.pending.delete({ postId });
  }

  /** Within a batch's transaction: the events held for these posts. */
  async heldFor(
    manager: EntityManager,
    postIds: readonly string[],
  ): Promise<ReadablePostEventEnvelope[]> {
    const rows: { envelope: StoredPostEvent }[] = await manager.query(
      'SELECT envelope FROM pending_events WHERE post_id = ANY($1::uuid[])',
      [postIds],
    );
    return rows.map((row) => upcastPostEvent(row.envelope));
  }

  /** Within a batch's transaction: holds events that arrived after a gap. */
  async hold(manager: EntityManager, events: readonly ReadablePostEventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO pending_events (post_id, version, envelope)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::jsonb[])
       ON CONFLICT DO NOTHING`,
      [
        events.map((event) => event.aggregateId),
        events.map((event) => event.version),
        events.map((event) => JSON.stringify(event)),
      ],
    );
  }

  /**
   * Within a batch's transaction: drops the held events below each post's new next version,
   * applied now or duplicates of what was.
   */
  async release(
    manager: EntityManager,
    drained: readonly { postId: string; below: number }[],
  ): Promise<void> {
    if (drained.length === 0) return;
    await manager.query(
      `DELETE FROM pending_events USING unnest($1::uuid[], $2::int[]) AS done(post_id, below)
       WHERE pending_events.post_id = done.post_id AND pending_events.version < done.below`,
      [drained.map((post) => post.postId), drained.map((post) => post.below)],
    );
  }
}
