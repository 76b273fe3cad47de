import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PostCountsAndRemoval1764032400000 implements MigrationInterface {
  name = 'PostCountsAndRemoval1764032400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE posts
        ADD COLUMN likes integer NOT NULL DEFAULT 0 CHECK (likes >= 0),
        ADD COLUMN comments integer NOT NULL DEFAULT 0 CHECK (comments >= 0),
        ADD COLUMN removed_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE posts DROP COLUMN likes, DROP COLUMN comments, DROP COLUMN removed_at',
    );
  }
}
