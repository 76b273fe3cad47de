import type { PostEventEnvelope } from '@social-posts/post-events';
import type { Client } from 'pg';

/**
 * The baseline of the projection benchmark: the same row changes as post-query's projection,
 * written with the `pg` driver alone, a batch per transaction, a few multi-row statements per
 * batch (`unnest` of column arrays, the fastest bulk form short of COPY). It knows the
 * benchmark's event history (posts created, liked, commented on, edited) and nothing else: no
 * order or duplicate checks, no Kafka.
 */
export async function writeRowChanges(client: Client, batch: readonly PostEventEnvelope[]) {
  const created: unknown[][] = [];
  const likes: unknown[][] = [];
  const comments: unknown[][] = [];
  const updates = new Map<
    string,
    {
      likes: number;
      comments: number;
      message: string | null;
      editedAt: string | null;
      version: number;
    }
  >();
  const update = (postId: string) => {
    const found = updates.get(postId) ?? {
      likes: 0,
      comments: 0,
      message: null,
      editedAt: null,
      version: 0,
    };
    updates.set(postId, found);
    return found;
  };
  for (const event of batch) {
    switch (event.eventType) {
      case 'PostCreated':
        created.push([
          event.aggregateId,
          event.data.author,
          event.data.message,
          event.data.datePosted,
          1,
        ]);
        break;
      case 'PostLiked':
        likes.push([event.aggregateId, event.data.username, event.data.likedAt]);
        update(event.aggregateId).likes++;
        break;
      case 'CommentAdded':
        comments.push([
          event.data.commentId,
          event.aggregateId,
          event.data.username,
          event.data.comment,
          event.data.commentDate,
        ]);
        update(event.aggregateId).comments++;
        break;
      case 'PostMessageEdited':
        Object.assign(update(event.aggregateId), {
          message: event.data.message,
          editedAt: event.data.editedAt,
        });
        break;
      default:
        throw new Error(`the baseline does not write ${event.eventType}`);
    }
    if (event.version > 1) update(event.aggregateId).version = event.version;
  }
  await client.query('BEGIN');
  await insertRows(
    client,
    'posts (id, author, message, date_posted, version)',
    'uuid, varchar, text, timestamptz, int',
    created,
  );
  if (updates.size > 0) {
    const rows = [...updates].map(([id, u]) => [
      id,
      u.likes,
      u.comments,
      u.message,
      u.editedAt,
      u.version,
    ]);
    await client.query(
      `UPDATE posts SET likes = posts.likes + v.likes, comments = posts.comments + v.comments,
         message = coalesce(v.message, posts.message), edited_at = coalesce(v.edited_at, posts.edited_at),
         version = v.version
       FROM (SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::int[]))
         AS v(id, likes, comments, message, edited_at, version)
       WHERE posts.id = v.id`,
      columns(rows, 6),
    );
  }
  await insertRows(
    client,
    'likes (post_id, username, liked_at)',
    'uuid, varchar, timestamptz',
    likes,
  );
  await insertRows(
    client,
    'comments (id, post_id, username, comment, comment_date)',
    'uuid, uuid, varchar, text, timestamptz',
    comments,
  );
  await client.query('COMMIT');
}

const columns = (rows: readonly unknown[][], width: number): unknown[][] =>
  Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));

async function insertRows(
  client: Client,
  target: string,
  types: string,
  rows: readonly unknown[][],
) {
  if (rows.length === 0) return;
  const placeholders = types.split(',').map((type, index) => `$${index + 1}::${type.trim()}[]`);
  await client.query(
    `INSERT INTO ${target} SELECT * FROM unnest(${placeholders.join(', ')})`,
    columns(rows, placeholders.length),
  );
}
