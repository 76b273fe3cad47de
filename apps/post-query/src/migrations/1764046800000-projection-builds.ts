import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read models as they stood: each projection's tables, its name and build 1. */
const LIVE = [
  {
    projection: 'post-details',
    schema: 'post_details_build_1',
    tables: ['posts', 'comments', 'likes'],
  },
  { projection: 'post-tags', schema: 'post_tags_build_1', tables: ['post_tags'] },
];

/**
 * Projections rebuilt beside the live ones (docs/06-read-side.md): each build of a projection
 * owns a schema of its own, queries read views in `public` that name the live build's tables,
 * and positions are kept per build (`post-details@1`). The tables as they stood become build 1,
 * live, moved (not copied) into their schema.
 */
export class ProjectionBuilds1764046800000 implements MigrationInterface {
  name = 'ProjectionBuilds1764046800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projection_builds (
        projection varchar(100) NOT NULL,
        build integer NOT NULL,
        version integer NOT NULL,
        state varchar(20) NOT NULL
          CHECK (state IN ('building', 'live', 'retired', 'abandoned')),
        schema_name varchar(63) NOT NULL UNIQUE,
        reason text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        replay_job varchar(100),
        replay_requested_at timestamptz,
        switched_at timestamptz,
        ended_at timestamptz,
        dropped_at timestamptz,
        note text,
        PRIMARY KEY (projection, build)
      )`);
    await runner.query(`
      CREATE UNIQUE INDEX projection_builds_one_live ON projection_builds (projection)
      WHERE state = 'live'`);
    await runner.query(`
      CREATE UNIQUE INDEX projection_builds_one_building ON projection_builds (projection)
      WHERE state = 'building'`);
    for (const { projection, schema, tables } of LIVE) {
      await runner.query(`CREATE SCHEMA ${schema}`);
      for (const table of tables) {
        await runner.query(`ALTER TABLE ${table} SET SCHEMA ${schema}`);
        await runner.query(`CREATE VIEW ${table} AS SELECT * FROM ${schema}.${table}`);
      }
      await runner.query(
        `INSERT INTO projection_builds (projection, build, version, state, schema_name, reason, switched_at)
         VALUES ($1, 1, 1, 'live', $2, 'the tables as they stood', now())`,
        [projection, schema],
      );
      await runner.query(
        `UPDATE projection_positions SET projection = projection || '@1' WHERE projection = $1`,
        [projection],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const { projection, schema, tables } of LIVE) {
      await runner.query(
        `DELETE FROM projection_positions WHERE projection LIKE $1 AND projection <> $2`,
        [`${projection}@%`, `${projection}@1`],
      );
      await runner.query(`UPDATE projection_positions SET projection = $1 WHERE projection = $2`, [
        projection,
        `${projection}@1`,
      ]);
      for (const table of [...tables].reverse()) await runner.query(`DROP VIEW ${table}`);
      for (const table of tables)
        await runner.query(`ALTER TABLE ${schema}.${table} SET SCHEMA public`);
      await runner.query(`DROP SCHEMA ${schema}`);
    }
    await runner.query('DROP TABLE projection_builds');
  }
}
