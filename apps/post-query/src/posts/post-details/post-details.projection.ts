import { Injectable } from '@nestjs/common';
import { POST_EVENT_TYPES, type PostEventEnvelope } from '@social-posts/post-events';
import type { EntityManager } from 'typeorm';
import type { BuildTarget, Projection } from '../../projections/projection';
import { PostDetailsChanges, type PostRowChange } from './post-details.changes';
import { announcePostVersions } from './post-version-notices';

/** Column arrays of rows, for `unnest`: one parameter per column, whatever the row count. */
const columns = <T>(rows: readonly T[], ...pick: ((row: T) => unknown)[]): unknown[][] =>
  pick.map((column) => rows.map(column));

/** A post's moderation columns, null where it is not hidden; reasons joined for one array. */
const hiddenColumns: ((post: PostRowChange) => unknown)[] = [
  (post) => post.hidden?.at ?? null,
  (post) => post.hidden?.reasons.join(',') ?? null,
  (post) => post.hidden?.reviewBy ?? null,
];

/**
 * The post-details read model (posts, their comments, who liked them): each batch's events
 * folded by PostDetailsChanges, then written with a few set-based statements.
 */
@Injectable()
export class PostDetailsProjection implements Projection {
  readonly version = 1;
  readonly tables = ['posts', 'comments', 'likes'];
  readonly handles = POST_EVENT_TYPES;

  async apply(
    manager: EntityManager,
    events: readonly PostEventEnvelope[],
    target: BuildTarget,
  ): Promise<void> {
    const changes = new PostDetailsChanges();
    for (const event of events) changes.apply(event);
    await this.write(manager, changes, target);
  }

  private async write(
    manager: EntityManager,
    changes: PostDetailsChanges,
    target: BuildTarget,
  ): Promise<void> {
    const posts = [...changes.posts.values()];
    const created = posts.filter((post) => post.created);
    const updated = posts.filter((post) => !post.created);
    const comments = [...changes.comments.values()];
    const inserted = comments.flatMap((change) => (change.kind === 'insert' ? [change.row] : []));
    const edited = comments.flatMap((change) => (change.kind === 'update' ? [change] : []));
    const deleted = comments.flatMap((change) => (change.kind === 'delete' ? [change.id] : []));

    if (created.length > 0) {
      await manager.query(
        `INSERT INTO posts (id, author, message, date_posted, edited_at, removed_at, likes, comments,
           version, hidden_at, hidden_reasons, review_by)
         SELECT id, author, message, date_posted, edited_at, removed_at, likes, comments, version,
           hidden_at, string_to_array(reasons, ','), review_by
         FROM unnest($1::uuid[], $2::varchar[], $3::text[], $4::timestamptz[],
           $5::timestamptz[], $6::timestamptz[], $7::int[], $8::int[], $9::int[],
           $10::timestamptz[], $11::text[], $12::timestamptz[])
           AS created(id, author, message, date_posted, edited_at, removed_at, likes, comments,
             version, hidden_at, reasons, review_by)`,
        columns(
          created,
          (post) => post.id,
          (post) => post.created!.author,
          (post) => post.message ?? post.created!.message,
          (post) => post.created!.datePosted,
          (post) => post.editedAt ?? null,
          (post) => post.removedAt ?? null,
          (post) => post.likesAdded,
          (post) => post.commentsAdded,
          (post) => post.version,
          ...hiddenColumns,
        ),
      );
    }
    if (updated.length > 0) {
      await manager.query(
        `UPDATE posts SET
           message = coalesce(change.message, posts.message),
           edited_at = coalesce(change.edited_at, posts.edited_at),
           removed_at = coalesce(change.removed_at, posts.removed_at),
           likes = posts.likes + change.likes,
           comments = posts.comments + change.comments,
           version = change.version,
           hidden_at = CASE WHEN change.hiding THEN change.hidden_at ELSE posts.hidden_at END,
           hidden_reasons = CASE WHEN change.hiding
             THEN string_to_array(change.reasons, ',') ELSE posts.hidden_reasons END,
           review_by = CASE WHEN change.hiding THEN change.review_by ELSE posts.review_by END
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[],
           $6::int[], $7::int[], $8::timestamptz[], $9::text[], $10::timestamptz[], $11::boolean[])
           AS change(id, message, edited_at, removed_at, likes, comments, version, hidden_at,
             reasons, review_by, hiding)
         WHERE posts.id = change.id`,
        columns(
          updated,
          (post) => post.id,
          (post) => post.message ?? null,
          (post) => post.editedAt ?? null,
          (post) => post.removedAt ?? null,
          (post) => post.likesAdded,
          (post) => post.commentsAdded,
          (post) => post.version,
          ...hiddenColumns,
          // Whether the batch hid or showed the post: else its moderation columns stay.
          (post) => post.hidden !== undefined,
        ),
      );
    }
    if (changes.likes.length > 0) {
      await manager.query(
        `INSERT INTO likes (post_id, username, liked_at)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[])`,
        columns(
          changes.likes,
          (like) => like.postId,
          (like) => like.username,
          (like) => like.likedAt,
        ),
      );
    }
    if (inserted.length > 0) {
      await manager.query(
        `INSERT INTO comments (id, post_id, username, comment, comment_date, edited_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::text[],
           $5::timestamptz[], $6::timestamptz[])`,
        columns(
          inserted,
          (row) => row.id,
          (row) => row.postId,
          (row) => row.username,
          (row) => row.comment,
          (row) => row.commentDate,
          (row) => row.editedAt,
        ),
      );
    }
    if (edited.length > 0) {
      await manager.query(
        `UPDATE comments SET comment = change.comment, edited_at = change.edited_at
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS change(id, comment, edited_at)
         WHERE comments.id = change.id`,
        columns(
          edited,
          (change) => change.id,
          (change) => change.comment,
          (change) => change.editedAt,
        ),
      );
    }
    if (deleted.length > 0) {
      await manager.query('DELETE FROM comments WHERE id = ANY($1::uuid[])', [deleted]);
    }
    // Wakes read-your-writes waits for these versions, on every instance, once this commits;
    // a build under way is not read yet.
    if (!target.live) return;
    await announcePostVersions(
      manager,
      posts.map((post) => [post.id, post.version] as const),
    );
  }
}
