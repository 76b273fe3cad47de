import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed's log (docs/11-live-feed.md): one row per event the live read model applied,
 * at a position of its own, gapless and in commit order (post_changes_head is taken, row
 * locked, by each batch that writes, until it commits). Written by the post-feed projection,
 * build 1, which starts where post-details stands: existing posts are not replayed into it.
 */
export class PostChanges1764050400000 implements MigrationInterface {
  name = 'PostChanges1764050400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE post_changes (
        position bigint PRIMARY KEY,
        post_id uuid NOT NULL,
        version integer NOT NULL,
        event_type varchar(50) NOT NULL,
        author varchar(64) NOT NULL,
        tags text[] NOT NULL,
        post jsonb NOT NULL,
        correlation_id varchar(255),
        occurred_at timestamptz NOT NULL,
        published_at timestamptz,
        partition integer,
        "offset" bigint,
        projected_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX post_changes_by_time ON post_changes (projected_at)');
    await runner.query(`
      CREATE TABLE post_changes_head (
        id integer PRIMARY KEY CHECK (id = 1),
        position bigint NOT NULL,
        deleted_through bigint NOT NULL
      )`);
    await runner.query('INSERT INTO post_changes_head VALUES (1, 0, 0)');
    await runner.query('CREATE SCHEMA post_feed_build_1');
    await runner.query(
      `INSERT INTO projection_builds (projection, build, version, state, schema_name, reason, switched_at)
       VALUES ('post-feed', 1, 1, 'live', 'post_feed_build_1', 'the change feed begins', now())`,
    );
    await runner.query(`
      INSERT INTO projection_positions (post_id, projection, version)
      SELECT post_id, 'post-feed@1', version FROM projection_positions
      WHERE projection = (SELECT 'post-details@' || build FROM projection_builds
                          WHERE projection = 'post-details' AND state = 'live')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM projection_positions WHERE projection LIKE 'post-feed@%'`);
    await runner.query(`DELETE FROM projection_builds WHERE projection = 'post-feed'`);
    await runner.query('DROP SCHEMA post_feed_build_1');
    await runner.query('DROP TABLE post_changes_head, post_changes');
  }
}
