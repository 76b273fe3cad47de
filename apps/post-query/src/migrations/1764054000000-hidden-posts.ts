import type { MigrationInterface, QueryRunner } from 'typeorm';
import { keptPostDetailsSchemas, livePostDetailsSchema } from './post-details-builds';

/**
 * Posts hidden by moderation (docs/13-moderation.md): when, why and until when, on the posts
 * table of every post-details build still kept (the live one and one being built), and the
 * `posts` view made again so that it shows the new columns (a view's `*` is expanded when the
 * view is made). No event before this change hid a post: nothing needs replaying.
 */
export class HiddenPosts1764054000000 implements MigrationInterface {
  name = 'HiddenPosts1764054000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const schema of await keptPostDetailsSchemas(runner)) {
      await runner.query(`
        ALTER TABLE ${schema}.posts
          ADD COLUMN hidden_at timestamptz,
          ADD COLUMN hidden_reasons text[],
          ADD COLUMN review_by timestamptz`);
    }
    await this.recreateView(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP VIEW posts');
    for (const schema of await keptPostDetailsSchemas(runner)) {
      await runner.query(`
        ALTER TABLE ${schema}.posts
          DROP COLUMN hidden_at, DROP COLUMN hidden_reasons, DROP COLUMN review_by`);
    }
    await this.recreateView(runner);
  }

  private async recreateView(runner: QueryRunner): Promise<void> {
    const live = await livePostDetailsSchema(runner);
    await runner.query(`CREATE OR REPLACE VIEW posts AS SELECT * FROM ${live}.posts`);
  }
}
