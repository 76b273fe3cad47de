import { Injectable } from '@nestjs/common';
import {
  POST_EVENT_TYPES,
  withPersonalDataErased,
  type ReadablePostEventEnvelope,
} from '@social-posts/post-events';
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
 * Deletes the comments `where` picks (its one parameter `$1`), and takes from each post's count
 * what was deleted: a comment never stored (its author erased first) is never counted out.
 */
const deleteComments = (manager: EntityManager, where: string, ids: readonly string[]) =>
  manager.query(
    `WITH gone AS (DELETE FROM comments WHERE ${where} RETURNING post_id)
     UPDATE posts SET comments = posts.comments - gone_count.n
     FROM (SELECT post_id, count(*)::int AS n FROM gone GROUP BY post_id) AS gone_count
     WHERE posts.id = gone_count.post_id`,
    [ids],
  );

/** A post everyone is shown in the lists: neither removed (nor erased) nor hidden. */
const SHOWN = 'removed_at IS NULL AND hidden_at IS NULL';

/** How many of the posts `ids` are shown. */
const countShown = async (manager: EntityManager, ids: readonly string[]): Promise<number> => {
  if (ids.length === 0) return 0;
  const [row] = await manager.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM posts WHERE id = ANY($1::uuid[]) AND ${SHOWN}`,
    [ids],
  );
  return row!.n;
};

/** Whether writing the change may move the post into the lists or out of them. */
const mayChangeShowing = (post: PostRowChange): boolean =>
  post.created !== undefined ||
  post.removedAt !== undefined ||
  post.erasedAt !== undefined ||
  post.hidden !== undefined;

/** A post's author and words as the row keeps them: blank once the author is erased. */
const authorColumns: ((post: PostRowChange) => unknown)[] = [
  (post) => (post.erasedAt ? '' : post.created!.author),
  (post) => (post.erasedAt ? '' : (post.message ?? post.created!.message)),
  (post) => (post.erasedAt ? null : post.created!.authorKey),
];

/**
 * The post-details read model (posts, their comments, who liked them): each batch's events
 * folded by PostDetailsChanges, then written with a few set-based statements. Each row that
 * holds a person's data keeps their key id (the event's `person`); PersonErased forgets them by
 * it on every post, and erased_people keeps their key id so that a copy of their event arriving
 * later (sent before their key was deleted) is applied with their data erased. post_totals keeps
 * how many posts are shown, moved by each batch, so that the list's total is not a count of the
 * whole table on every page.
 */
@Injectable()
export class PostDetailsProjection implements Projection {
  /** 2: rows keep their person's key id (erasure, docs/12-privacy.md); 3: post_totals. */
  readonly version = 3;
  readonly tables = ['posts', 'comments', 'likes', 'erased_people', 'post_totals'];
  readonly handles = POST_EVENT_TYPES;

  async apply(
    manager: EntityManager,
    events: readonly ReadablePostEventEnvelope[],
    target: BuildTarget,
  ): Promise<void> {
    const erased = await this.erasedAmong(manager, events);
    const changes = new PostDetailsChanges();
    for (const event of events) {
      changes.apply(
        event.person !== undefined && erased.has(event.person)
          ? withPersonalDataErased(event)
          : event,
      );
    }
    // The posts whose showing the batch may change are counted before and after it (a like or
    // a comment changes none); those an erasure blanks besides, as it blanks them.
    const touched = [...changes.posts.values()].filter(mayChangeShowing).map((post) => post.id);
    const shownBefore = await countShown(manager, touched);
    await this.write(manager, changes, target);
    const shownForgotten = await this.forget(manager, changes.erased, touched);
    const moved = (await countShown(manager, touched)) - shownBefore - shownForgotten;
    // Last in the batch's work on this build: the one row is held only until the commit.
    if (moved !== 0) {
      await manager.query(
        `INSERT INTO post_totals (id, shown) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET shown = post_totals.shown + excluded.shown`,
        [moved],
      );
    }
  }

  /** Which of the people whose events these are were erased already. */
  private async erasedAmong(
    manager: EntityManager,
    events: readonly ReadablePostEventEnvelope[],
  ): Promise<Set<string>> {
    const people = [...new Set(events.flatMap((event) => event.person ?? []))];
    if (people.length === 0) return new Set();
    const rows = await manager.query<{ person: string }[]>(
      'SELECT person FROM erased_people WHERE person = ANY($1::text[])',
      [people],
    );
    return new Set(rows.map((row) => row.person));
  }

  /**
   * Forgets erased people on every post: the posts they wrote are blanked and gone from the
   * queries, their comments deleted (their posts' counts with them), their likes name nobody
   * (the counts stay). Idempotent: a second erasure of the same person finds nothing left.
   * Resolves to how many posts it took out of the lists, among those the batch did not write.
   */
  private async forget(
    manager: EntityManager,
    erased: ReadonlyMap<string, Date>,
    written: readonly string[],
  ): Promise<number> {
    if (erased.size === 0) return 0;
    const people = [...erased.keys()];
    await manager.query(
      `INSERT INTO erased_people (person, erased_at)
       SELECT * FROM unnest($1::text[], $2::timestamptz[]) ON CONFLICT DO NOTHING`,
      [people, [...erased.values()]],
    );
    // Whether each post was shown is read as it is locked, in the statement that blanks it.
    const [blanked] = await manager.query<{ shown: number }[]>(
      `WITH theirs AS (
         SELECT id, (${SHOWN}) AS shown FROM posts WHERE author_key = ANY($1::text[]) FOR UPDATE
       ), blanked AS (
         UPDATE posts SET author = '', message = '', author_key = NULL,
           removed_at = coalesce(posts.removed_at, gone.erased_at), erased_at = gone.erased_at
         FROM unnest($1::text[], $2::timestamptz[]) AS gone(person, erased_at), theirs
         WHERE posts.author_key = gone.person AND posts.id = theirs.id
         RETURNING posts.id, theirs.shown
       )
       SELECT count(*)::int AS shown FROM blanked WHERE shown AND NOT id = ANY($3::uuid[])`,
      [people, [...erased.values()], written],
    );
    await deleteComments(manager, 'author_key = ANY($1::text[])', people);
    await manager.query('DELETE FROM likes WHERE liker_key = ANY($1::text[])', [people]);
    return blanked!.shown;
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
        `INSERT INTO posts (id, author, message, author_key, date_posted, edited_at, removed_at,
           erased_at, likes, comments, version, hidden_at, hidden_reasons, review_by)
         SELECT id, author, message, author_key, date_posted, edited_at, removed_at, erased_at,
           likes, comments, version, hidden_at, string_to_array(reasons, ','), review_by
         FROM unnest($1::uuid[], $2::varchar[], $3::text[], $4::text[], $5::timestamptz[],
           $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::int[], $10::int[],
           $11::int[], $12::timestamptz[], $13::text[], $14::timestamptz[])
           AS created(id, author, message, author_key, date_posted, edited_at, removed_at,
             erased_at, likes, comments, version, hidden_at, reasons, review_by)`,
        columns(
          created,
          (post) => post.id,
          ...authorColumns,
          (post) => post.created!.datePosted,
          (post) => post.editedAt ?? null,
          (post) => post.removedAt ?? post.erasedAt ?? null,
          (post) => post.erasedAt ?? null,
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
           author = CASE WHEN change.erased_at IS NULL THEN posts.author ELSE '' END,
           message = CASE WHEN change.erased_at IS NULL
             THEN coalesce(change.message, posts.message) ELSE '' END,
           author_key = CASE WHEN change.erased_at IS NULL THEN posts.author_key END,
           edited_at = coalesce(change.edited_at, posts.edited_at),
           removed_at = coalesce(posts.removed_at, change.removed_at, change.erased_at),
           erased_at = coalesce(posts.erased_at, change.erased_at),
           likes = posts.likes + change.likes,
           comments = posts.comments + change.comments,
           version = change.version,
           hidden_at = CASE WHEN change.hiding THEN change.hidden_at ELSE posts.hidden_at END,
           hidden_reasons = CASE WHEN change.hiding
             THEN string_to_array(change.reasons, ',') ELSE posts.hidden_reasons END,
           review_by = CASE WHEN change.hiding THEN change.review_by ELSE posts.review_by END
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[],
           $6::int[], $7::int[], $8::timestamptz[], $9::text[], $10::timestamptz[], $11::boolean[],
           $12::timestamptz[])
           AS change(id, message, edited_at, removed_at, likes, comments, version, hidden_at,
             reasons, review_by, hiding, erased_at)
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
          (post) => post.erasedAt ?? null,
        ),
      );
    }
    if (changes.likes.length > 0) {
      await manager.query(
        `INSERT INTO likes (post_id, username, liker_key, liked_at)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::text[], $4::timestamptz[])`,
        columns(
          changes.likes,
          (like) => like.postId,
          (like) => like.username,
          (like) => like.likerKey,
          (like) => like.likedAt,
        ),
      );
    }
    if (inserted.length > 0) {
      await manager.query(
        `INSERT INTO comments (id, post_id, username, author_key, comment, comment_date, edited_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::text[], $5::text[],
           $6::timestamptz[], $7::timestamptz[])`,
        columns(
          inserted,
          (row) => row.id,
          (row) => row.postId,
          (row) => row.username,
          (row) => row.authorKey,
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
      await deleteComments(manager, 'id = ANY($1::uuid[])', deleted);
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
