import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePosts1764028800000 implements MigrationInterface {
  name = 'CreatePosts1764028800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE posts (
        id uuid PRIMARY KEY,
        author varchar(64) NOT NULL,
        message text NOT NULL,
        date_posted timestamptz NOT NULL,
        version integer NOT NULL CHECK (version > 0)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE posts');
  }
}
