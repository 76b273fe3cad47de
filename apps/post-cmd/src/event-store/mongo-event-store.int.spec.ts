import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { ClaimTaken, VersionConflict } from '@social-posts/event-sourcing';
import { validateEnvironment } from '@social-posts/service-runtime';
import type { Collection, Document } from 'mongodb';
import { envelope, postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { PostCmdEnvironment } from '../config/post-cmd.environment';
import { OUTBOX_SLOTS, STREAM_PAGE_SIZE, bucketOf, outboxSlotOf } from './event-document';
import { MongoConnection } from './mongo-connection';
import { MongoOutbox } from '../outbox/mongo-outbox';
import { MongoEventHistory } from './mongo-event-history';
import { MongoEventStore } from './mongo-event-store';

describe('MongoEventStore, and the outbox and history over its documents (against the real MongoDB-compatible server)', () => {
  let environment: IsolatedEnvironment;
  let connection: MongoConnection;
  let store: MongoEventStore;
  let outbox: MongoOutbox;
  let history: MongoEventHistory;

  beforeAll(async () => {
    environment = await isolatedEnvironment('event_store');
    connection = new MongoConnection(
      new ConfigService<PostCmdEnvironment, true>(
        validateEnvironment(PostCmdEnvironment)({ ...process.env, ...environment.variables }),
      ),
    );
    store = new MongoEventStore(connection);
    await store.onModuleInit();
    outbox = new MongoOutbox(connection, store);
    history = new MongoEventHistory(connection, store);
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await environment?.cleanup();
  });

  it('is prepared by several instances starting together on an empty store, each of them starting', async () => {
    const together = `${environment.variables.MONGO_DATABASE}_together`;
    const connections = Array.from(
      { length: 8 },
      () =>
        new MongoConnection(
          new ConfigService<PostCmdEnvironment, true>(
            validateEnvironment(PostCmdEnvironment)({
              ...process.env,
              ...environment.variables,
              MONGO_DATABASE: together,
            }),
          ),
        ),
    );
    try {
      await expect(
        Promise.all(connections.map((each) => new MongoEventStore(each).onModuleInit())),
      ).resolves.toHaveLength(connections.length);
    } finally {
      await connections[0]!.db.dropDatabase();
      await Promise.all(connections.map((each) => each.onApplicationShutdown()));
    }
  });

  /** Versions 1..count of one post, each event a distinct PostCreated-shaped document. */
  const stream = (postId: string, count: number) =>
    Array.from({ length: count }, (_, index) =>
      postCreatedEnvelope(postId, { version: index + 1 }),
    );

  const liked = (postId: string, version: number, username: string) =>
    envelope(postId, version, 'PostLiked', {
      postId,
      username,
      likedAt: '2026-11-25T10:00:00.000Z',
    });

  const recordedAtOf = async (eventId: string): Promise<Date | undefined> =>
    (
      await connection.db
        .collection<{ _id: string; recordedAt: Date }>('events')
        .findOne({ _id: eventId })
    )?.recordedAt;

  const versionsOf = (events: readonly { version: number }[]) => events.map((e) => e.version);

  describe('streams', () => {
    const postId = randomUUID();
    const length = 2 * STREAM_PAGE_SIZE + 20;
    const events = stream(postId, length);

    beforeAll(async () => {
      for (const event of events) await store.append(event);
    });

    it('reads a stream of several pages back in version order, with the envelopes it was given', async () => {
      expect(await store.readStream(postId)).toEqual(events);
    });

    it('reads any range of versions, across pages', async () => {
      const from = STREAM_PAGE_SIZE - 2;
      const to = 2 * STREAM_PAGE_SIZE + 3;
      const range = await store.readStream(postId, { fromVersion: from, toVersion: to });

      expect(versionsOf(range)).toEqual(versionsOf(events.slice(from - 1, to)));
      expect(versionsOf(await store.readStream(postId, { fromVersion: length }))).toEqual([length]);
      expect(await store.readStream(postId, { fromVersion: length + 1 })).toEqual([]);
    });

    it('reads a stream whose last page is exactly full', async () => {
      const full = randomUUID();
      for (const event of stream(full, STREAM_PAGE_SIZE)) await store.append(event);

      expect(await store.readStream(full)).toHaveLength(STREAM_PAGE_SIZE);
    });
  });

  it('reads an unknown stream as empty', async () => {
    expect(await store.readStream(randomUUID())).toEqual([]);
  });

  it('starts again on an existing store, as after a restart, keeping what it holds and its rules', async () => {
    const created = postCreatedEnvelope();
    await store.append(created);

    const restarted = new MongoEventStore(connection);
    await restarted.onModuleInit();

    expect(await restarted.readStream(created.aggregateId)).toEqual([created]);
    expect(
      await new MongoOutbox(connection, restarted).findUnpublished(
        outboxSlotOf(created.aggregateId),
      ),
    ).toContainEqual(created);
    await expect(restarted.append({ ...created, eventId: randomUUID() })).rejects.toBeInstanceOf(
      VersionConflict,
    );
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
    expect(versionsOf(await store.readStream(postId))).toEqual([1, 2]);
  });

  describe('claims', () => {
    it('refuses a second event with a claim the stream holds, and stores nothing', async () => {
      const postId = randomUUID();
      await store.append(postCreatedEnvelope(postId));
      await store.append(liked(postId, 2, 'grace'), { claim: 'liked-by:grace' });

      await expect(
        store.append(liked(postId, 3, 'grace'), { claim: 'liked-by:grace' }),
      ).rejects.toEqual(new ClaimTaken(postId, 'liked-by:grace'));
      expect(versionsOf(await store.readStream(postId))).toEqual([1, 2]);
    });

    it('lets every stream hold the same claim once, and events without claims coexist', async () => {
      const [first, second] = [randomUUID(), randomUUID()];
      for (const postId of [first, second]) {
        await store.append(postCreatedEnvelope(postId));
        await store.append(liked(postId, 2, 'grace'), { claim: 'liked-by:grace' });
        await store.append(postCreatedEnvelope(postId, { version: 3 }));
      }

      expect(versionsOf(await store.readStream(second))).toEqual([1, 2, 3]);
    });

    it('answers a taken version as a conflict when the claim is free', async () => {
      const postId = randomUUID();
      await store.append(postCreatedEnvelope(postId));

      await expect(
        store.append(liked(postId, 1, 'linus'), { claim: 'liked-by:linus' }),
      ).rejects.toBeInstanceOf(VersionConflict);
      await store.append(liked(postId, 2, 'linus'), { claim: 'liked-by:linus' });
    });

    it('lets exactly one of many parallel claims of the same key win, whatever their versions', async () => {
      const postId = randomUUID();
      await store.append(postCreatedEnvelope(postId));

      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) =>
          store.append(liked(postId, 2 + n, 'ada'), { claim: 'liked-by:ada' }),
        ),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const liking = (await store.readStream(postId)).filter((e) => e.eventType === 'PostLiked');
      expect(liking).toHaveLength(1);
    });
  });

  describe('the outbox', () => {
    it("keeps new events unpublished in their post's slot, oldest first, until marked published", async () => {
      const postId = randomUUID();
      for (const event of stream(postId, 3)) await store.append(event);
      const slot = outboxSlotOf(postId);

      const pending = (await outbox.findUnpublished(slot)).filter((e) => e.aggregateId === postId);
      expect(versionsOf(pending)).toEqual([1, 2, 3]);

      await outbox.markPublished(pending);
      const left = (await outbox.findUnpublished(slot)).filter((e) => e.aggregateId === postId);
      expect(left).toEqual([]);
    });

    it('marks only what the batch held: an event appended after it was read stays unpublished', async () => {
      const postId = randomUUID();
      const slot = outboxSlotOf(postId);
      const [first, second, third] = stream(postId, 3);
      await store.append(first!);
      await store.append(second!);
      const batch = (await outbox.findUnpublished(slot)).filter((e) => e.aggregateId === postId);
      await store.append(third!);

      await outbox.markPublished(batch);

      const left = (await outbox.findUnpublished(slot)).filter((e) => e.aggregateId === postId);
      expect(versionsOf(left)).toEqual([3]);
    });

    it('counts what waits in every slot, and tells when the oldest of it was stored', async () => {
      for (let slot = 0; slot < OUTBOX_SLOTS; slot++) {
        await outbox.markPublished(await outbox.findUnpublished(slot));
      }
      expect(await outbox.backlog()).toEqual({ events: 0, oldestRecordedAt: null });

      const oldest = postCreatedEnvelope();
      await store.append(oldest);
      for (let n = 0; n < 4; n++) await store.append(postCreatedEnvelope());

      const [stored] = await store.readStream(oldest.aggregateId);
      const backlog = await outbox.backlog();
      expect(backlog.events).toBe(5);
      expect(backlog.oldestRecordedAt).toEqual(await recordedAtOf(stored!.eventId));
    });

    it('tells listeners each successful append and its slot, and nothing after a conflict', async () => {
      const postId = randomUUID();
      const appended = jest.fn();
      outbox.onPending(appended);
      const created = postCreatedEnvelope(postId);
      await store.append(created);
      await expect(store.append(postCreatedEnvelope(postId))).rejects.toBeInstanceOf(
        VersionConflict,
      );

      expect(appended.mock.calls).toEqual([[{ event: created, slot: outboxSlotOf(postId) }]]);
    });
  });

  describe('reading the whole store in order', () => {
    it('reads bucket by bucket, each post in version order, in chunks, from any position', async () => {
      // Two posts in different buckets, and a third in the first one's bucket.
      const a = randomUUID();
      const otherPost = (inBucketOfA: boolean): string => {
        for (;;) {
          const id = randomUUID();
          if ((bucketOf(id) === bucketOf(a)) === inBucketOfA) return id;
        }
      };
      const b = otherPost(false);
      const c = otherPost(true);
      for (const version of [1, 2, 3]) {
        for (const postId of [b, a, c])
          await store.append(postCreatedEnvelope(postId, { version }));
      }
      const name = (id: string) => (id === a ? 'a' : id === b ? 'b' : 'c');
      const read = async (scope: Parameters<typeof history.readInOrder>[0], chunkSize: number) => {
        const seen: string[] = [];
        for await (const chunk of history.readInOrder(scope, chunkSize)) {
          expect(chunk.length).toBeLessThanOrEqual(chunkSize);
          for (const e of chunk) {
            if ([a, b, c].includes(e.aggregateId)) seen.push(`${name(e.aggregateId)}${e.version}`);
          }
        }
        return seen;
      };
      const ac = [a, c].sort().map(name);
      const all = [
        ...(bucketOf(b) < bucketOf(a) ? ['b'] : []),
        ...ac,
        ...(bucketOf(b) > bucketOf(a) ? ['b'] : []),
      ].flatMap((post) => [1, 2, 3].map((version) => `${post}${version}`));

      expect(await read({ aggregateId: null, after: null }, 4)).toEqual(all);
      const resumeAfter = all[4]!;
      const after = {
        aggregateId: [a, b, c].find((id) => name(id) === resumeAfter[0])!,
        version: Number(resumeAfter[1]),
      };
      expect(await read({ aggregateId: null, after }, 2)).toEqual(all.slice(5));
      expect(await read({ aggregateId: b, after: { aggregateId: b, version: 1 } }, 10)).toEqual([
        'b2',
        'b3',
      ]);
    });
  });

  it('reads the events of one entity of a stream on their own', async () => {
    const postId = randomUUID();
    await store.append(postCreatedEnvelope(postId));
    await store.append(liked(postId, 2, 'grace'), { entity: 'comment:a' });
    await store.append(liked(postId, 3, 'linus'), { entity: 'comment:b' });
    await store.append(liked(postId, 4, 'ada'), { entity: 'comment:a' });

    expect(versionsOf(await store.readEntity(postId, 'comment:a'))).toEqual([2, 4]);
    expect(await store.readEntity(randomUUID(), 'comment:a')).toEqual([]);
  });

  it('reads one person’s events across streams, by stream and version, and no one else’s', async () => {
    const [first, second] = [randomUUID(), randomUUID()].sort() as [string, string];
    const person = randomUUID();
    await store.append(postCreatedEnvelope(second), { person });
    await store.append(postCreatedEnvelope(first), { person: randomUUID() });
    await store.append(liked(first, 2, 'ada'), { person });
    await store.append(liked(second, 2, 'grace'), { person: randomUUID() });
    await store.append(liked(second, 3, 'ada'), { person });

    const events = await store.readByPerson(person);

    expect(events.map(({ aggregateId, version }) => [aggregateId, version])).toEqual([
      [first, 2],
      [second, 1],
      [second, 3],
    ]);
    expect(await store.readByPerson(randomUUID())).toEqual([]);
  });

  describe('a store written by the previous version (format 1)', () => {
    let legacy: IsolatedEnvironment;
    let legacyConnection: MongoConnection;
    let legacyStore: MongoEventStore;
    const postId = randomUUID();
    const commentId = randomUUID();

    /** Format 1: the envelope's fields, `published`, and nothing to find them by but the post. */
    const formatOne = (event: ReturnType<typeof liked>, published: boolean): Document => ({
      _id: event.eventId,
      eventType: event.eventType,
      schemaVersion: event.schemaVersion,
      aggregateId: event.aggregateId,
      aggregateType: event.aggregateType,
      version: event.version,
      occurredAt: new Date(event.occurredAt),
      data: event.data,
      metadata: event.metadata,
      recordedAt: new Date(),
      published,
      publishedAt: published ? new Date() : null,
    });

    beforeAll(async () => {
      legacy = await isolatedEnvironment('event_store_legacy');
      legacyConnection = new MongoConnection(
        new ConfigService<PostCmdEnvironment, true>(
          validateEnvironment(PostCmdEnvironment)({ ...process.env, ...legacy.variables }),
        ),
      );
      const events: Collection<Document> = legacyConnection.db.collection('events');
      await events.createIndex(
        { aggregateId: 1, version: 1 },
        { name: 'stream_version', unique: true },
      );
      await events.createIndex({ published: 1, aggregateId: 1, version: 1 }, { name: 'outbox' });
      const history = [
        postCreatedEnvelope(postId),
        ...Array.from({ length: STREAM_PAGE_SIZE + 5 }, (_, n) => liked(postId, n + 2, `fan-${n}`)),
        envelope(postId, STREAM_PAGE_SIZE + 7, 'CommentAdded', {
          postId,
          commentId,
          username: 'grace',
          comment: 'Hi',
          commentDate: '2026-11-25T10:00:00.000Z',
        }),
      ];
      await events.insertMany(
        history.map((event) => formatOne(event, event.version < history.length)),
      );
      legacyStore = new MongoEventStore(legacyConnection);
      await legacyStore.onModuleInit();
    });

    afterAll(async () => {
      await legacyConnection?.onApplicationShutdown();
      await legacy?.cleanup();
    });

    it('is brought to the current layout at start: every page read finds its events', async () => {
      expect(versionsOf(await legacyStore.readStream(postId))).toEqual(
        Array.from({ length: STREAM_PAGE_SIZE + 7 }, (_, n) => n + 1),
      );
    });

    it('keeps what was unpublished waiting in the outbox, and only that', async () => {
      const pending = await new MongoOutbox(legacyConnection, legacyStore).findUnpublished(
        outboxSlotOf(postId),
      );

      expect(versionsOf(pending)).toEqual([STREAM_PAGE_SIZE + 7]);
    });

    it('finds its comments by their entity', async () => {
      const events = await legacyStore.readEntity(postId, `comment:${commentId}`);

      expect(versionsOf(events)).toEqual([STREAM_PAGE_SIZE + 7]);
    });

    it('keeps the one-like-per-user rule for likes stored before claims existed', async () => {
      await expect(
        legacyStore.append(liked(postId, STREAM_PAGE_SIZE + 8, 'fan-3'), {
          claim: 'liked-by:fan-3',
        }),
      ).rejects.toBeInstanceOf(ClaimTaken);
    });
  });
});
