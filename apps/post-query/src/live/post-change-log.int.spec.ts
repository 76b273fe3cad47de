import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { MigrationRunner } from '../database/migration-runner';
import { MIGRATIONS } from '../migrations';
import { PostChangeLog } from './post-change-log';

/** The change log's reads and its trimming, against real PostgreSQL. */
describe('PostChangeLog (against real PostgreSQL)', () => {
  let environment: IsolatedEnvironment;
  let dataSource: DataSource;
  let log: PostChangeLog;

  beforeAll(async () => {
    environment = await isolatedEnvironment('change_log');
    dataSource = new DataSource({
      type: 'postgres',
      url: environment.variables.DATABASE_URL,
      migrations: MIGRATIONS,
    });
    await dataSource.initialize();
    await new MigrationRunner(dataSource).onModuleInit();
    log = new PostChangeLog(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await environment?.cleanup();
  });

  /** Changes at positions 1..ages.length, each projected that many hours ago. */
  const given = async (ages: number[], author = 'ada', tags: string[] = []) => {
    for (const [index, hours] of ages.entries()) {
      await dataSource.query(
        `INSERT INTO post_changes (position, post_id, version, event_type, author, tags, post,
           occurred_at, projected_at)
         VALUES ($1, $2, 1, 'PostCreated', $3, $4, '{}', now(), now() - make_interval(hours => $5))`,
        [index + 1, randomUUID(), author, tags, hours],
      );
    }
    await dataSource.query('UPDATE post_changes_head SET position = $1', [ages.length]);
  };

  afterEach(async () => {
    await dataSource.query('TRUNCATE post_changes');
    await dataSource.query('UPDATE post_changes_head SET position = 0, deleted_through = 0');
  });

  it('reads the changes after a position, in order, filtered', async () => {
    await given([3, 2, 1]);

    expect((await log.after(1n, 10)).map((change) => change.position)).toEqual(['2', '3']);
    expect(await log.after(0n, 10, { author: 'grace' })).toEqual([]);
    expect(await log.after(0n, 2)).toHaveLength(2);
  });

  it('trims what is older than the cutoff, and records how far it trimmed', async () => {
    await given([30, 25, 1]);

    expect(await log.trim(new Date(Date.now() - 24 * 3_600_000))).toBe(2);
    expect(await log.bounds()).toEqual({ head: 3n, trimmedThrough: 2n });
    expect((await log.after(0n, 10)).map((change) => change.position)).toEqual(['3']);
  });

  it('trims nothing, and moves nothing, when every change is young', async () => {
    await given([1, 2]);

    expect(await log.trim(new Date(Date.now() - 24 * 3_600_000))).toBe(0);
    expect(await log.bounds()).toEqual({ head: 2n, trimmedThrough: 0n });
  });
});
