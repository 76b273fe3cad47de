import type { QueryRunner } from 'typeorm';

/**
 * The post-details builds a migration that changes its tables must change: the live one and one
 * being built (a retired or abandoned build is never read again). Read from projection_builds
 * (migration 1764046800000), whose shape later migrations do not change.
 */
export async function keptPostDetailsSchemas(runner: QueryRunner): Promise<string[]> {
  const rows = (await runner.query(
    `SELECT schema_name FROM projection_builds
     WHERE projection = 'post-details' AND state IN ('live', 'building')`,
  )) as { schema_name: string }[];
  return rows.map((row) => row.schema_name);
}

/** The schema of the post-details build that queries read, through the views of its tables. */
export async function livePostDetailsSchema(runner: QueryRunner): Promise<string> {
  const [live] = (await runner.query(
    `SELECT schema_name FROM projection_builds
     WHERE projection = 'post-details' AND state = 'live'`,
  )) as { schema_name: string }[];
  return live!.schema_name;
}

/**
 * Sets the live build to a new projection version if it holds no post yet: an empty build needs
 * no rebuild to be what that version would build.
 */
export async function emptyLiveBuildIsVersion(
  runner: QueryRunner,
  live: string,
  version: number,
): Promise<void> {
  await runner.query(
    `UPDATE projection_builds SET version = $1
     WHERE projection = 'post-details' AND state = 'live'
       AND NOT EXISTS (SELECT 1 FROM ${live}.posts)`,
    [version],
  );
}
