import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * building: filled beside the live build, not read; live: what queries read (one per
 * projection); retired: replaced by a newer build; abandoned: given up before its switch.
 */
export type BuildState = 'building' | 'live' | 'retired' | 'abandoned';

/** One build of a projection: its own schema of tables, filled from every event. */
export interface ProjectionBuild {
  readonly projection: string;
  /** 1, 2, 3 … per projection. */
  readonly build: number;
  /** The projection's version (its code) the build was made with. */
  readonly version: number;
  readonly state: BuildState;
  readonly schema: string;
  /** Why it was started: an admin's request, or a deploy of a new version. */
  readonly reason: string;
  readonly startedAt: Date;
  /** The write side's republish that feeds it, and when it was asked for. */
  readonly replayJob: string | null;
  readonly replayRequestedAt: Date | null;
  readonly switchedAt: Date | null;
  readonly endedAt: Date | null;
  /** The last thing worth knowing about it (why it waits, why it was abandoned). */
  readonly note: string | null;
}

/** A build's key in projection_positions: `post-details@2`. */
export const positionKeyOf = (build: Pick<ProjectionBuild, 'projection' | 'build'>): string =>
  `${build.projection}@${build.build}`;

/** How far a build is behind the live one: posts whose position is below the live build's. */
export interface BuildLag {
  readonly posts: number;
  /** A few of them, for a republish of single posts. */
  readonly sample: readonly string[];
}

const COLUMNS = `projection, build, version, state, schema_name AS schema, reason,
  started_at AS "startedAt", replay_job AS "replayJob", replay_requested_at AS "replayRequestedAt",
  switched_at AS "switchedAt", ended_at AS "endedAt", note`;

const LAG_SAMPLE = 10;

/**
 * The one owner of projection_builds and of the builds' schemas. Queries read views in `public`
 * that name the live build's tables; every change of state is one transaction that locks the
 * projection's build rows, so that starts, switches and abandons of several instances queue up
 * and each happens once. Batches lock the rows they write with (`running`) in a mode that only
 * a switch waits for.
 */
