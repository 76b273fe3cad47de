import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { VersionConflict } from '@social-posts/event-sourcing';
import { validateEnvironment } from '@social-posts/service-runtime';
import { postCreatedEnvelope } from '../../../../test/support/post-event-fixtures';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { PostCmdEnvironment } from '../config/post-cmd.environment';
import { MongoConnection } from './mongo-connection';
import { MongoEventStore } from './mongo-event-store';

describe('MongoEventStore (against the real MongoDB-compatible server)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let store: MongoEventStore;

  beforeAll(async () => {
    environment = await isolatedEnvironment('event_store');
    connection = new MongoConnection(
      new ConfigService<PostCmdEnvironment, true>(
        validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
      ),
    );
    store = new MongoEventStore(connection);
    await store.onModuleInit();
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  /** Versions 1..count of one post, each event a distinct PostCreated-shaped document. */
  const stream = (postId: string, count: number) =>
    Array.from({ length: count }, (_, index) =>
      postCreatedEnvelope(postId, { version: index + 1 }),
    );

  it('reads a stream back in version order, with the envelope it was given', async () => {
    const postId = randomUUID();
    const events = stream(postId, 3);
    for (const event of events) await store.append(event);

    expect(await store.readStream(postId)).toEqual(events);
  });

  it('reads a stream up to a version', async () => {
    const postId = randomUUID();
    for (const event of stream(postId, 3)) await store.append(event);

    expect((await store.readStream(postId, { toVersion: 2 })).map((e) => e.version)).toEqual([
      1, 2,
    ]);
  });

  it('starts again on an existing store, as after a restart', async () => {
    await store.append(postCreatedEnvelope());

    await expect(store.onModuleInit()).resolves.toBeUndefined();
    await expect(new MongoEventStore(connection).onModuleInit()).resolves.toBeUndefined();
  });

  it('reads an unknown stream as empty', async () => {
    expect(await store.readStream(randomUUID())).toEqual([]);
  });

  it('lets exactly one of many parallel writers of the same version win', async () => {
    const postId = randomUUID();
    await store.append(postCreatedEnvelope(postId));
    const writers = Array.from({ length: 20 }, () =>
      store.append(postCreatedEnvelope(postId, { version: 2 })),
    );

    const outcomes = await Promise.allSettled(writers);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const rejections = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejections).toHaveLength(19);
    for (const rejection of rejections) expect(rejection.reason).toBeInstanceOf(VersionConflict);
    expect((await store.readStream(postId)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('keeps new events unpublished, each post oldest first, until marked published', async () => {
    const postId = randomUUID();
    const events = stream(postId, 3);
    for (const event of events) await store.append(event);

    const pending = (await store.findUnpublished(10_000)).filter((e) => e.aggregateId === postId);
    expect(pending.map((e) => e.version)).toEqual([1, 2, 3]);

    await store.markPublished(pending);
    const left = (await store.findUnpublished(10_000)).filter((e) => e.aggregateId === postId);
    expect(left).toEqual([]);
  });

  it('marks only what the batch held: an event appended after it was read stays unpublished', async () => {
    const postId = randomUUID();
    const [first, second, third] = stream(postId, 3);
    await store.append(first!);
    await store.append(second!);
    const batch = (await store.findUnpublished(10_000)).filter((e) => e.aggregateId === postId);
    await store.append(third!);

    await store.markPublished(batch);

    const left = (await store.findUnpublished(10_000)).filter((e) => e.aggregateId === postId);
    expect(left.map((e) => e.version)).toEqual([3]);
  });

  it('reads the store in (post, version) order, in chunks, from any position', async () => {
    const [a, b] = [randomUUID(), randomUUID()].sort();
    for (const version of [1, 2, 3]) {
      await store.append(postCreatedEnvelope(b, { version }));
      await store.append(postCreatedEnvelope(a, { version }));
    }
    const read = async (scope: Parameters<typeof store.readInOrder>[0], chunkSize: number) => {
      const chunks: string[][] = [];
      for await (const chunk of store.readInOrder(scope, chunkSize)) {
        chunks.push(
          chunk
            .filter((e) => e.aggregateId === a || e.aggregateId === b)
            .map((e) => `${e.aggregateId === a ? 'a' : 'b'}${e.version}`),
        );
      }
      return chunks.flat();
    };

    expect(await read({ aggregateId: null, after: null }, 4)).toEqual([
      'a1',
      'a2',
      'a3',
      'b1',
      'b2',
      'b3',
    ]);
    expect(await read({ aggregateId: null, after: { aggregateId: a!, version: 2 } }, 2)).toEqual([
      'a3',
      'b1',
      'b2',
      'b3',
    ]);
    expect(await read({ aggregateId: b!, after: { aggregateId: b!, version: 1 } }, 10)).toEqual([
      'b2',
      'b3',
    ]);
  });

  it('saves and loads where a republish has got to', async () => {
    const job = {
      aggregateId: null,
      total: 10,
      published: 4,
      after: { aggregateId: randomUUID(), version: 2 },
      done: false,
    };
    await store.saveRepublishJob(job);
    expect(await store.loadRepublishJob()).toEqual(job);
    await store.saveRepublishJob({ ...job, published: 10, done: true });
    expect(await store.loadRepublishJob()).toEqual({ ...job, published: 10, done: true });
  });

  it('tells listeners after each successful append, and not after a conflict', async () => {
    const postId = randomUUID();
    const appended = jest.fn();
    store.onPendingEvents(appended);
    await store.append(postCreatedEnvelope(postId));
    await expect(store.append(postCreatedEnvelope(postId))).rejects.toBeInstanceOf(VersionConflict);

    expect(appended).toHaveBeenCalledTimes(1);
  });
});
