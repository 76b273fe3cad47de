import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  emptyLiveBuildIsVersion,
  keptPostDetailsSchemas,
  livePostDetailsSchema,
} from './post-details-builds';

/**
 * post_totals: how many posts the lists show to everyone, one row the post-details projection
 * moves with each batch, so that a page's total is not a count of the whole table (a cost that
 * grew with every post: bench/README.md, the soak). On every kept build, filled with its count;
 * the projection's version 3 rebuilds post-details on deploy all the same (an older instance
 * still projecting while this runs would not move it), unless the live build is still empty,
 * which then is version 3 as it stands.
 */
export class PostTotals1764061200000 implements MigrationInterface {
  name = 'PostTotals1764061200000';

  async up(runner: QueryRunner): Promise<void> {
    for (const schema of await keptPostDetailsSchemas(runner)) {
      await runner.query(`
        CREATE TABLE ${schema}.post_totals (
          id smallint PRIMARY KEY CHECK (id = 1),
          shown bigint NOT NULL
        )`);
      await runner.query(`
        INSERT INTO ${schema}.post_totals (id, shown)
        SELECT 1, count(*) FROM ${schema}.posts WHERE removed_at IS NULL AND hidden_at IS NULL`);
    }
    const live = await livePostDetailsSchema(runner);
    await runner.query(`CREATE VIEW post_totals AS SELECT * FROM ${live}.post_totals`);
    await emptyLiveBuildIsVersion(runner, live, 3);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP VIEW post_totals');
    for (const schema of await keptPostDetailsSchemas(runner)) {
      await runner.query(`DROP TABLE ${schema}.post_totals`);
    }
  }
}