@Injectable()
export class ProjectionBuilds {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Within a batch's transaction: the builds to write. Locked (KEY SHARE) until it commits: a
   * switch waits for the batches under way, and the batches after it see the new live build.
   */
  running(manager: EntityManager): Promise<ProjectionBuild[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM projection_builds WHERE state IN ('live', 'building')
       ORDER BY projection, build FOR KEY SHARE`,
    );
  }

  /** A projection's live build, its build under way, and its last ten builds; newest first. */
  of(projection: string): Promise<ProjectionBuild[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM projection_builds
       WHERE projection = $1 AND (state IN ('live', 'building') OR build IN (
         SELECT build FROM projection_builds WHERE projection = $1 ORDER BY build DESC LIMIT 10))
       ORDER BY build DESC`,
      [projection],
    );
  }

  /**
   * Starts a build of `version` beside the live one: its schema, with empty tables shaped like
   * the live build's (columns, defaults, constraints, indexes, foreign keys). If one is under
   * way already, that one, not started again.
   */
  start(
    projection: string,
    tables: readonly string[],
    version: number,
    reason: string,
  ): Promise<{ build: ProjectionBuild; started: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const builds = await this.lock(manager, projection);
      const underWay = builds.find((build) => build.state === 'building');
      if (underWay) return { build: underWay, started: false };
      const live = liveOf(projection, builds);
      const number = Math.max(...builds.map((build) => build.build)) + 1;
      const schema = `${projection.replace(/-/g, '_')}_build_${number}`;
      const [build]: ProjectionBuild[] = await manager.query(
        `INSERT INTO projection_builds (projection, build, version, state, schema_name, reason)
         VALUES ($1, $2, $3, 'building', $4, $5) RETURNING ${COLUMNS}`,
        [projection, number, version, schema, reason],
      );
      await manager.query(`CREATE SCHEMA ${schema}`);
      for (const table of tables) {
        await manager.query(
          `CREATE TABLE ${schema}.${table} (LIKE ${live.schema}.${table} INCLUDING ALL)`,
        );
      }
      await copyForeignKeys(manager, live.schema, schema);
      return { build: build!, started: true };
    });
  }

  /** Posts whose position in `build` is below the live one's; parked posts are not waited for. */
  async lag(
    live: ProjectionBuild,
    build: ProjectionBuild,
    manager?: EntityManager,
  ): Promise<BuildLag> {
    const rows: { post_id: string; posts: string }[] = await (manager ?? this.dataSource).query(
      `SELECT live.post_id, count(*) OVER () AS posts
       FROM projection_positions live
       LEFT JOIN projection_positions rebuilt
         ON rebuilt.post_id = live.post_id AND rebuilt.projection = $2
       WHERE live.projection = $1 AND coalesce(rebuilt.version, 0) < live.version
         AND NOT EXISTS (SELECT 1 FROM parked_posts WHERE post_key = live.post_id::text)
       LIMIT ${LAG_SAMPLE}`,
      [positionKeyOf(live), positionKeyOf(build)],
    );
    return { posts: Number(rows[0]?.posts ?? 0), sample: rows.map((row) => row.post_id) };
  }

  /**
   * Makes `build` the live one if it has caught up, in one transaction: it waits for the
   * batches under way, checks that no post is behind, points the views at the build's tables,
   * and retires the build they named. False, with nothing changed, if it is no longer building
   * or some post is still behind.
   */
  switchTo(candidate: ProjectionBuild, tables: readonly string[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const builds = await this.lock(manager, candidate.projection);
      const build = builds.find((each) => each.build === candidate.build);
      if (build?.state !== 'building') return false;
      const live = liveOf(candidate.projection, builds);
      if ((await this.lag(live, build, manager)).posts > 0) return false;
      for (const table of tables) {
        await manager.query(
          `CREATE OR REPLACE VIEW public.${table} AS SELECT * FROM ${build.schema}.${table}`,
        );
      }
      await manager.query(
        `UPDATE projection_builds SET state = 'retired', ended_at = now(), note = $3
         WHERE projection = $1 AND build = $2`,
        [live.projection, live.build, `replaced by build ${build.build}`],
      );
      await manager.query(
        `UPDATE projection_builds SET state = 'live', switched_at = now(), note = NULL
         WHERE projection = $1 AND build = $2`,
        [build.projection, build.build],
      );
      return true;
    });
  }

  /** Gives up the build under way, if any: the live build goes on serving. */
  async abandon(projection: string, note: string): Promise<ProjectionBuild | null> {
    const [rows]: [ProjectionBuild[], number] = await this.dataSource.query(
      `UPDATE projection_builds SET state = 'abandoned', ended_at = now(), note = $2
       WHERE projection = $1 AND state = 'building' RETURNING ${COLUMNS}`,
      [projection, note],
    );
    return rows[0] ?? null;
  }

  async recordReplay(build: ProjectionBuild, job: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE projection_builds SET replay_job = $3, replay_requested_at = now(), note = NULL
       WHERE projection = $1 AND build = $2`,
      [build.projection, build.build, job],
    );
  }

  async note(build: ProjectionBuild, note: string | null): Promise<void> {
    await this.dataSource.query(
      'UPDATE projection_builds SET note = $3 WHERE projection = $1 AND build = $2',
      [build.projection, build.build, note],
    );
  }

  /** Drops the tables and positions of retired and abandoned builds; returns how many. */
  async dropEnded(): Promise<number> {
    const ended: ProjectionBuild[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM projection_builds
       WHERE state IN ('retired', 'abandoned') AND dropped_at IS NULL`,
    );
    for (const build of ended) {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(`DROP SCHEMA IF EXISTS ${build.schema} CASCADE`);
        await manager.query('DELETE FROM projection_positions WHERE projection = $1', [
          positionKeyOf(build),
        ]);
        await manager.query(
          'UPDATE projection_builds SET dropped_at = now() WHERE projection = $1 AND build = $2',
          [build.projection, build.build],
        );
      });
    }
    return ended.length;
  }

  /** Builds and states, for the metrics. */
  async counts(): Promise<{ projection: string; state: BuildState; builds: number }[]> {
    const rows: { projection: string; state: BuildState; builds: string }[] =
      await this.dataSource.query(
        `SELECT projection, state, count(*) AS builds FROM projection_builds
         WHERE dropped_at IS NULL GROUP BY projection, state`,
      );
    return rows.map((row) => ({ ...row, builds: Number(row.builds) }));
  }

  private lock(manager: EntityManager, projection: string): Promise<ProjectionBuild[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM projection_builds WHERE projection = $1 ORDER BY build FOR UPDATE`,
      [projection],
    );
  }
}

function liveOf(projection: string, builds: readonly ProjectionBuild[]): ProjectionBuild {
  const live = builds.find((build) => build.state === 'live');
  if (!live) throw new Error(`projection ${projection} has no live build (projection_builds)`);
  return live;
}

/**
 * LIKE copies everything of a table but its foreign keys. Each is read with the live schema
 * first on the search path (so it names its tables unqualified) and added with the new one
 * first, so that it refers to the new build's tables.
 */
async function copyForeignKeys(manager: EntityManager, from: string, to: string): Promise<void> {
  await manager.query(`SELECT set_config('search_path', $1, true)`, [from]);
  const keys: { table: string; name: string; definition: string }[] = await manager.query(
    `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND k.contype = 'f'`,
    [from],
  );
  await manager.query(`SELECT set_config('search_path', $1, true)`, [to]);
  for (const key of keys) {
    await manager.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
  }
  await manager.query(`SELECT set_config('search_path', 'public', true)`);
}
