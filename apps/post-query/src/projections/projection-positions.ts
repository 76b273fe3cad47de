import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PositionMove, Positions } from './batch-plan';

/**
 * The one owner of projection_positions. Positions are per build of a projection
 * (`post-details@2`), so that a build filling from a republish applies what the live build
 * skips, and the other projections skip what they already have.
 */
@Injectable()
export class ProjectionPositions {
  constructor(private readonly dataSource: DataSource) {}

  /** Within a batch's transaction: the positions of these posts, locked until it commits. */
  async read(manager: EntityManager, postIds: readonly string[]): Promise<Positions> {
    const rows: { projection: string; post_id: string; version: number }[] = await manager.query(
      `SELECT projection, post_id, version FROM projection_positions
       WHERE post_id = ANY($1::uuid[]) ORDER BY projection, post_id FOR UPDATE`,
      [postIds],
    );
    const positions = new Map<string, Map<string, number>>();
    for (const { projection, post_id, version } of rows) {
      const posts = positions.get(projection) ?? new Map<string, number>();
      posts.set(post_id, version);
      positions.set(projection, posts);
    }
    return positions;
  }

  /**
   * Within a batch's transaction: moves positions on. New ones are plain inserts, so that two
   * members applying the same batch at once (during a rebalance) collide on the key and one
   * retries, rather than both applying it.
   */
  async advance(manager: EntityManager, moves: readonly PositionMove[]): Promise<void> {
    const inserted = moves.filter((move) => !move.known);
    const updated = moves.filter((move) => move.known);
    const columns = (rows: typeof moves) => [
      rows.map((row) => row.projection),
      rows.map((row) => row.postId),
      rows.map((row) => row.version),
    ];
    if (inserted.length > 0) {
      await manager.query(
        `INSERT INTO projection_positions (projection, post_id, version)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::int[])`,
        columns(inserted),
      );
    }
    if (updated.length > 0) {
      await manager.query(
        `UPDATE projection_positions SET version = move.version
         FROM unnest($1::text[], $2::uuid[], $3::int[]) AS move(projection, post_id, version)
         WHERE projection_positions.projection = move.projection
           AND projection_positions.post_id = move.post_id`,
        columns(updated),
      );
    }
  }

  /**
   * Per post, the next version every live build needs: 1 where a live build has no position
   * (it has seen nothing of the post). What the gap check holds held events against.
   */
  async liveNext(postIds: readonly string[]): Promise<Map<string, number>> {
    if (postIds.length === 0) return new Map();
    const rows: { post_id: string; next: number }[] = await this.dataSource.query(
      `SELECT position.post_id,
         CASE WHEN count(*) < (SELECT count(*) FROM projection_builds WHERE state = 'live')
           THEN 1 ELSE min(position.version) + 1 END AS next
       FROM projection_positions position
       JOIN projection_builds live
         ON position.projection = live.projection || '@' || live.build AND live.state = 'live'
       WHERE position.post_id = ANY($1::uuid[])
       GROUP BY position.post_id`,
      [postIds],
    );
    return new Map(rows.map((row) => [row.post_id, Number(row.next)]));
  }
}
