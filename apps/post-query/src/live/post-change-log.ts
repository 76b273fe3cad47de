import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One change of the read model, as the feed sends it (`data:` of an SSE `change` event). */
export interface PostChange {
  /** Its position in the change log: the SSE `id`, the same on every instance. */
  readonly position: string;
  readonly postId: string;
  /** The post's version after this change. */
  readonly version: number;
  /** What changed: the event's type. */
  readonly eventType: string;
  /** The post as the batch that applied the change left it. */
  readonly post: {
    readonly postId: string;
    readonly author: string;
    /** Null while moderation hides the post: the feed is public, the words are not then. */
    readonly message: string | null;
    readonly datePosted: string;
    readonly editedAt: string | null;
    readonly likes: number;
    readonly commentCount: number;
    readonly version: number;
    readonly removed: boolean;
    /** Hidden by moderation: a page drops it, as it drops a removed post. */
    readonly hidden: boolean;
    readonly tags: readonly string[];
  };
  /** The command's, as post-cmd answered it in `X-Correlation-Id`. */
  readonly correlationId: string | null;
  /** When post-cmd decided (and stored) the event, published it, and this side projected it. */
  readonly storedAt: string;
  readonly published: {
    readonly at: string;
    readonly partition: number;
    readonly offset: string;
  } | null;
  readonly projectedAt: string;
}

interface ChangeRow {
  position: string;
  post_id: string;
  version: number;
  event_type: string;
  author: string;
  tags: string[];
  post: Omit<PostChange['post'], 'tags'>;
  correlation_id: string | null;
  occurred_at: Date;
  published_at: Date | null;
  partition: number | null;
  offset: string | null;
  projected_at: Date;
}

/** Which changes a client asked for; every field optional. */
export interface ChangeFilter {
  readonly postId?: string;
  readonly author?: string;
  readonly tag?: string;
}

export const matches = (change: PostChange, filter: ChangeFilter): boolean =>
  (filter.postId === undefined || change.postId === filter.postId) &&
  (filter.author === undefined || change.post.author === filter.author) &&
  (filter.tag === undefined || change.post.tags.includes(filter.tag));

/** Where the log stands: its newest position, and the newest position trimmed from it. */
export interface LogBounds {
  readonly head: bigint;
  readonly trimmedThrough: bigint;
}

/**
 * Reads post_changes, the log the post-feed projection writes (posts/post-feed/), and trims it
 * to the time it is kept.
 */
@Injectable()
export class PostChangeLog {
  constructor(private readonly dataSource: DataSource) {}

  async bounds(): Promise<LogBounds> {
    const [row]: { position: string; deleted_through: string }[] = await this.dataSource.query(
      'SELECT position, deleted_through FROM post_changes_head WHERE id = 1',
    );
    return { head: BigInt(row!.position), trimmedThrough: BigInt(row!.deleted_through) };
  }

  /** Changes after `position`, oldest first, at most `limit` (filtered in SQL when asked). */
  async after(position: bigint, limit: number, filter: ChangeFilter = {}): Promise<PostChange[]> {
    const rows: ChangeRow[] = await this.dataSource.query(
      `SELECT * FROM post_changes
       WHERE position > $1 AND ($2::uuid IS NULL OR post_id = $2)
         AND ($3::text IS NULL OR author = $3) AND ($4::text IS NULL OR $4 = ANY(tags))
       ORDER BY position LIMIT $5`,
      [
        position.toString(),
        filter.postId ?? null,
        filter.author ?? null,
        filter.tag ?? null,
        limit,
      ],
    );
    return rows.map(toChange);
  }

  /** Drops changes projected before `cutoff`, and records how far the log was trimmed. */
  async trim(cutoff: Date): Promise<number> {
    const [row]: { deleted: string; through: string | null }[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM post_changes WHERE projected_at < $1 RETURNING position),
            trimmed AS (SELECT count(*) AS deleted, max(position) AS through FROM gone),
            recorded AS (
              UPDATE post_changes_head SET deleted_through = greatest(deleted_through, through)
              FROM trimmed WHERE id = 1 AND through IS NOT NULL)
       SELECT deleted, through FROM trimmed`,
      [cutoff],
    );
    return Number(row?.deleted ?? 0);
  }
}

function toChange(row: ChangeRow): PostChange {
  return {
    position: String(row.position),
    postId: row.post_id,
    version: row.version,
    eventType: row.event_type,
    post: { ...row.post, tags: row.tags },
    correlationId: row.correlation_id,
    storedAt: row.occurred_at.toISOString(),
    published:
      row.published_at === null
        ? null
        : {
            at: row.published_at.toISOString(),
            partition: row.partition!,
            offset: String(row.offset),
          },
    projectedAt: row.projected_at.toISOString(),
  };
}
