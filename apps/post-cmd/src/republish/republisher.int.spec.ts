import { randomUUID } from 'node:crypto';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { eventually } from '@test/support/eventually';
import { isolatedEnvironment, type IsolatedEnvironment } from '@test/support/isolated-environment';
import { postCreatedEnvelope } from '@test/support/post-event-fixtures';
import { readTopic, type TopicReader } from '@test/support/topic-reader';
import { toEventDocument, type EventDocument } from '../event-store/event-document';
import { MongoEventHistory } from '../event-store/mongo-event-history';
import type { EventSink } from '../outbox/event-sink.port';
import { PublishingTurns } from '../outbox/publishing-turns';
import { relayParts, type RelayParts } from '../outbox/testing/relay-parts';
import { MongoRepublishJobs } from './mongo-republish-jobs';
import { REPUBLISH_LEASE_MS, Republisher } from './republisher';

/** Stored as published already: what is under test is the republish, not the relay. */
const storePublished = async (parts: RelayParts, events: readonly PostEventEnvelope[]) => {
  await parts.connection.db.collection<EventDocument>('events').insertMany(
    events.map((event) => {
      const { outbox: _slot, ...document } = toEventDocument(event);
      return { ...document, publishedAt: new Date() };
    }),
  );
};

const streamOf = (postId: string, length: number) =>
  Array.from({ length }, (_, index) => postCreatedEnvelope(postId, { version: index + 1 }));

describe('Republisher (against real MongoDB-compatible and Kafka servers)', () => {
  let environment: IsolatedEnvironment;
  let parts: RelayParts;
  let jobs: MongoRepublishJobs;
  let reader: TopicReader;
  const running: Republisher[] = [];

  /** A republisher as an instance of post-cmd runs it, over `sink` (the real one by default). */
  const startRepublisher = (sink: EventSink = parts.sink): Republisher => {
    const republisher = new Republisher(
      jobs,
      new MongoEventHistory(parts.connection, parts.store),
      sink,
      parts.metrics,
      new PublishingTurns(),
    );
    republisher.onApplicationBootstrap();
    running.push(republisher);
    return republisher;
  };

  beforeAll(async () => {
    environment = await isolatedEnvironment('republish');
    parts = await relayParts(environment);
    jobs = new MongoRepublishJobs(parts.connection);
    await jobs.onModuleInit();
    // The sink creates the topic when it first connects; the reader needs it to exist.
    await parts.sink.publish([]);
    reader = await readTopic(environment.variables.KAFKA_TOPIC!);
  });

  afterEach(async () => {
    for (const republisher of running.splice(0)) await republisher.beforeApplicationShutdown();
  });

  afterAll(async () => {
    await reader?.stop();
    await parts?.sink.onApplicationShutdown();
    await parts?.connection.onApplicationShutdown();
    await environment?.cleanup();
  });

  const versionsOnTopic = (postId: string) =>
    reader.messages
      .filter((message) => message.key?.toString() === postId)
      .map((message) => (JSON.parse(message.value!.toString()) as { version: number }).version);

  it("republishes a post's events in order, and reports it done", async () => {
    const postId = randomUUID();
    await storePublished(parts, streamOf(postId, 3));

    await startRepublisher().request(postId);

    await eventually(async () =>
      expect((await jobs.newest())?.progress).toMatchObject({ published: 3, done: true }),
    );
    await eventually(() => expect(versionsOnTopic(postId)).toEqual([1, 2, 3]));
  });

  it('takes over a job whose runner stopped saving progress (it died), once the lease has run out', async () => {
    const postId = randomUUID();
    await storePublished(parts, streamOf(postId, 3));
    // As an instance killed after publishing version 1 leaves it:
    const { job } = await jobs.request(postId);
    await jobs.advance(job, {
      step: 1,
      published: 1,
      after: { aggregateId: postId, version: 1 },
      done: false,
      savedAt: new Date(Date.now() - REPUBLISH_LEASE_MS - 1_000),
    });

    startRepublisher();

    await eventually(async () =>
      expect(await jobs.newest()).toMatchObject({ job, progress: { published: 3, done: true } }),
    );
    await eventually(() => expect(versionsOnTopic(postId)).toEqual([2, 3]));
  });

  it('lets the newest of two requests racing a chunk in flight run to its end, its progress its own', async () => {
    const postId = randomUUID();
    await storePublished(parts, streamOf(postId, 2_500)); // three chunks and more
    const total = await parts.connection.db.collection('events').countDocuments();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sends = 0;
    // The first chunk of the first job is held at the bus until the two requests are in.
    const heldSink: EventSink = {
      publish: async (events) => {
        if (++sends === 1) await released;
        return parts.sink.publish(events);
      },
    };
    const republisher = startRepublisher(heldSink);
    const first = await republisher.request(null);
    await eventually(() => expect(sends).toBe(1));

    const racing = await Promise.all([republisher.request(null), republisher.request(null)]);
    release();

    const numbers = racing.map(({ job }) => job.number).sort();
    expect(numbers).toEqual([first.job.number + 1, first.job.number + 2]);
    const newest = racing.find(({ job }) => job.number === numbers[1])!.job;
    await eventually(
      async () =>
        expect(await jobs.newest()).toEqual({
          job: newest,
          progress: expect.objectContaining({ published: total, done: true }) as unknown,
        }),
      { timeoutMs: 30_000 },
    );
    // The first job's chunk, published after the newer requests, saved nothing.
    expect(
      await parts.connection.db
        .collection('republish_progress')
        .countDocuments({ jobId: first.job.id }),
    ).toBe(0);
  });
});
