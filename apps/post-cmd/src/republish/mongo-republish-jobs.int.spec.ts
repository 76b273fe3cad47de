import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment } from '@social-posts/service-runtime';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { PostCmdEnvironment } from '../config/post-cmd.environment';
import { MongoConnection } from '../event-store/mongo-connection';
import { MongoRepublishJobs } from './mongo-republish-jobs';
import type { RepublishProgress } from './republish-job';

describe('MongoRepublishJobs (against the real MongoDB-compatible server)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let jobs: MongoRepublishJobs;

  beforeAll(async () => {
    environment = await isolatedEnvironment('republish_jobs');
    connection = new MongoConnection(
      new ConfigService<PostCmdEnvironment, true>(
        validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
      ),
    );
    jobs = new MongoRepublishJobs(connection);
    await jobs.onModuleInit();
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  const step = (n: number, published: number, done = false): RepublishProgress => ({
    step: n,
    published,
    after: { aggregateId: randomUUID(), version: n },
    done,
    savedAt: new Date(),
  });

  it('gives requests made at once a number each, the newest the highest', async () => {
    const before = (await jobs.newest())?.job.number ?? 0;

    const requested = await Promise.all(Array.from({ length: 8 }, () => jobs.request(null)));

    const numbers = requested.map(({ job }) => job.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, n) => before + n + 1));
    expect((await jobs.newest())?.job.number).toBe(before + 8);
  });

  it("keeps each job's progress its own: an older job's step is refused once a newer job exists", async () => {
    const older = await jobs.request(null);
    expect(await jobs.advance(older.job, step(1, 1_000))).toBe(true);
    const newer = await jobs.request(null);

    expect(await jobs.advance(older.job, step(2, 2_000))).toBe(false);

    expect(await jobs.newest()).toEqual(newer);
  });

  it('saves a step once: the runner that reaches it second is refused', async () => {
    const { job } = await jobs.request(randomUUID());
    const outcomes = await Promise.all([
      jobs.advance(job, step(1, 1_000)),
      jobs.advance(job, step(1, 1_000)),
    ]);

    expect(outcomes.sort()).toEqual([false, true]);
    expect(await jobs.advance(job, step(2, 1_500, true))).toBe(true);
    expect((await jobs.newest())?.progress).toMatchObject({
      step: 2,
      published: 1_500,
      done: true,
    });
  });
});
