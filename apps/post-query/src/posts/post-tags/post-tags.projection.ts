import { Injectable } from '@nestjs/common';
import type { ReadablePostEventEnvelope, PostEventType } from '@social-posts/post-events';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../../projections/projection';
import { postTagsChanges } from './post-tags.changes';

/**
 * post_tags: which posts carry which hashtag, for `GET /posts?tag=` (indexed by tag). A post's
 * rows are replaced whenever its message changes, and dropped when it is removed or its author
 * erased.
 */
@Injectable()
export class PostTagsProjection implements Projection {
  readonly version = 1;
  readonly tables = ['post_tags'];
  readonly handles: readonly PostEventType[] = [
    'PostCreated',
    'PostMessageEdited',
    'PostRemoved',
    'PostTakenDown',
    'PersonErased',
  ];

  async apply(manager: EntityManager, events: readonly ReadablePostEventEnvelope[]): Promise<void> {
    const changes = postTagsChanges(events);
    if (changes.size === 0) return;
    await manager.query('DELETE FROM post_tags WHERE post_id = ANY($1::uuid[])', [
      [...changes.keys()],
    ]);
    const rows = [...changes].flatMap(([postId, tags]) => tags.map((tag) => ({ postId, tag })));
    if (rows.length === 0) return;
    await manager.query(
      'INSERT INTO post_tags (post_id, tag) SELECT * FROM unnest($1::uuid[], $2::text[])',
      [rows.map((row) => row.postId), rows.map((row) => row.tag)],
    );
  }
}
