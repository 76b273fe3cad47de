import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each projection's position per post, so that one projection can be rebuilt alone; and the
 * post-tags projection. Existing read models keep their place: post-details's positions are the
 * posts' versions, and post-tags starts from there too (its tags for messages written before are
 * filled by rebuilding it: docs/06-read-side.md), rather than holding every later event of every
 * existing post for the versions it never saw.
 */
export class ProjectionPositionsAndPostTags1764043200000 implements MigrationInterface {
  name = 'ProjectionPositionsAndPostTags1764043200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projection_positions (
        post_id uuid NOT NULL,
        projection varchar(100) NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (post_id, projection)
      )`);
    await runner.query(`
      INSERT INTO projection_positions (post_id, projection, version)
      SELECT id, projection, version FROM posts, unnest(ARRAY['post-details', 'post-tags']) AS projection`);
    await runner.query(`
      CREATE TABLE post_tags (
        post_id uuid NOT NULL,
        tag varchar(50) NOT NULL,
        PRIMARY KEY (post_id, tag)
      )`);
    await runner.query('CREATE INDEX post_tags_by_tag ON post_tags (tag, post_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE post_tags, projection_positions');
  }
}
