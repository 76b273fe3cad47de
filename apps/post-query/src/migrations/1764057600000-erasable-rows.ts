import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  emptyLiveBuildIsVersion,
  keptPostDetailsSchemas,
  livePostDetailsSchema,
} from './post-details-builds';

/** The post-details tables whose rows hold a person's data, and the column naming whose. */
const KEYED = [
  ['posts', 'author_key'],
  ['comments', 'author_key'],
  ['likes', 'liker_key'],
] as const;

/**
 * Erasure (docs/12-privacy.md): each post-details row that holds a person's data keeps their key
 * id (indexed, so that PersonErased finds their rows on every post), a post keeps when its
 * author was erased, and `erased_people` the key ids erased. On every kept build, with the views
 * made again (a view's `*` is expanded when it is made). Rows projected before carry no key id:
 * the projection's version 2 rebuilds them from the events, which do, unless the live build is
 * still empty, which then is version 2 as it stands.
 */
export class ErasableRows1764057600000 implements MigrationInterface {
  name = 'ErasableRows1764057600000';

  async up(runner: QueryRunner): Promise<void> {
    for (const schema of await keptPostDetailsSchemas(runner)) {
      for (const [table, column] of KEYED) {
        await runner.query(`ALTER TABLE ${schema}.${table} ADD COLUMN ${column} text`);
        await runner.query(
          `CREATE INDEX ${table}_by_${column} ON ${schema}.${table} (${column})
           WHERE ${column} IS NOT NULL`,
        );
      }
      await runner.query(`ALTER TABLE ${schema}.posts ADD COLUMN erased_at timestamptz`);
      await runner.query(`
        CREATE TABLE ${schema}.erased_people (
          person text PRIMARY KEY,
          erased_at timestamptz NOT NULL
        )`);
    }
    const live = await livePostDetailsSchema(runner);
    await this.recreateViews(runner, live);
    await emptyLiveBuildIsVersion(runner, live, 2);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP VIEW erased_people, posts, comments, likes');
    for (const schema of await keptPostDetailsSchemas(runner)) {
      await runner.query(`DROP TABLE ${schema}.erased_people`);
      await runner.query(`ALTER TABLE ${schema}.posts DROP COLUMN erased_at`);
      for (const [table, column] of KEYED) {
        await runner.query(`ALTER TABLE ${schema}.${table} DROP COLUMN ${column}`);
      }
    }
    await this.recreateViews(runner, await livePostDetailsSchema(runner));
  }

  private async recreateViews(runner: QueryRunner, live: string): Promise<void> {
    const tables = (await runner.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = $1 AND table_name IN ('posts', 'comments', 'likes', 'erased_people')`,
      [live],
    )) as { table_name: string }[];
    for (const { table_name: table } of tables) {
      await runner.query(`CREATE OR REPLACE VIEW ${table} AS SELECT * FROM ${live}.${table}`);
    }
  }
}
