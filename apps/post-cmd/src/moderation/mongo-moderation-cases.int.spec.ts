import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment } from '@social-posts/service-runtime';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { PostCmdEnvironment } from '../config/post-cmd.environment';
import { MongoConnection } from '../event-store/mongo-connection';
import { MongoModerationCases } from './mongo-moderation-cases';
import { caseIdOf, type ModerationCase, type ModerationChange } from './process/moderation-process';

describe('MongoModerationCases (against the real MongoDB-compatible server)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let cases: MongoModerationCases;

  beforeAll(async () => {
    environment = await isolatedEnvironment('moderation_cases');
    connection = new MongoConnection(
      new ConfigService<PostCmdEnvironment, true>(
        validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
      ),
    );
    cases = new MongoModerationCases(connection);
    await cases.onModuleInit();
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  const caseOf = (postId: string, deadline: string): ModerationCase => ({
    caseId: caseIdOf(postId, 3),
    postId,
    reports: 3,
    reasons: ['spam'],
    openedAt: '2026-12-01T10:00:00.000Z',
    deadline,
    outcome: null,
  });
  const reported = (postId: string, version: number): ModerationChange => ({
    kind: 'reported',
    postId,
    report: { version, reason: 'spam', reportedAt: '2026-12-01T10:00:00.000Z' },
  });
  const kept = { decision: 'keep', decidedBy: 'moderator', version: 5, decidedAt: 'x' } as const;

  it('reads back what it recorded, once however often it was recorded', async () => {
    const postId = randomUUID();
    const opened = caseOf(postId, '2026-12-02T10:00:00.000Z');
    const changes = [reported(postId, 2), reported(postId, 3), { kind: 'opened', case: opened }];
    await cases.record(changes as ModerationChange[]);
    await cases.record(changes as ModerationChange[]);

    const read = await cases.ofPost(postId);
    expect(read.reports.map((report) => report.version)).toEqual([2, 3]);
    expect(read.cases).toEqual([opened]);
    expect(await cases.find(opened.caseId)).toEqual(opened);
    expect(await cases.find(randomUUID())).toBeNull();
  });

  it('lists open cases soonest deadline first, and a case closed once leaves the list', async () => {
    const later = caseOf(randomUUID(), '2026-12-09T10:00:00.000Z');
    const sooner = caseOf(randomUUID(), '2026-12-01T11:00:00.000Z');
    await cases.record([
      { kind: 'opened', case: later },
      { kind: 'opened', case: sooner },
    ]);
    const ids = async () => (await cases.open()).map((each) => each.caseId);
    expect((await ids()).filter((id) => [later.caseId, sooner.caseId].includes(id))).toEqual([
      sooner.caseId,
      later.caseId,
    ]);

    const close = { kind: 'closed', caseId: sooner.caseId, outcome: kept } as const;
    expect(await cases.record([close])).toEqual([kept]);
    // Closed already: nothing more is closed, and the first outcome stays.
    expect(await cases.record([{ ...close, outcome: { ...kept, decision: 'remove' } }])).toEqual(
      [],
    );
    expect(await ids()).not.toContain(sooner.caseId);
    expect((await cases.find(sooner.caseId))?.outcome).toEqual(kept);
    // A redelivered opening does not open it again.
    await cases.record([{ kind: 'opened', case: sooner }]);
    expect(await ids()).not.toContain(sooner.caseId);
  });

  it('lets one claimant of many fire a timer in a lease period, and one again in the next', async () => {
    const caseId = randomUUID();
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, n) => cases.claimTimer(caseId, 0, `instance-${n}`)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await cases.claimTimer(caseId, 0, 'late')).toBe(false);
    expect(await cases.claimTimer(caseId, 1, 'next period')).toBe(true);
  });
});
