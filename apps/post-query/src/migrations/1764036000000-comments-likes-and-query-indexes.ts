import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments and likes (who liked) as rows of their own, and the indexes the queries need. Lists
 * only ever show posts that are not removed, so those indexes leave removed posts out.
 */
export class CommentsLikesAndQueryIndexes1764036000000 implements MigrationInterface {
  name = 'CommentsLikesAndQueryIndexes1764036000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE posts ADD COLUMN edited_at timestamptz`);
    await runner.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY,
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        username varchar(64) NOT NULL,
        comment text NOT NULL,
        comment_date timestamptz NOT NULL,
        edited_at timestamptz
      )`);
    await runner.query(`CREATE INDEX comments_by_post ON comments (post_id, comment_date, id)`);
    await runner.query(`
      CREATE TABLE likes (
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        username varchar(64) NOT NULL,
        liked_at timestamptz NOT NULL,
        PRIMARY KEY (post_id, username)
      )`);
    await runner.query(`
      CREATE INDEX posts_newest ON posts (date_posted DESC, id DESC) WHERE removed_at IS NULL`);
    await runner.query(`
      CREATE INDEX posts_by_author ON posts (author, date_posted DESC, id DESC)
        WHERE removed_at IS NULL`);
    await runner.query(`
      CREATE INDEX posts_by_likes ON posts (likes, date_posted DESC) WHERE removed_at IS NULL`);
    await runner.query(`
      CREATE INDEX posts_with_comments ON posts (date_posted DESC, id DESC)
        WHERE removed_at IS NULL AND comments > 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP INDEX posts_with_comments, posts_by_likes, posts_by_author, posts_newest',
    );
    await runner.query('DROP TABLE likes, comments');
    await runner.query('ALTER TABLE posts DROP COLUMN edited_at');
  }
}
