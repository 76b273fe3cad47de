import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PositionMove, Positions } from './batch-plan';

/**
 * The one owner of projection_positions. Positions are per projection, so that one projection
 * can be emptied and rebuilt while the others skip the republished events they already have.
 */
@Injectable()
export class ProjectionPositions {
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

  /** Within a rebuild's transaction: the projection starts again from every post's first event. */
  async forget(manager: EntityManager, projection: string): Promise<void> {
    await manager.query('DELETE FROM projection_positions WHERE projection = $1', [projection]);
  }
}
