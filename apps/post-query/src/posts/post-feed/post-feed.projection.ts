import { Injectable } from '@nestjs/common';
import { POST_EVENT_TYPES, type ReadablePostEventEnvelope } from '@social-posts/post-events';
import type { EntityManager } from 'typeorm';
import type { BuildTarget, Projection } from '../../projections/projection';

/** Where every post-query instance hears that the change log grew (payload: its head). */
export const POST_CHANGES_CHANNEL = 'post_changes';

/**
 * post_changes, the change feed's log: one row per event the live read model applied, with the
 * post as the batch left it, the command's correlation id and when the event was decided,
 * published (partition and offset) and projected. Positions are the read side's own order:
 * gapless, in commit order (post_changes_head stays locked from the batch's claim of its
 * positions to its commit), so a position means the same on every instance. Listed after the
 * other projections: it reads the posts and tags they wrote in the same batch, through the
 * views that follow the live builds. A build under way writes nothing: a rebuild is not news.
 */
@Injectable()
export class PostFeedProjection implements Projection {
  readonly version = 1;
  readonly tables: readonly string[] = [];
  /** A report is the moderators' business, not news: the feed does not tell it. */
  readonly handles = POST_EVENT_TYPES.filter((type) => type !== 'PostReported');

  async apply(
    manager: EntityManager,
    events: readonly ReadablePostEventEnvelope[],
    { live, deliveries }: BuildTarget,
  ): Promise<void> {
    if (!live || events.length === 0) return;
    const delivery = (event: ReadablePostEventEnvelope) => deliveries.get(event.eventId);
    // One statement, one round trip a batch: claim the positions, write the rows, and send the
    // head (heard on commit, by every instance's feed).
    await manager.query(
      `WITH head AS (
         UPDATE post_changes_head SET position = position + $1 WHERE id = 1 RETURNING position
       ), logged AS (
         INSERT INTO post_changes (position, post_id, version, event_type, author, tags, post,
           correlation_id, occurred_at, published_at, partition, "offset")
         SELECT head.position - $1 + change.n, change.post_id, change.version, change.event_type,
           post.author,
           coalesce((SELECT array_agg(tag ORDER BY tag) FROM post_tags WHERE post_tags.post_id = post.id), '{}'),
           jsonb_build_object(
             'postId', post.id, 'author', post.author,
             'message', CASE WHEN post.hidden_at IS NULL THEN post.message END,
             'datePosted', post.date_posted, 'editedAt', post.edited_at, 'likes', post.likes,
             'commentCount', post.comments, 'version', post.version,
             'removed', post.removed_at IS NOT NULL, 'hidden', post.hidden_at IS NOT NULL),
           change.correlation_id, change.occurred_at, change.published_at, change.partition,
           change.offset
         FROM head, unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::timestamptz[],
           $7::timestamptz[], $8::int[], $9::bigint[])
           WITH ORDINALITY AS change(post_id, version, event_type, correlation_id, occurred_at,
             published_at, partition, "offset", n)
         JOIN posts post ON post.id = change.post_id
       )
       SELECT pg_notify($10, head.position::text) FROM head`,
      [
        events.length,
        events.map((event) => event.aggregateId),
        events.map((event) => event.version),
        events.map((event) => event.eventType),
        events.map((event) => event.metadata.correlationId),
        events.map((event) => event.occurredAt),
        events.map((event) => delivery(event)?.publishedAt ?? null),
        events.map((event) => delivery(event)?.partition ?? null),
        events.map((event) => delivery(event)?.offset ?? null),
        POST_CHANGES_CHANNEL,
      ],
    );
    if (events.some((event) => event.eventType === 'PersonErased')) await this.blankErased(manager);
  }

  /**
   * The log's earlier copies of posts whose author was erased, blanked like the posts
   * themselves (post-details did so in this batch): the feed names them and shows their words no
   * more. Erasures are rare and the log is kept a bounded time (change-log-retention.ts).
   */
  private async blankErased(manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE post_changes change SET author = '', tags = '{}',
         post = change.post || jsonb_build_object('author', '', 'message', NULL)
       FROM posts post
       WHERE post.id = change.post_id AND post.erased_at IS NOT NULL AND change.author <> ''`,
    );
  }
}
